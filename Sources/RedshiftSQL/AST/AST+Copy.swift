extension AST {
    /// `COPY table [(column, …)] FROM 's3://…' authorization [[FORMAT] [AS] format] [parameter [argument]] …`.
    ///
    /// The parser keeps every parameter as written (name, argument, position); the Analyzer
    /// (`Analyzer+Copy.swift`) checks them and their combinations and makes a `CopyPlan`.
    ///
    /// - Redshift: COPY (r_COPY), its parameter pages (copy-parameters-data-source-s3,
    ///   copy-parameters-authorization, copy-parameters-data-format, copy-parameters-file-compression,
    ///   copy-parameters-data-conversion, copy-parameters-data-load).
    struct Copy: Equatable, Sendable {
        var table: Name
        var columns: [String]
        /// The FROM string, e.g. `s3://bucket/prefix`.
        var source: String
        var sourcePosition: Int
        var options: [CopyOption]
    }

    /// One COPY parameter: an upper-case name (`DELIMITER`, `IAM_ROLE`, `CSV` …) and its argument.
    struct CopyOption: Equatable, Sendable {
        enum Argument: Equatable, Sendable {
            case string(String)
            case number(Int64)
            /// A bare word, lower-cased (`IAM_ROLE default`, `ENCODING utf8`, `COMPUPDATE off`).
            case word(String)
        }

        var name: String
        var argument: Argument?
        var position: Int
    }
}

/// What an `UNLOAD ('select …') TO 's3://…' …` statement asks for, checked by the parser: the
/// destination and every option. The inner query itself is the translation's step and result
/// columns (`Translation.steps`, `.resultColumns`), analyzed as the caller.
///
/// - Redshift: r_UNLOAD (syntax, parameters and the options that cannot be combined).
public struct UnloadPlan: Equatable, Sendable {
    /// `s3://bucket/prefix` as written in TO.
    public var location: String
    public var options: UnloadOptions

    public init(location: String, options: UnloadOptions) {
        self.location = location
        self.options = options
    }
}

/// The options of one UNLOAD (r_UNLOAD › Parameters); defaults are Redshift's.
public struct UnloadOptions: Equatable, Sendable {
    /// `FORMAT [AS] CSV | PARQUET | JSON`; pipe-delimited text when none is given.
    public enum Format: String, Equatable, Sendable { case text, csv, parquet, json }
    /// `GZIP`, `BZIP2`, `ZSTD`.
    public enum Compression: String, Equatable, Sendable { case none, gzip, bzip2, zstd }
    /// `MANIFEST [VERBOSE]`.
    public enum Manifest: Equatable, Sendable { case none, plain, verbose }

    /// One `name:width` of a FIXEDWIDTH specification (the name may also be the column's number).
    public struct FixedWidthColumn: Equatable, Sendable {
        public var label: String
        public var width: Int
    }

    public var format: Format = .text
    /// `DELIMITER [AS] 'c'`: nil for the format's default (`|` text, `,` CSV).
    public var delimiter: String?
    public var fixedWidth: [FixedWidthColumn]?
    public var header = false
    /// `NULL [AS] 's'`: nil for the default (an empty field; blanks in fixed-width files).
    public var nullAs: String?
    public var addQuotes = false
    public var escape = false
    public var compression: Compression = .none
    /// `EXTENSION 'ext'`, without a leading dot.
    public var fileExtension: String?
    /// `PARALLEL ON | TRUE` (the default) or `OFF | FALSE`.
    public var parallel = true
    /// `MAXFILESIZE [AS] n [MB | GB]` in bytes; nil: 6.2 GB.
    public var maxFileSize: Int64?
    /// `ROWGROUPSIZE [AS] n [MB | GB]` in bytes (Parquet); nil: 32 MB.
    public var rowGroupSize: Int64?
    public var manifest: Manifest = .none
    /// `PARTITION BY (cols)`, lower-cased.
    public var partitionBy: [String] = []
    /// `PARTITION BY (…) INCLUDE`: the partition columns stay in the files.
    public var partitionInclude = false
    public var allowOverwrite = false
    public var cleanPath = false
    public var encrypted = false
    public var kmsKeyId: String?
    public var region: String?

    public init() {}

    /// The default largest file, 6.2 GB (r_UNLOAD › MAXFILESIZE).
    public static let defaultMaxFileSize: Int64 = 6_200 * 1024 * 1024
    /// The field separator in effect.
    public var effectiveDelimiter: String { delimiter ?? (format == .csv ? "," : "|") }
}

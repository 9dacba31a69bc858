extension AST {
    /// `UNLOAD ('select …') TO 's3://…' authorization [option …]` (r_UNLOAD).
    struct Unload: Equatable, Sendable {
        /// The quoted SELECT, parsed from its text (`''` already un-doubled by the lexer).
        var query: Query
        /// `s3://bucket/prefix`.
        var location: String
        var authorization: S3Authorization
        var options: UnloadOptions
        var position: Int
    }

    /// How COPY and UNLOAD are allowed to reach S3 (copy-parameters-authorization); the emulator
    /// checks the form and never uses the values.
    enum S3Authorization: Equatable, Sendable {
        /// `IAM_ROLE default` (nil) or `IAM_ROLE 'arn:aws:iam::<account>:role/<name>[,…]'`.
        case iamRole(String?)
        /// `CREDENTIALS [AS] 'aws_iam_role=…'` or `'aws_access_key_id=…;aws_secret_access_key=…[;token=…]'`.
        case credentials(String)
        /// `ACCESS_KEY_ID '…' SECRET_ACCESS_KEY '…' [SESSION_TOKEN '…']`.
        case accessKey(id: String, secret: String, sessionToken: String?)
    }
}

extension AST.Unload {
    /// The options, not the secrets: `(unload query (to 's3://…') (auth iam-role) options…)`.
    var tree: String {
        typealias P = ASTPrinter
        let auth: String
        switch authorization {
        case .iamRole: auth = "iam-role"
        case .credentials: auth = "credentials"
        case .accessKey: auth = "access-key"
        }
        var parts = [query.tree, P.node("to", P.quoted(location)), P.node("auth", auth), P.node("format", options.format.rawValue)]
        if let delimiter = options.delimiter { parts.append(P.node("delimiter", P.quoted(delimiter))) }
        if let columns = options.fixedWidth { parts.append(P.node("fixedwidth", columns.map { "\($0.label):\($0.width)" })) }
        if options.header { parts.append("header") }
        if let null = options.nullAs { parts.append(P.node("null-as", P.quoted(null))) }
        if options.addQuotes { parts.append("addquotes") }
        if options.escape { parts.append("escape") }
        if options.compression != .none { parts.append(options.compression.rawValue) }
        if let ext = options.fileExtension { parts.append(P.node("extension", P.quoted(ext))) }
        if !options.parallel { parts.append("parallel-off") }
        if let size = options.maxFileSize { parts.append(P.node("maxfilesize", "\(size)")) }
        if let size = options.rowGroupSize { parts.append(P.node("rowgroupsize", "\(size)")) }
        switch options.manifest {
        case .none: break
        case .plain: parts.append("manifest")
        case .verbose: parts.append("manifest-verbose")
        }
        if !options.partitionBy.isEmpty {
            parts.append(P.node("partition-by", options.partitionBy + (options.partitionInclude ? ["include"] : [])))
        }
        if options.allowOverwrite { parts.append("allowoverwrite") }
        if options.cleanPath { parts.append("cleanpath") }
        if options.encrypted { parts.append("encrypted") }
        return P.node("unload", parts)
    }
}

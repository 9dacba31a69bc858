import Foundation

/// `UNLOAD ('select-statement') TO 's3://object-path/name-prefix' authorization [option …]`.
///
/// - Redshift: r_UNLOAD (syntax; the options that cannot be combined), copy-parameters-authorization
///   (IAM_ROLE, CREDENTIALS, ACCESS_KEY_ID/SECRET_ACCESS_KEY/SESSION_TOKEN).
/// - Divergence: the texts of the errors for invalid combinations are the emulator's own (the
///   pages say what is refused, not how Redshift words it).
extension Parser {
    mutating func parseUnload() throws -> AST.Statement {
        let start = current.position
        try expectWord("unload")
        try expectSymbol("(")
        guard current.kind == .string else { throw unexpected() }
        let queryToken = advance()
        try expectSymbol(")")
        let query = try Self.innerQuery(queryToken)
        try expectWord("to")
        guard current.kind == .string else { throw unexpected() }
        let toToken = advance()
        guard toToken.text.lowercased().hasPrefix("s3://"), toToken.text.count > 5 else {
            throw Self.unloadError("UNLOAD destination must be an Amazon S3 path (s3://bucket/prefix): '\(toToken.text)'", at: toToken.position)
        }
        var options = UnloadOptions()
        var authorization: AST.S3Authorization?
        var seen: Set<String> = []
        while current.kind == .word {
            let token = current
            let word = token.text
            // Each option once (PostgreSQL's wording for a repeated option).
            let key = ["csv", "parquet", "json"].contains(word) ? "format" : ["gzip", "bzip2", "zstd"].contains(word) ? "compression" : word
            guard seen.insert(key).inserted else {
                throw SQLError(code: "42601", message: "conflicting or redundant options", position: token.position)
            }
            index += 1
            switch word {
            case "iam_role", "credentials", "access_key_id":
                if authorization != nil {
                    throw Self.unloadError("IAM_ROLE, CREDENTIALS and ACCESS_KEY_ID cannot be used together", at: token.position)
                }
                authorization = try parseS3Authorization(word, at: token)
                if case .accessKey = authorization { seen.insert("secret_access_key") }
            case "format":
                _ = consumeWord("as")
                guard let format = UnloadOptions.Format(rawValue: current.text), current.kind == .word, format != .text else {
                    throw unexpected()
                }
                index += 1
                options.format = format
            case "csv", "parquet", "json":
                _ = consumeWord("as")
                options.format = UnloadOptions.Format(rawValue: word) ?? .text
            case "partition":
                try expectWord("by")
                options.partitionBy = try parseIdentifierList()
                options.partitionInclude = consumeWord("include")
            case "manifest":
                options.manifest = consumeWord("verbose") ? .verbose : .plain
            case "header": options.header = true
            case "delimiter":
                _ = consumeWord("as")
                let value = try unloadString()
                let delimiter = Self.unescapedDelimiter(value.text)
                guard delimiter.unicodeScalars.count == 1, delimiter.unicodeScalars.first!.isASCII else {
                    throw Self.unloadError("DELIMITER must be a single ASCII character: '\(value.text)'", at: value.position)
                }
                options.delimiter = delimiter
            case "fixedwidth":
                _ = consumeWord("as")
                let value = try unloadString()
                options.fixedWidth = try Self.fixedWidthSpec(value.text, at: value.position)
            case "encrypted":
                _ = consumeWord("auto")
                options.encrypted = true
            case "kms_key_id":
                options.kmsKeyId = try unloadString().text
            case "master_symmetric_key":
                _ = try unloadString()
            case "gzip", "bzip2", "zstd":
                options.compression = UnloadOptions.Compression(rawValue: word) ?? .none
            case "addquotes": options.addQuotes = true
            case "null":
                _ = consumeWord("as")
                options.nullAs = try unloadString().text
            case "escape": options.escape = true
            case "allowoverwrite": options.allowOverwrite = true
            case "cleanpath": options.cleanPath = true
            case "parallel":
                if consumeWord("on") || consumeWord("true") {
                    options.parallel = true
                } else if consumeWord("off") || consumeWord("false") {
                    options.parallel = false
                }
            case "maxfilesize":
                let (bytes, position) = try parseSize()
                guard bytes >= 5 * 1024 * 1024, bytes <= UnloadOptions.defaultMaxFileSize else {
                    throw Self.unloadError("MAXFILESIZE must be between 5 MB and 6.2 GB", at: position)
                }
                options.maxFileSize = bytes
            case "rowgroupsize":
                let (bytes, position) = try parseSize()
                guard bytes >= 32 * 1024 * 1024, bytes <= 128 * 1024 * 1024 else {
                    throw Self.unloadError("ROWGROUPSIZE must be between 32 MB and 128 MB", at: position)
                }
                options.rowGroupSize = bytes
            case "region":
                _ = consumeWord("as")
                let value = try unloadString()
                guard value.text.range(of: #"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$"#, options: .regularExpression) != nil else {
                    throw Self.unloadError("Invalid REGION '\(value.text)'", at: value.position)
                }
                options.region = value.text
            case "extension":
                let value = try unloadString().text
                options.fileExtension = value.hasPrefix(".") ? String(value.dropFirst()) : value
            default:
                index -= 1
                throw unexpected()
            }
        }
        guard let authorization else {
            throw Self.unloadError("UNLOAD requires authorization: IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID and SECRET_ACCESS_KEY", at: start)
        }
        try Self.checkCombinations(options, authorization: authorization, at: start)
        return .unload(AST.Unload(query: query, location: toToken.text, authorization: authorization, options: options, position: start))
    }

    /// The quoted SELECT parsed as a statement of its own; errors point into the UNLOAD's text.
    private static func innerQuery(_ token: Token) throws -> AST.Query {
        let statement: AST.Statement
        do {
            statement = try Parser.parseStatement(token.text)
        } catch var error as SQLError {
            error.position = error.position.map { $0 + token.position }
            throw error
        }
        guard case .query(let query) = statement else {
            throw unloadError("UNLOAD supports only a SELECT statement", at: token.position)
        }
        if case .select(let select) = query.body, select.into != nil {
            throw unloadError("UNLOAD supports only a SELECT statement", at: token.position)
        }
        // r_UNLOAD › Limit clause: "The SELECT query can't use a LIMIT clause in the outer SELECT."
        if query.limit != nil {
            throw SQLError(code: "0A000", message: "Limit clause is not supported in the outer SELECT of UNLOAD", position: token.position)
        }
        return query
    }

    private mutating func unloadString() throws -> Token {
        guard current.kind == .string else { throw unexpected() }
        return advance()
    }

    /// `[AS] n [MB | GB]` in bytes (MB by default; r_UNLOAD › MAXFILESIZE, ROWGROUPSIZE).
    private mutating func parseSize() throws -> (Int64, Int) {
        _ = consumeWord("as")
        guard current.kind == .number, let value = Double(current.text), value > 0 else { throw unexpected() }
        let position = current.position
        index += 1
        var unit = 1024.0 * 1024
        if consumeWord("gb") { unit *= 1024 } else { _ = consumeWord("mb") }
        return (Int64((value * unit).rounded(.down)), position)
    }

    /// The authorization that starts with `word` (consumed).
    private mutating func parseS3Authorization(_ word: String, at token: Token) throws -> AST.S3Authorization {
        switch word {
        case "iam_role":
            if consumeWord("default") { return .iamRole(nil) }
            let value = try unloadString()
            try Self.checkRoles(value.text, at: value.position)
            return .iamRole(value.text)
        case "credentials":
            _ = consumeWord("as")
            let value = try unloadString()
            try Self.checkCredentials(value.text, at: value.position)
            return .credentials(value.text)
        default:
            let id = try unloadString()
            guard consumeWord("secret_access_key") else {
                throw Self.unloadError("ACCESS_KEY_ID requires SECRET_ACCESS_KEY", at: token.position)
            }
            let secret = try unloadString()
            var sessionToken: String?
            if consumeWord("session_token") { sessionToken = try unloadString().text }
            guard !id.text.isEmpty, !secret.text.isEmpty else {
                throw Self.unloadError("ACCESS_KEY_ID and SECRET_ACCESS_KEY must not be empty", at: id.position)
            }
            return .accessKey(id: id.text, secret: secret.text, sessionToken: sessionToken)
        }
    }

    /// `arn:aws:iam::<account>:role/<name>`, comma-separated for role chaining (12 digits; the
    /// Developer Guide's examples use 13, `0123456789012`, so those pass too).
    static func checkRoles(_ text: String, at position: Int) throws {
        let pattern = #"^arn:aws[a-z-]*:iam::[0-9]{12,13}:role/[A-Za-z0-9+=,.@_/-]+$"#
        for role in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard role.range(of: pattern, options: .regularExpression) != nil else {
                throw unloadError("Invalid IAM role ARN: '\(role)'", at: position)
            }
        }
    }

    /// `aws_iam_role=arn…` or `aws_access_key_id=…;aws_secret_access_key=…[;token=…]` (copy-credentials).
    static func checkCredentials(_ text: String, at position: Int) throws {
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { throw unloadError("Invalid credentials: expected key=value pairs separated by ';'", at: position) }
            pairs[pieces[0].trimmingCharacters(in: .whitespaces).lowercased()] = String(pieces[1])
        }
        if let role = pairs["aws_iam_role"] {
            try checkRoles(role, at: position)
        } else if pairs["aws_access_key_id"]?.isEmpty == false, pairs["aws_secret_access_key"]?.isEmpty == false {
            return
        } else {
            throw unloadError("Invalid credentials: give aws_iam_role, or aws_access_key_id and aws_secret_access_key", at: position)
        }
    }

    /// `'\t'` and the other backslash escapes Redshift's examples use as delimiters.
    static func unescapedDelimiter(_ text: String) -> String {
        switch text {
        case "\\t": return "\t"
        case "\\\\": return "\\"
        case "\\|": return "|"
        default: return text
        }
    }

    /// `'label1:width1,label2:width2,…'` (r_UNLOAD › FIXEDWIDTH).
    static func fixedWidthSpec(_ text: String, at position: Int) throws -> [UnloadOptions.FixedWidthColumn] {
        try text.split(separator: ",").map { item in
            let pieces = item.split(separator: ":")
            guard pieces.count == 2, let width = Int(pieces[1].trimmingCharacters(in: .whitespaces)), width > 0 else {
                throw unloadError("Invalid FIXEDWIDTH specification '\(text)': expected 'column:width,…'", at: position)
            }
            return UnloadOptions.FixedWidthColumn(label: pieces[0].trimmingCharacters(in: .whitespaces).lowercased(), width: width)
        }
    }

    /// r_UNLOAD's rules on what cannot go together.
    static func checkCombinations(_ options: UnloadOptions, authorization: AST.S3Authorization, at position: Int) throws {
        func refuse(_ first: String, _ second: String) throws -> Never {
            throw unloadError("\(first) and \(second) cannot be used together in UNLOAD", at: position)
        }
        var textOptions: [(Bool, String)] = [
            (options.delimiter != nil, "DELIMITER"), (options.fixedWidth != nil, "FIXEDWIDTH"),
            (options.addQuotes, "ADDQUOTES"), (options.escape, "ESCAPE"), (options.nullAs != nil, "NULL AS"),
            (options.header, "HEADER"),
        ]
        switch options.format {
        case .parquet:
            textOptions.append((options.compression != .none, options.compression.rawValue.uppercased()))
            if let used = textOptions.first(where: \.0) { try refuse("PARQUET", used.1) }
        case .json:
            if let used = textOptions.first(where: \.0) { try refuse("JSON", used.1) }
        case .csv:
            if options.fixedWidth != nil { try refuse("CSV", "FIXEDWIDTH") }
        case .text:
            break
        }
        if options.fixedWidth != nil {
            if options.delimiter != nil { try refuse("FIXEDWIDTH", "DELIMITER") }
            if options.header { try refuse("FIXEDWIDTH", "HEADER") }
        }
        if options.cleanPath && options.allowOverwrite { try refuse("CLEANPATH", "ALLOWOVERWRITE") }
        if options.rowGroupSize != nil && options.format != .parquet {
            throw unloadError("ROWGROUPSIZE can be used only with PARQUET", at: position)
        }
        if options.kmsKeyId != nil {
            if !options.encrypted { throw unloadError("KMS_KEY_ID requires ENCRYPTED", at: position) }
            if case .credentials = authorization { try refuse("KMS_KEY_ID", "CREDENTIALS") }
        }
        if !options.partitionBy.isEmpty, options.fixedWidth != nil { try refuse("PARTITION BY", "FIXEDWIDTH") }
    }

    static func unloadError(_ message: String, at position: Int?) -> SQLError {
        SQLError(code: "42601", message: message, position: position)
    }
}

import Foundation

/// The parameters of one COPY by name, checked one by one and together.
///
/// - Redshift: copy-parameters-authorization (the three forms of credentials), copy-parameters-data-format
///   (one format; CSV excludes FIXEDWIDTH, REMOVEQUOTES and ESCAPE), copy-parameters-data-conversion
///   (columnar formats take no text options: "… argument is not supported for PARQUET based COPY").
struct CopyOptionSet {
    private var byName: [String: AST.CopyOption] = [:]

    /// The data format keywords; at most one may be given.
    static let formats = ["CSV", "FIXEDWIDTH", "JSON", "AVRO", "PARQUET", "ORC", "SHAPEFILE"]
    static let compressions = ["GZIP", "BZIP2", "LZOP", "ZSTD"]
    /// Options that only make sense for text input (not for PARQUET or ORC).
    static let textOnly = ["DELIMITER", "FIXEDWIDTH", "CSV", "QUOTE", "REMOVEQUOTES", "ESCAPE", "IGNOREHEADER", "NULL",
                           "EMPTYASNULL", "BLANKSASNULL", "FILLRECORD", "IGNOREBLANKLINES", "TRIMBLANKS", "DATEFORMAT",
                           "TIMEFORMAT", "ENCODING", "ROUNDEC", "TRUNCATECOLUMNS", "ACCEPTINVCHARS", "ACCEPTANYDATE",
                           "GZIP", "BZIP2", "LZOP", "ZSTD"]

    init(_ options: [AST.CopyOption]) throws {
        for option in options {
            if byName[option.name] != nil {
                throw SQLError(code: "42601", message: "conflicting or redundant options", position: option.position)
            }
            byName[option.name] = option
        }
    }

    func flag(_ name: String) -> Bool { byName[name] != nil }

    func position(_ name: String) -> Int? { byName[name]?.position }

    func string(_ name: String) -> String? {
        if case .string(let text)? = byName[name]?.argument { return text }
        return nil
    }

    func number(_ name: String) -> Int64? {
        if case .number(let value)? = byName[name]?.argument { return value }
        return nil
    }

    func word(_ name: String) -> String? {
        switch byName[name]?.argument {
        case .word(let word)?: return word
        case .string(let text)?: return text.lowercased()
        default: return nil
        }
    }

    private func conflict(_ a: String, _ b: String) -> SQLError {
        SQLError(code: "42601", message: "\(a) and \(b) cannot be used together", position: position(b) ?? position(a))
    }

    // MARK: Authorization

    static let invalidCredentials = "Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'"

    /// One form of authorization, each of the right shape.
    func checkAuthorization() throws {
        let forms = [flag("IAM_ROLE"), flag("CREDENTIALS"), flag("ACCESS_KEY_ID") || flag("SECRET_ACCESS_KEY") || flag("SESSION_TOKEN")]
        guard forms.contains(true) else {
            throw SQLError(code: "XX000", message: "COPY from Amazon S3 needs authorization: IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY")
        }
        guard forms.filter({ $0 }).count == 1 else {
            throw SQLError(code: "42601", message: "conflicting or redundant options: give only one of IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY")
        }
        if flag("IAM_ROLE") {
            if word("IAM_ROLE") == "default", string("IAM_ROLE") == nil { return }
            guard let arn = string("IAM_ROLE"), Self.isRoleChain(arn) else {
                throw SQLError(code: "XX000", message: "Invalid IAM_ROLE: expected default or 'arn:aws:iam::<account-id>:role/<role-name>'", position: position("IAM_ROLE"))
            }
        }
        if let credentials = string("CREDENTIALS") {
            try Self.checkCredentials(credentials)
        }
        if forms[2] {
            guard let key = string("ACCESS_KEY_ID"), !key.isEmpty, let secret = string("SECRET_ACCESS_KEY"), !secret.isEmpty else {
                throw SQLError(code: "XX000", message: "ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together")
            }
        }
        if let region = string("REGION"), !Self.isRegion(region) {
            throw SQLError(code: "XX000", message: "Invalid region: '\(region)'", position: position("REGION"))
        }
    }

    /// `aws_iam_role=arn…` or `aws_access_key_id=…;aws_secret_access_key=…[;token=…]`.
    static func checkCredentials(_ text: String) throws {
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, !pieces[1].isEmpty else { throw SQLError(code: "XX000", message: invalidCredentials) }
            let key = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard pairs[key] == nil else { throw SQLError(code: "XX000", message: invalidCredentials) }
            pairs[key] = String(pieces[1])
        }
        if let role = pairs["aws_iam_role"], pairs.count == 1, isRoleChain(role) { return }
        let keys = Set(pairs.keys)
        if keys == ["aws_access_key_id", "aws_secret_access_key"] || keys == ["aws_access_key_id", "aws_secret_access_key", "token"] { return }
        throw SQLError(code: "XX000", message: invalidCredentials)
    }

    /// One role ARN or a comma-separated chain of them (copy-parameters-authorization: "chain roles").
    static func isRoleChain(_ text: String) -> Bool {
        let roles = text.split(separator: ",", omittingEmptySubsequences: false)
        return !roles.isEmpty && roles.allSatisfy { role in
            let parts = role.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
            // arn:partition:iam::account:role/name
            return parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws") && parts[2] == "iam" && parts[3].isEmpty
                && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) && parts[5].hasPrefix("role/") && parts[5].count > 5
        }
    }

    /// `us-east-1`, `us-gov-west-1`, `cn-north-1` …
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts.count <= 4 && parts.last!.allSatisfy(\.isNumber) && !parts.last!.isEmpty
            && parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter && $0.isLowercase } }
    }

    // MARK: Format

    func format(columnCount: Int) throws -> CopyPlan.Format {
        let given = Self.formats.filter(flag)
        if given.count > 1 { throw conflict(given[0], given[1]) }
        let delimiter = try delimiterBytes()
        switch given.first {
        case nil:
            if flag("QUOTE") { throw SQLError(code: "42601", message: "QUOTE can only be used with CSV", position: position("QUOTE")) }
            return .delimited(delimiter: delimiter ?? [UInt8(ascii: "|")])
        case "CSV":
            for other in ["REMOVEQUOTES", "ESCAPE"] where flag(other) { throw conflict("CSV", other) }
            var quote = UInt8(ascii: "\"")
            if let text = string("QUOTE") {
                guard text.utf8.count == 1 else { throw SQLError(code: "42601", message: "COPY quote must be a single one-byte character", position: position("QUOTE")) }
                quote = text.utf8.first!
            }
            if let delimiter, delimiter == [quote] { throw SQLError(code: "42601", message: "COPY delimiter and quote must be different") }
            return .csv(delimiter: delimiter ?? [UInt8(ascii: ",")], quote: quote)
        case "FIXEDWIDTH":
            if delimiter != nil { throw conflict("FIXEDWIDTH", "DELIMITER") }
            return .fixedWidth(try fixedWidths(string("FIXEDWIDTH") ?? "", columnCount: columnCount))
        case "JSON":
            return .json(try jsonMapping("JSON"))
        case "AVRO":
            return .avro(try jsonMapping("AVRO"))
        case "PARQUET":
            return .parquet
        case "ORC":
            return .orc
        default:
            throw SQLError.unsupported("COPY FORMAT SHAPEFILE", at: position("SHAPEFILE"))
        }
    }

    /// DELIMITER: a single character (PostgreSQL's wording); nil when not given.
    private func delimiterBytes() throws -> [UInt8]? {
        guard let text = string("DELIMITER") else { return nil }
        guard text.utf8.count == 1, text != "\n", text != "\r" else {
            throw SQLError(code: "42601", message: "COPY delimiter must be a single one-byte character", position: position("DELIMITER"))
        }
        return Array(text.utf8)
    }

    /// `'label:width, …'`: one entry per loaded column (copy-parameters-data-format).
    private func fixedWidths(_ spec: String, columnCount: Int) throws -> [Int] {
        let widths = spec.split(separator: ",").map { entry -> Int? in
            guard let colon = entry.lastIndex(of: ":") else { return nil }
            return Int(entry[entry.index(after: colon)...].trimmingCharacters(in: .whitespaces)).flatMap { $0 > 0 ? $0 : nil }
        }
        guard !widths.isEmpty, widths.allSatisfy({ $0 != nil }) else {
            throw SQLError(code: "XX000", message: "Invalid FIXEDWIDTH specification: '\(spec)'", position: position("FIXEDWIDTH"))
        }
        guard widths.count == columnCount else {
            throw SQLError(code: "XX000", message: "FIXEDWIDTH specification has \(widths.count) columns, the table (or column list) has \(columnCount)", position: position("FIXEDWIDTH"))
        }
        return widths.map { $0! }
    }

    private func jsonMapping(_ name: String) throws -> CopyPlan.JSONMapping {
        guard let argument = string(name) else { return .auto }
        switch argument.lowercased() {
        case "auto": return .auto
        case "auto ignorecase": return .autoIgnoreCase
        default:
            guard argument.lowercased().hasPrefix("s3://") else {
                throw SQLError(code: "XX000", message: "Invalid \(name) option '\(argument)': expected 'auto', 'auto ignorecase' or an s3:// JSONPaths file", position: position(name))
            }
            return .paths(argument)
        }
    }

    func compression() throws -> String? {
        let given = Self.compressions.filter(flag)
        if given.count > 1 { throw conflict(given[0], given[1]) }
        return given.first?.lowercased()
    }

    /// The combinations the format rules out.
    func checkFormatCombinations(_ plan: CopyPlan) throws {
        switch plan.format {
        case .parquet, .orc:
            let name = plan.format == .parquet ? "PARQUET" : "ORC"
            for option in Self.textOnly where flag(option) && option != name {
                throw SQLError(code: "XX000", message: "\(option) argument is not supported for \(name) based COPY", position: position(option))
            }
        case .json, .avro:
            for option in ["DELIMITER", "REMOVEQUOTES", "ESCAPE", "FILLRECORD", "IGNOREHEADER", "QUOTE"] where flag(option) {
                throw conflict(plan.format.keyword, option)
            }
        case .fixedWidth:
            if flag("REMOVEQUOTES") { throw conflict("FIXEDWIDTH", "REMOVEQUOTES") }
        default:
            break
        }
        if flag("ENCODING"), !["utf8", "utf-8", "utf16", "utf-16", "utf16le", "utf-16le", "utf16be", "utf-16be"].contains(plan.encoding) {
            throw SQLError(code: "XX000", message: "Invalid ENCODING: '\(plan.encoding)'; expected UTF8, UTF16, UTF16LE or UTF16BE", position: position("ENCODING"))
        }
    }

    // MARK: Conversion

    func loadOptions(explicitIds: Bool) throws -> LoadOptions {
        var options = LoadOptions()
        if let null = string("NULL") { options.nullString = Array(null.utf8) }
        options.emptyAsNull = flag("EMPTYASNULL")
        options.blanksAsNull = flag("BLANKSASNULL")
        if flag("ACCEPTINVCHARS") {
            let replacement = string("ACCEPTINVCHARS") ?? "?"
            guard replacement.utf8.count == 1, let byte = replacement.utf8.first, byte != 0 else {
                throw SQLError(code: "XX000", message: "ACCEPTINVCHARS replacement must be a single ASCII character", position: position("ACCEPTINVCHARS"))
            }
            options.invalidCharacterReplacement = byte
        }
        options.truncateColumns = flag("TRUNCATECOLUMNS")
        options.trimBlanks = flag("TRIMBLANKS")
        options.dateFormat = string("DATEFORMAT")
        options.timeFormat = string("TIMEFORMAT")
        if let date = options.dateFormat, ["epochsecs", "epochmillisecs"].contains(date.lowercased()) {
            throw SQLError(code: "XX000", message: "DATEFORMAT '\(date)' is not valid: epochsecs and epochmillisecs are TIMEFORMAT values", position: position("DATEFORMAT"))
        }
        options.acceptAnyDate = flag("ACCEPTANYDATE")
        options.roundDecimals = flag("ROUNDEC")
        options.explicitIds = explicitIds
        return options
    }
}

extension CopyPlan.Format {
    /// The COPY keyword of the format.
    var keyword: String {
        switch self {
        case .delimited: return "DELIMITER"
        case .csv: return "CSV"
        case .fixedWidth: return "FIXEDWIDTH"
        case .json: return "JSON"
        case .parquet: return "PARQUET"
        case .avro: return "AVRO"
        case .orc: return "ORC"
        }
    }
}

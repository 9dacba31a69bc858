/// COPY.
///
/// - Redshift: COPY (r_COPY): `COPY table [(columns)] FROM data_source authorization [[FORMAT] [AS]
///   data_format] [parameter [argument] …]`; the parameters' arguments as the parameter pages give
///   them (r_COPY-alphabetical-parm-list). `WITH` may come before the parameters.
extension Parser {
    /// How a COPY parameter takes its argument.
    private enum CopyArgumentForm {
        case none, string, optionalString, number, word, optionalWord, stringOrWord
    }

    private static let copyParameters: [String: CopyArgumentForm] = [
        // Authorization (copy-parameters-authorization).
        "iam_role": .stringOrWord, "credentials": .string, "access_key_id": .string,
        "secret_access_key": .string, "session_token": .string,
        // Data source (copy-parameters-data-source-s3).
        "region": .string, "manifest": .none, "encrypted": .none, "master_symmetric_key": .string,
        // Data format (copy-parameters-data-format).
        "csv": .none, "quote": .string, "delimiter": .string, "fixedwidth": .string, "json": .optionalString,
        "avro": .optionalString, "parquet": .none, "orc": .none, "shapefile": .none, "serializetojson": .none,
        // File compression (copy-parameters-file-compression).
        "gzip": .none, "bzip2": .none, "lzop": .none, "zstd": .none,
        // Data conversion (copy-parameters-data-conversion).
        "acceptanydate": .none, "acceptinvchars": .optionalString, "blanksasnull": .none, "dateformat": .string,
        "emptyasnull": .none, "encoding": .word, "escape": .none, "explicit_ids": .none, "fillrecord": .none,
        "ignoreblanklines": .none, "ignoreheader": .number, "null": .string, "removequotes": .none, "roundec": .none,
        "timeformat": .string, "trimblanks": .none, "truncatecolumns": .none,
        // Data load (copy-parameters-data-load).
        "comprows": .number, "compupdate": .optionalWord, "ignoreallerrors": .none, "maxerror": .number,
        "noload": .none, "statupdate": .optionalWord, "readratio": .number,
    ]

    mutating func parseCopy() throws -> AST.Statement {
        index += 1
        var table = try parseName()
        if table.last.hasPrefix("#") { table.parts = [PhysicalLayout.tempSchema, String(table.last.dropFirst())] }
        var columns: [String] = []
        if isSymbol("(") { columns = try parseIdentifierList() }
        try expectWord("from")
        guard current.kind == .string else { throw unexpected() }
        let sourcePosition = current.position
        let source = advance().text
        var options: [AST.CopyOption] = []
        while current.kind != .end && !isSymbol(";") {
            if consumeWord("with") { continue }
            if isWord("format") {
                index += 1
                _ = consumeWord("as")
                guard current.kind == .word, ["csv", "json", "avro", "parquet", "orc", "fixedwidth", "shapefile"].contains(current.text) else {
                    throw unexpected()
                }
                continue
            }
            options.append(try parseCopyOption())
        }
        return .copy(AST.Copy(table: table, columns: columns, source: source, sourcePosition: sourcePosition, options: options))
    }

    private mutating func parseCopyOption() throws -> AST.CopyOption {
        let token = current
        guard token.kind == .word, let form = Self.copyParameters[token.text] else { throw unexpected() }
        index += 1
        var option = AST.CopyOption(name: token.text.uppercased(), argument: nil, position: token.position)
        func takesAs() -> Bool { form != .none && isWord("as") && (peek().kind == .string || peek().kind == .number || peek().kind == .word) }
        if takesAs() { index += 1 }
        switch form {
        case .none:
            break
        case .string:
            guard current.kind == .string else { throw unexpected() }
            if token.text == "null" {
                // NULL AS '\N' (the default) and '\0' (NUL) mean what they show, whatever the
                // literal's escapes make of them (copy-parameters-data-conversion).
                switch raw(current) {
                case #"'\N'"#, #"E'\\N'"#: index += 1; option.argument = .string(#"\N"#); return option
                case #"'\0'"#, #"'\000'"#: index += 1; option.argument = .string("\u{0}"); return option
                default: break
                }
            }
            option.argument = .string(advance().text)
        case .optionalString:
            if current.kind == .string { option.argument = .string(advance().text) }
        case .number:
            if current.kind == .number, let value = Int64(current.text) {
                index += 1
                option.argument = .number(value)
            } else if current.kind == .string, let value = Int64(current.text) {
                index += 1
                option.argument = .number(value)
            } else {
                throw unexpected()
            }
        case .word:
            guard current.kind == .word || current.kind == .string else { throw unexpected() }
            option.argument = .word(advance().text.lowercased())
        case .optionalWord:
            if current.kind == .word, ["on", "off", "true", "false", "preset"].contains(current.text) {
                option.argument = .word(advance().text)
            }
        case .stringOrWord:
            if current.kind == .string {
                option.argument = .string(advance().text)
            } else if current.kind == .word {
                option.argument = .word(advance().text)
            } else {
                throw unexpected()
            }
        }
        return option
    }
}

/// Type names with Redshift's aliases and defaults.
///
/// - Redshift: Data types (c_Supported_data_types), Character types (r_Character_types):
///   TEXT = VARCHAR(256), CHAR = CHAR(1), BPCHAR = CHAR(256), VARCHAR without length = VARCHAR(256),
///   MAX = 65535 (VARCHAR) / 4096 (CHAR); DECIMAL defaults to (18,0); FLOAT = FLOAT8.
extension Parser {
    mutating func parseTypeName() throws -> AST.TypeName {
        if isWord("pg_catalog"), peek().isSymbol(".") { index += 2 }  // pg_catalog.text, pg_catalog.regtype
        let token = current
        guard token.kind == .word || token.kind == .quotedIdentifier else { throw unexpected() }
        index += 1
        switch token.text {
        case "smallint", "int2": return AST.TypeName(type: .smallint)
        case "int", "integer", "int4": return AST.TypeName(type: .integer)
        case "bigint", "int8": return AST.TypeName(type: .bigint)
        case "decimal", "numeric", "dec":
            var precision = 18, scale = 0
            if consumeSymbol("(") {
                precision = try parseTypeInteger()
                if consumeSymbol(",") { scale = try parseTypeInteger() }
                try expectSymbol(")")
                guard (1...38).contains(precision) else {
                    throw SQLError(code: "22023", message: "NUMERIC precision \(precision) must be between 1 and 38", position: token.position)
                }
                guard (0...precision).contains(scale) else {
                    throw SQLError(code: "22023", message: "NUMERIC scale \(scale) must be between 0 and precision \(precision)", position: token.position)
                }
            }
            return AST.TypeName(type: .decimal(precision: precision, scale: scale))
        case "real", "float4": return AST.TypeName(type: .real)
        case "float8": return AST.TypeName(type: .doublePrecision)
        case "float":
            if consumeSymbol("(") {
                let p = try parseTypeInteger()
                try expectSymbol(")")
                return AST.TypeName(type: p <= 24 ? .real : .doublePrecision)
            }
            return AST.TypeName(type: .doublePrecision)
        case "double":
            try expectWord("precision")
            return AST.TypeName(type: .doublePrecision)
        case "boolean", "bool": return AST.TypeName(type: .boolean)
        case "char", "character", "nchar":
            if consumeWord("varying") { return try characterType(varying: true, defaultLength: 256) }
            return try characterType(varying: false, defaultLength: 1)
        case "bpchar": return try characterType(varying: false, defaultLength: 256)
        case "varchar", "nvarchar": return try characterType(varying: true, defaultLength: 256)
        case "text": return AST.TypeName(type: .varchar(length: 256))
        // Catalog types: oid and the reg* aliases are integers, name is VARCHAR(128)
        // (c_intro_catalog_views: the catalog's own types); "char" is CHAR(1) above.
        case "oid", "regclass", "regtype", "regproc", "regprocedure", "regoper": return AST.TypeName(type: .integer)
        case "name": return AST.TypeName(type: .varchar(length: 128))
        case "date": return AST.TypeName(type: .date)
        case "timestamp":
            if consumeWords("with", "time", "zone") { return AST.TypeName(type: .timestamptz) }
            _ = consumeWords("without", "time", "zone")
            return AST.TypeName(type: .timestamp)
        case "timestamptz": return AST.TypeName(type: .timestamptz)
        case "time":
            if consumeWords("with", "time", "zone") { return AST.TypeName(type: .timetz) }
            _ = consumeWords("without", "time", "zone")
            return AST.TypeName(type: .time)
        case "timetz": return AST.TypeName(type: .timetz)
        case "super": return AST.TypeName(type: .super)
        case "varbyte", "varbinary":
            return AST.TypeName(type: .varbyte(length: try optionalLength(default: 64000, max: 1_024_000)))
        case "binary":
            try expectWord("varying")
            return AST.TypeName(type: .varbyte(length: try optionalLength(default: 64000, max: 1_024_000)))
        case "interval":
            // Only as a cast target: `'1 day'::interval` (CREATE TABLE refuses it).
            return AST.TypeName(type: .interval)
        case "hllsketch":
            // HLLSKETCH values are kept as their JSON text in a SUPER (Functions/HLLSketch.swift).
            return AST.TypeName(type: .super)
        default:
            if ["geometry", "geography"].contains(token.text) {
                throw SQLError.unsupported("type \(token.text)", at: token.position)
            }
            throw SQLError(code: "42704", message: "type \"\(token.text)\" does not exist", position: token.position)
        }
    }

    private mutating func parseTypeInteger() throws -> Int {
        guard current.kind == .number, let value = Int(current.text) else { throw unexpected() }
        index += 1
        return value
    }

    private mutating func optionalLength(default value: Int, max: Int) throws -> Int {
        guard consumeSymbol("(") else { return value }
        let length: Int
        if consumeWord("max") { length = max } else { length = try parseTypeInteger() }
        try expectSymbol(")")
        return length
    }

    private mutating func characterType(varying: Bool, defaultLength: Int) throws -> AST.TypeName {
        let position = current.position
        let omitted = !isSymbol("(")
        let length = try optionalLength(default: defaultLength, max: varying ? 65535 : 4096)
        let limit = varying ? 65535 : 4096
        guard (1...limit).contains(length) else {
            throw SQLError(code: "22023", message: "length for type \(varying ? "varchar" : "char") cannot exceed \(limit)", position: position)
        }
        return AST.TypeName(type: varying ? .varchar(length: length) : .char(length: length), lengthOmitted: omitted)
    }
}

/// Spectrum DDL: CREATE EXTERNAL SCHEMA, CREATE EXTERNAL TABLE, and the ALTER TABLE forms of
/// external tables.
///
/// - Redshift: r_CREATE_EXTERNAL_SCHEMA (`FROM [DATA CATALOG] | HIVE METASTORE`, `DATABASE 'db'`,
///   `REGION`, `URI … PORT`, `IAM_ROLE {default | 'arn'}`, `CATALOG_ROLE`, `CATALOG_ID`,
///   `CREATE EXTERNAL DATABASE IF NOT EXISTS`); r_CREATE_EXTERNAL_TABLE (`PARTITIONED BY`,
///   `ROW FORMAT DELIMITED FIELDS TERMINATED BY` / `ROW FORMAT SERDE … WITH SERDEPROPERTIES`,
///   `STORED AS`, `LOCATION`, `TABLE PROPERTIES`); r_ALTER_TABLE (ADD/DROP PARTITION, SET
///   LOCATION, SET TABLE PROPERTIES).
extension Parser {
    /// After `CREATE EXTERNAL`.
    mutating func parseCreateExternal(position: Int) throws -> AST.Statement {
        if consumeWord("schema") { return .external(.createSchema(try parseCreateExternalSchema(position: position))) }
        if consumeWord("table") { return try parseCreateExternalTable(position: position) }
        if current.kind == .word { throw SQLError.unsupported("CREATE EXTERNAL \(current.text.uppercased())", at: current.position) }
        throw unexpected()
    }

    private mutating func parseCreateExternalSchema(position: Int) throws -> AST.CreateExternalSchema {
        let ifNotExists = consumeWords("if", "not", "exists")
        let name = try parseIdentifier()
        try expectWord("from")
        var source = "DATA CATALOG"
        if consumeWords("data", "catalog") {
        } else if consumeWords("hive", "metastore") {
            source = "HIVE METASTORE"
        } else if current.kind == .word, ["postgres", "mysql", "kinesis", "msk", "redshift", "kafka"].contains(current.text) {
            throw SQLError.unsupported("CREATE EXTERNAL SCHEMA FROM \(current.text.uppercased())", at: current.position)
        }
        var schema = AST.CreateExternalSchema(name: name, ifNotExists: ifNotExists, source: source, database: nil,
                                              iamRole: "", createDatabase: false, position: position)
        while current.kind == .word {
            if consumeWord("database") {
                schema.database = try externalString().lowercased()
            } else if consumeWord("iam_role") {
                schema.iamRole = consumeWord("default") ? "default" : try externalString()
            } else if consumeWord("region") || consumeWord("uri") || consumeWord("catalog_id") || consumeWord("secret_arn")
                        || consumeWord("schema") {
                _ = try externalString()
            } else if consumeWord("port") {
                guard current.kind == .number else { throw unexpected() }
                index += 1
            } else if consumeWord("catalog_role") {
                if !consumeWord("default") && !consumeWord("session") { _ = try externalString() }
            } else if consumeWords("create", "external", "database", "if", "not", "exists") {
                schema.createDatabase = true
            } else {
                throw unexpected()
            }
        }
        guard schema.database != nil, !schema.iamRole.isEmpty else { throw unexpected() }
        return schema
    }

    private mutating func parseCreateExternalTable(position: Int) throws -> AST.Statement {
        _ = consumeWords("if", "not", "exists")
        let name = try parseName()
        if !isSymbol("(") { return try parseCreateExternalTableAs(name, position: position) }
        let columns = try parseExternalColumns()
        var table = AST.CreateExternalTable(name: name, columns: columns, partitionKeys: [], fieldDelimiter: nil, serde: nil,
                                            serdeProperties: [], storedAs: "textfile", location: "", properties: [], position: position)
        if consumeWords("partitioned", "by") { table.partitionKeys = try parseExternalColumns() }
        if consumeWords("row", "format") {
            if consumeWord("delimited") {
                while current.kind == .word {
                    if consumeWords("fields", "terminated", "by") {
                        table.fieldDelimiter = Self.hiveDelimiter(try externalString())
                    } else if consumeWords("lines", "terminated", "by") || consumeWords("collection", "items", "terminated", "by")
                                || consumeWords("map", "keys", "terminated", "by") {
                        _ = try externalString()
                    } else {
                        break
                    }
                }
            } else {
                try expectWord("serde")
                table.serde = try externalString()
                if consumeWords("with", "serdeproperties") { table.serdeProperties = try parseExternalPairs() }
            }
        }
        if consumeWords("stored", "as") {
            if consumeWord("inputformat") {
                let input = try externalString()
                try expectWord("outputformat")
                _ = try externalString()
                let lowered = input.lowercased()
                table.storedAs = lowered.contains("parquet") ? "parquet" : lowered.contains("avro") ? "avro" : "textfile"
            } else {
                guard current.kind == .word else { throw unexpected() }
                table.storedAs = advance().text
            }
        }
        try expectWord("location")
        table.location = try externalString()
        if consumeWords("table", "properties") { table.properties = try parseExternalPairs() }
        if isWord("as") {
            // r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS: no column definition list.
            throw SQLError(code: "42601", message: "CREATE EXTERNAL TABLE AS doesn't take a column definition list; the columns come from the query", position: current.position)
        }
        return .external(.createTable(table))
    }

    /// `CREATE EXTERNAL TABLE name` then the CREATE EXTERNAL TABLE AS clauses and `AS query`.
    ///
    /// - Redshift: r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS ("The LINES TERMINATED BY
    ///   'delimiter' clause isn't supported", "The ROW FORMAT SERDE 'serde_name' clause isn't supported",
    ///   "Amazon Redshift doesn't allow the LIMIT clause in the outer SELECT query").
    private mutating func parseCreateExternalTableAs(_ name: AST.Name, position: Int) throws -> AST.Statement {
        var partitionKeys: [String] = []
        var fieldDelimiter: String?
        var storedAs: String?
        var properties: [[String]] = []
        if consumeWords("partitioned", "by") {
            try expectSymbol("(")
            partitionKeys = try parseList { try $0.parseIdentifier(allowReserved: true) }
            try expectSymbol(")")
        }
        if consumeWords("row", "format") {
            if isWord("serde") {
                throw SQLError(code: "0A000", message: "ROW FORMAT SERDE is not supported for CREATE EXTERNAL TABLE AS", position: current.position)
            }
            try expectWord("delimited")
            while current.kind == .word {
                if consumeWords("fields", "terminated", "by") {
                    fieldDelimiter = Self.hiveDelimiter(try externalString())
                } else if isWord("lines") {
                    throw SQLError(code: "0A000", message: "LINES TERMINATED BY is not supported for CREATE EXTERNAL TABLE AS", position: current.position)
                } else {
                    break
                }
            }
        }
        if consumeWords("stored", "as") {
            guard current.kind == .word else { throw unexpected() }
            storedAs = advance().text.lowercased()
        }
        try expectWord("location")
        let location = try externalString()
        if consumeWords("table", "properties") { properties = try parseExternalPairs() }
        try expectWord("as")
        let queryPosition = current.position
        let query = try parseQuery()
        let create = AST.CreateExternalTableAs(name: name, partitionKeys: partitionKeys, fieldDelimiter: fieldDelimiter, storedAs: storedAs,
                                               location: location, properties: properties, query: query, position: position)
        if query.limit != nil {
            throw SQLError(code: "0A000", message: "LIMIT is not supported in the outer SELECT of CREATE EXTERNAL TABLE AS; use a nested LIMIT clause instead", position: queryPosition)
        }
        return .external(.createTableAs(create))
    }

    private mutating func parseExternalColumns() throws -> [AST.CreateExternalTable.ColumnDefinition] {
        try expectSymbol("(")
        let columns = try parseList { parser in
            let position = parser.current.position
            let name = try parser.parseIdentifier(allowReserved: true)
            return AST.CreateExternalTable.ColumnDefinition(name: name, type: try parser.parseTypeName(), position: position)
        }
        try expectSymbol(")")
        return columns
    }

    /// `( 'key' = 'value' [, …] )`, keys lower-cased.
    private mutating func parseExternalPairs() throws -> [[String]] {
        try expectSymbol("(")
        let pairs = try parseList { parser in
            let key = try parser.externalString().lowercased()
            try parser.expectSymbol("=")
            return [key, try parser.externalString()]
        }
        try expectSymbol(")")
        return pairs
    }

    /// `( key = value [, …] )` of a partition, values as text.
    private mutating func parsePartitionSpec() throws -> [[String]] {
        try expectSymbol("(")
        let pairs = try parseList { parser in
            let key = try parser.parseIdentifier(allowReserved: true)
            try parser.expectSymbol("=")
            return [key, try parser.externalLiteral()]
        }
        try expectSymbol(")")
        return pairs
    }

    /// The ALTER TABLE forms of an external table, after `ALTER TABLE name`; nil for other forms.
    mutating func parseExternalAlter(_ name: AST.Name) throws -> AST.Statement? {
        if isWord("add"), peek().isWord("partition") || (peek().isWord("if") && peek(4).isWord("partition")) {
            index += 1
            let ifNotExists = consumeWords("if", "not", "exists")
            var partitions: [(spec: [[String]], location: String)] = []
            while consumeWord("partition") {
                let spec = try parsePartitionSpec()
                try expectWord("location")
                partitions.append((spec, try externalString()))
                _ = consumeSymbol(",")
            }
            guard !partitions.isEmpty else { throw unexpected() }
            return .external(.alterTable(name: name, action: .addPartitions(partitions, ifNotExists: ifNotExists)))
        }
        if consumeWords("drop", "partition") {
            return .external(.alterTable(name: name, action: .dropPartition(try parsePartitionSpec())))
        }
        if consumeWords("set", "location") {
            return .external(.alterTable(name: name, action: .setLocation(partition: nil, location: try externalString())))
        }
        if consumeWords("set", "table", "properties") {
            return .external(.alterTable(name: name, action: .setProperties(try parseExternalPairs())))
        }
        if consumeWord("partition") {
            let spec = try parsePartitionSpec()
            try expectWord("set")
            try expectWord("location")
            return .external(.alterTable(name: name, action: .setLocation(partition: spec, location: try externalString())))
        }
        return nil
    }

    private mutating func externalString() throws -> String {
        guard current.kind == .string else { throw unexpected() }
        return advance().text
    }

    /// A partition value: a string or a number, as text.
    private mutating func externalLiteral() throws -> String {
        if current.kind == .string || current.kind == .number { return advance().text }
        if isSymbol("-"), peek().kind == .number { index += 1; return "-" + advance().text }
        throw unexpected()
    }

    /// A Hive delimiter: `\t`, `\n`, `\001` (octal), `\u0001` are the characters they name.
    static func hiveDelimiter(_ text: String) -> String {
        guard text.hasPrefix("\\"), text.count > 1 else { return text }
        let body = text.dropFirst()
        switch body {
        case "t": return "\t"
        case "n": return "\n"
        case "\\": return "\\"
        default:
            if body.hasPrefix("u"), let code = UInt32(body.dropFirst(), radix: 16), let scalar = Unicode.Scalar(code) {
                return String(Character(scalar))
            }
            if body.allSatisfy(\.isNumber), let code = UInt32(body, radix: 8), let scalar = Unicode.Scalar(code) {
                return String(Character(scalar))
            }
            return text
        }
    }
}

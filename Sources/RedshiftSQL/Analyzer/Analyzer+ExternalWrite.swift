/// Spectrum writes: CREATE EXTERNAL TABLE AS and INSERT INTO an external table.
///
/// - Redshift: r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS (columns and types from the
///   query; partition keys named in PARTITIONED BY must be result columns, in any order; PARQUET and
///   TEXTFILE only; 'compression_type' only 'none' or 'snappy' for PARQUET), r_CREATE_EXTERNAL_TABLE
///   (to create external tables you must own the external schema or be a superuser),
///   r_INSERT_external_table (the query returns the data columns then the partition columns, in the
///   table's order; names don't have to match; types must be compatible; PARQUET or TEXTFILE only;
///   no LIMIT in the outer query).
extension Analyzer {
    /// CREATE EXTERNAL TABLE AS: the new table from the query's result columns, and the query
    /// whose rows the engine writes (data columns first, then the partition keys).
    func externalCreateAsTranslation(_ create: AST.CreateExternalTableAs) throws -> Translation {
        let name = create.name
        guard name.parts.count == 2 || (name.parts.count == 3 && name.parts[0] == context.database) else {
            throw SQLError(code: "3F000", message: "External schema name is required", position: name.position)
        }
        let schemaName = name.parts[name.parts.count - 2]
        guard let schema = context.externalCatalog.schema(schemaName, in: context.database) else {
            throw SQLError(code: "3F000", message: "External schema \"\(schemaName)\" does not exist", position: name.position)
        }
        try checkExternalSchemaOwnership(schema, position: name.position)
        if context.externalCatalog.table(name.last, inExternalDatabase: schema.database) != nil {
            throw SQLError(code: "42P07", message: "relation \"\(name.last)\" already exists", position: name.position)
        }
        let format: ExternalFileFormat
        switch create.storedAs ?? "textfile" {
        case "parquet": format = .parquet
        case "textfile": format = .text(delimiter: create.fieldDelimiter.flatMap { $0.utf8.first } ?? 1, csvQuote: nil)
        case let other:
            throw SQLError(code: "0A000", message: "Unsupported file format \(other.uppercased()) for CREATE EXTERNAL TABLE AS: only PARQUET and TEXTFILE are supported", position: create.position)
        }
        try checkWriteProperties(create.properties, format: format, position: create.position)
        let bound = try analyzeQuery(create.query, outer: nil)
        let names = bound.columns.map(\.name)
        var seen = Set<String>()
        for column in names where !seen.insert(column).inserted {
            throw SQLError(code: "42701", message: "column \"\(column)\" specified more than once", position: create.position)
        }
        var keyIndices: [Int] = []
        for key in create.partitionKeys {
            guard let index = names.firstIndex(of: key) else {
                // Divergence: the wording is the emulator's (r_CREATE_EXTERNAL_TABLE_usage: "the name of
                // this column must exist in the SELECT query result").
                throw SQLError(code: "42703", message: "partition column \"\(key)\" does not exist in the SELECT query result", position: create.position)
            }
            guard !keyIndices.contains(index) else {
                throw SQLError(code: "42701", message: "column \"\(key)\" specified more than once", position: create.position)
            }
            keyIndices.append(index)
        }
        let dataIndices = names.indices.filter { !keyIndices.contains($0) }
        guard !dataIndices.isEmpty else {
            throw SQLError(code: "0A000", message: "CREATE EXTERNAL TABLE AS needs at least one column that is not a partition column", position: create.position)
        }
        let columns = try (dataIndices + keyIndices).map { index in
            ExternalColumn(name: names[index], type: try externalWritableType(bound.columns[index].type, column: names[index], position: create.position))
        }
        let projection = try externalProjection(bound, order: dataIndices + keyIndices, targets: columns)
        let table = ExternalTable(database: schema.database, name: name.last, columns: Array(columns.prefix(dataIndices.count)),
                                  partitionKeys: Array(columns.suffix(keyIndices.count)), format: format,
                                  location: try s3Location(create.location), properties: create.properties, serdeProperties: [],
                                  partitions: [], owner: context.currentUser)
        var translation = Translation(kind: .ddl, steps: [SQLiteGenerator.statement(projection)], resultColumns: projection.columns)
        translation.externalWrite = ExternalWrite(mode: .create, schemaName: schema.name, table: table)
        return translation
    }

    /// INSERT INTO an external table; nil when `insert` names no external table.
    func externalInsertTranslation(_ insert: AST.Insert) throws -> Translation? {
        guard let (schema, table) = try externalTableReference(insert.table) else { return nil }
        let position = insert.table.position
        try checkExternalSchemaUsage(schema, position: position)
        guard insert.columns.isEmpty, case .query(let query) = insert.source else {
            // r_INSERT_external_table › Syntax: INSERT INTO external_schema.table_name select_statement.
            throw SQLError(code: "0A000", message: "INSERT INTO an external table takes a SELECT statement only (no column list, VALUES or DEFAULT VALUES)", position: position)
        }
        if query.limit != nil {
            throw SQLError(code: "0A000", message: "LIMIT is not supported in the outer SELECT of INSERT INTO an external table; use a nested LIMIT clause instead", position: position)
        }
        switch table.format {
        case .parquet, .text(_, nil): break
        case .text, .json, .avro:
            throw SQLError(code: "0A000", message: "INSERT INTO external table \"\(table.name)\" is not supported: its serde is \(table.format.serializationLibrary); only PARQUET and TEXTFILE (LazySimpleSerDe) tables can be written", position: position)
        }
        try checkWriteProperties(table.properties, format: table.format, position: position)
        let bound = try analyzeQuery(query, outer: nil)
        let targets = table.columns + table.partitionKeys
        if bound.columns.count > targets.count {
            throw SQLError(code: "42601", message: "INSERT has more expressions than target columns", position: position)
        }
        if bound.columns.count < targets.count {
            throw SQLError(code: "42601", message: "INSERT has more target columns than expressions", position: position)
        }
        let projection = try externalProjection(bound, order: Array(bound.columns.indices), targets: targets)
        var translation = Translation(kind: .insert, steps: [SQLiteGenerator.statement(projection)], resultColumns: projection.columns)
        translation.externalWrite = ExternalWrite(mode: .insert, schemaName: schema.name, table: table)
        return translation
    }

    /// Only the external schema's owner or a superuser creates tables in it (r_CREATE_EXTERNAL_TABLE
    /// › Required privileges).
    func checkExternalSchemaOwnership(_ schema: ExternalSchema, position: Int) throws {
        guard !context.isSuperuser, schema.owner != context.currentUser else { return }
        if let principal = try queryingPrincipal(), principal.isSuperuser || principal.user == schema.owner { return }
        throw SQLError(code: "42501", message: "permission denied for schema \(schema.name)", position: position)
    }

    /// 'compression_type': none or snappy for PARQUET (r_CREATE_EXTERNAL_TABLE_usage); none, gzip
    /// or bzip2 for TEXTFILE (the emulator writes no Snappy text files).
    private func checkWriteProperties(_ properties: [[String]], format: ExternalFileFormat, position: Int) throws {
        guard let value = properties.last(where: { $0[0] == "compression_type" })?[1].lowercased() else { return }
        let allowed = format == .parquet ? ["none", "snappy"] : ["none", "gzip", "bzip2"]
        guard allowed.contains(value) else {
            throw SQLError(code: "22023", message: "Invalid 'compression_type' table property '\(value)' for \(format == .parquet ? "PARQUET" : "TEXTFILE") files: valid values are \(allowed.joined(separator: ", "))", position: position)
        }
    }

    private func externalWritableType(_ type: RedshiftType, column: String, position: Int) throws -> RedshiftType {
        switch type {
        case .smallint, .integer, .bigint, .decimal, .real, .doublePrecision, .boolean, .char, .varchar, .date, .timestamp:
            return type
        case .timestamptz:
            return .timestamp
        default:
            throw SQLError(code: "0A000", message: "Invalid column type for external table: column \"\(column)\" has type \(type.formatTypeName)", position: position)
        }
    }

    /// `SELECT conv(c<i>) … FROM (query) AS _rs_source`: the query's columns in `order`, each
    /// converted to its target's type by Redshift's assignment rules.
    private func externalProjection(_ bound: Bound.Query, order: [Int], targets: [ExternalColumn]) throws -> Bound.Query {
        let names = (0..<bound.columns.count).map { "c\($0 + 1)" }
        let alias = SQLiteGenerator.insertSourceAlias
        let inner = renameOutputs(bound, to: names)
        let table = TableDefinition(schema: "", name: "", columns: [])
        var items: [(expression: Expr, alias: String)] = []
        var columns: [ResultColumn] = []
        for (offset, index) in order.enumerated() {
            let source = bound.columns[index]
            let target = targets[offset]
            let value = Expr(kind: .column(relation: alias, name: names[index]), type: source.type, nullable: source.nullable)
            let converted = try assignment(value, to: ColumnDefinition(name: target.name, type: target.type, ordinal: offset + 1), table: table)
            items.append((converted, "w\(offset + 1)"))
            columns.append(ResultColumn(name: target.name, type: target.type, nullable: true))
        }
        return Bound.Query(body: .select(Bound.Select(items: items, from: [.subquery(inner, alias: alias)])), columns: columns)
    }
}

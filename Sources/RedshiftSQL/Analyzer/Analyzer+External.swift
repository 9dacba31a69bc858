import Foundation

/// Spectrum: external schemas and tables in DDL and in FROM.
///
/// - Redshift: r_CREATE_EXTERNAL_SCHEMA, r_CREATE_EXTERNAL_TABLE, r_ALTER_TABLE, r_DROP_SCHEMA,
///   r_DROP_TABLE; c-spectrum-external-tables (partitioning, pseudocolumns `$path` and `$size`);
///   r_CREATE_VIEW (a view over an external table needs WITH NO SCHEMA BINDING).
extension Analyzer {
    /// The Translation of a Spectrum DDL statement: a data catalog change, checked against the
    /// catalog as this statement sees it.
    func externalTranslation(_ statement: AST.ExternalStatement) throws -> Translation {
        if case .createTableAs(let create) = statement { return try externalCreateAsTranslation(create) }
        let change = try externalChange(statement)
        var preview = context.externalCatalog
        try change.apply(to: &preview)
        var translation = Translation(kind: .ddl)
        translation.externalChange = change
        return translation
    }

    private func externalChange(_ statement: AST.ExternalStatement) throws -> ExternalCatalogChange {
        switch statement {
        case .createSchema(let create):
            if try context.catalog.schemaExists(create.name), !create.ifNotExists {
                throw SQLError(code: "42P06", message: "Schema \"\(create.name)\" already exists", position: create.position)
            }
            let schema = ExternalSchema(redshiftDatabase: context.database, name: create.name, database: create.database ?? "",
                                        source: create.source, iamRole: create.iamRole, owner: context.currentUser, oid: 0)
            return .createSchema(schema, ifNotExists: create.ifNotExists, createDatabase: create.createDatabase)
        case .dropSchema(let names, let ifExists, _):
            return .dropSchemas(names, redshiftDatabase: context.database, ifExists: ifExists, dropDatabase: true)
        case .createTable(let create):
            return .createTable(try externalTable(create), ifNotExists: false)
        case .createTableAs(let create):
            return .createTable(try externalCreateAsTranslation(create).externalWrite!.table, ifNotExists: false)
        case .alterTable(let name, let action):
            let (_, table) = try requireExternalTable(name)
            func values(_ spec: [[String]]) throws -> [String] {
                guard spec.count == table.partitionKeys.count else {
                    throw SQLError(code: "XX000", message: "Number of partition values does not match the number of partition columns of table \"\(table.name)\"", position: name.position)
                }
                return try table.partitionKeys.map { key in
                    guard let pair = spec.first(where: { $0[0] == key.name }) else {
                        throw SQLError(code: "42703", message: "column \"\(key.name)\" is not a partition column", position: name.position)
                    }
                    return pair[1]
                }
            }
            switch action {
            case .addPartitions(let partitions, let ifNotExists):
                let made = try partitions.map { ExternalPartition(values: try values($0.spec), location: try s3Location($0.location)) }
                return .addPartitions(database: table.database, table: table.name, made, ifNotExists: ifNotExists)
            case .dropPartition(let spec):
                return .dropPartition(database: table.database, table: table.name, values: try values(spec))
            case .setLocation(let partition, let location):
                return .setLocation(database: table.database, table: table.name, partition: try partition.map(values), location: try s3Location(location))
            case .setProperties(let pairs):
                return .setProperties(database: table.database, table: table.name, pairs)
            }
        }
    }

    func s3Location(_ text: String) throws -> String {
        guard text.lowercased().hasPrefix("s3://"), text.count > 5 else {
            // Divergence: Redshift's wording for a LOCATION that is not an S3 path is not documented.
            throw SQLError(code: "XX000", message: "Invalid S3 location: \(text). It must begin with s3://")
        }
        return text
    }

    private func externalTable(_ create: AST.CreateExternalTable) throws -> ExternalTable {
        guard create.name.parts.count == 2 || (create.name.parts.count == 3 && create.name.parts[0] == context.database) else {
            throw SQLError(code: "3F000", message: "External schema name is required", position: create.name.position)
        }
        let schemaName = create.name.parts[create.name.parts.count - 2]
        guard let schema = context.externalCatalog.schema(schemaName, in: context.database) else {
            throw SQLError(code: "3F000", message: "External schema \"\(schemaName)\" does not exist", position: create.name.position)
        }
        try checkExternalSchemaOwnership(schema, position: create.name.position)
        var seen = Set<String>()
        func column(_ definition: AST.CreateExternalTable.ColumnDefinition) throws -> ExternalColumn {
            guard seen.insert(definition.name).inserted else {
                throw SQLError(code: "42701", message: "column \"\(definition.name)\" specified more than once", position: definition.position)
            }
            switch definition.type.type {
            case .super, .varbyte, .interval, .unknown, .time, .timetz:
                throw SQLError(code: "0A000", message: "Invalid column type for external table: \(definition.type.type.typeName)", position: definition.position)
            default:
                return ExternalColumn(name: definition.name, type: definition.type.type)
            }
        }
        let columns = try create.columns.map(column)
        let keys = try create.partitionKeys.map(column)
        let format: ExternalFileFormat
        let serde = create.serde?.lowercased()
        switch create.storedAs {
        case "parquet": format = .parquet
        case "avro": format = .avro   // r_CREATE_EXTERNAL_TABLE › STORED AS file_format: AVRO
        case "textfile":
            if let serde, serde.contains("jsonserde") || serde.contains("json") {
                format = .json
            } else if let serde, serde.contains("opencsvserde") {
                func property(_ key: String) -> UInt8? {
                    create.serdeProperties.last { $0[0] == key }.flatMap { $0[1].utf8.first }
                }
                format = .text(delimiter: property("separatorchar") ?? UInt8(ascii: ","), csvQuote: property("quotechar") ?? UInt8(ascii: "\""))
            } else {
                format = .text(delimiter: create.fieldDelimiter.flatMap { $0.utf8.first } ?? 1, csvQuote: nil)
            }
        default:
            throw SQLError.unsupported("STORED AS \(create.storedAs.uppercased())", at: create.position)
        }
        return ExternalTable(database: schema.database, name: create.name.last, columns: columns, partitionKeys: keys, format: format,
                             location: try s3Location(create.location), properties: create.properties,
                             serdeProperties: create.serdeProperties, partitions: [], owner: context.currentUser)
    }

    /// The external schema and table `name` names, or nil when its schema is not external.
    func externalTableReference(_ name: AST.Name) throws -> (ExternalSchema, ExternalTable)? {
        let parts = name.parts.count == 3 && name.parts[0] == context.database ? Array(name.parts.dropFirst()) : name.parts
        guard parts.count == 2, let schema = context.externalCatalog.schema(parts[0], in: context.database) else { return nil }
        guard let table = context.externalCatalog.table(parts[1], inExternalDatabase: schema.database) else {
            throw SQLError.undefinedTable(parts.joined(separator: "."), at: name.position)
        }
        return (schema, table)
    }

    private func requireExternalTable(_ name: AST.Name) throws -> (ExternalSchema, ExternalTable) {
        guard let found = try externalTableReference(name) else { throw SQLError.undefinedTable(name.dotted, at: name.position) }
        return found
    }

    /// DROP TABLE of external tables; nil when the first name is not external.
    func externalDropTable(_ names: [AST.Name], ifExists: Bool) throws -> Translation? {
        guard let first = names.first else { return nil }
        let parts = first.parts.count == 3 && first.parts[0] == context.database ? Array(first.parts.dropFirst()) : first.parts
        guard parts.count == 2, let schema = context.externalCatalog.schema(parts[0], in: context.database) else { return nil }
        guard names.count == 1 else { throw SQLError.unsupported("DROP TABLE of several external tables", at: first.position) }
        guard context.externalCatalog.table(parts[1], inExternalDatabase: schema.database) != nil else {
            if ifExists { return Translation(kind: .ddl) }
            throw SQLError.undefinedTable(parts.joined(separator: "."), at: first.position)
        }
        var translation = Translation(kind: .ddl)
        translation.externalChange = .dropTable(database: schema.database, name: parts[1])
        return translation
    }

    /// DROP SCHEMA of external schemas (without DROP EXTERNAL DATABASE); nil when none is external.
    func externalDropSchema(_ names: [String], ifExists: Bool) -> Translation? {
        guard names.contains(where: { context.externalCatalog.schema($0, in: context.database) != nil }) else { return nil }
        var translation = Translation(kind: .ddl)
        translation.externalChange = .dropSchemas(names, redshiftDatabase: context.database, ifExists: ifExists, dropDatabase: false)
        return translation
    }

    /// Binds an external table in FROM: a TEMP virtual table the engine creates before the statement
    /// runs and that reads the files while it runs (Engine's `ExternalScanModule`), with the data
    /// columns, the partition keys and the pseudocolumns `$path` and `$size` (not in `*`). Literal predicates of the block's WHERE on partition keys prune partitions.
    func bindExternalTable(_ schema: ExternalSchema, _ table: ExternalTable, alias: String?, scope: Scope, position: Int) throws -> Bound.FromItem {
        if creatingBoundView {
            throw SQLError(code: "0A000", message: "External tables are not supported in views", position: position)
        }
        try checkExternalSchemaUsage(schema, position: position)
        let relationName = alias ?? table.name
        let sqliteName = "temp." + PhysicalLayout.quote("_rs_ext.\(externalScans.count + 1)")
        var columns = (table.columns + table.partitionKeys).map {
            Scope.Column(name: $0.name, type: $0.type, nullable: true, sqliteName: $0.name, schemaName: schema.name, tableName: table.name)
        }
        columns.append(Scope.Column(name: "$path", type: .varchar(length: 512), nullable: false, sqliteName: "$path", schemaName: schema.name, tableName: table.name))
        columns.append(Scope.Column(name: "$size", type: .bigint, nullable: false, sqliteName: "$size", schemaName: schema.name, tableName: table.name))
        var relation = Scope.Relation(name: relationName, sqliteAlias: relationName, columns: columns)
        relation.hiddenFromStar = ["$path", "$size"]
        try addRelation(relation, to: scope, position: position)
        let keys = Set(table.partitionKeys.map(\.name))
        let predicates = pendingWhere.map { partitionPredicates($0, keys: keys, relation: relationName) } ?? []
        externalScans.append(ExternalScan(sqliteName: sqliteName, schemaName: schema.name, table: table, predicates: predicates))
        return .table(sqliteName, alias: relationName)
    }

    /// USAGE on the external schema: its owner, superusers, or a GRANT USAGE ON SCHEMA.
    func checkExternalSchemaUsage(_ schema: ExternalSchema, position: Int) throws {
        guard !context.isSuperuser, schema.owner != context.currentUser else { return }
        guard let session = try security else { return }
        let visibility = SecurityVisibility(state: session.state, user: context.currentUser, bootstrapSuperuser: context.bootstrapSuperuser)
        if !visibility.principal.isSuperuser && !visibility.schema(schema.name) {
            throw SQLError(code: "42501", message: "permission denied for schema \(schema.name)", position: position)
        }
    }

    /// The ANDed conjuncts of `expression` of the form `key op literal`, `key IN (literals)` or
    /// `key BETWEEN a AND b` on a partition key of `relation`.
    private func partitionPredicates(_ expression: AST.Expression, keys: Set<String>, relation: String) -> [PartitionPredicate] {
        func key(_ e: AST.Expression) -> String? {
            guard case .column(let name) = e.kind else { return nil }
            if name.parts.count == 1, keys.contains(name.last) { return name.last }
            if name.parts.count == 2, name.parts[0] == relation, keys.contains(name.last) { return name.last }
            return nil
        }
        func literal(_ e: AST.Expression) -> String? {
            switch e.kind {
            case .integer(let t), .decimal(let t), .float(let t), .string(let t): return t
            case .cast(let inner, _): return literal(inner)
            default: return nil
            }
        }
        let flipped = ["<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "<>": "<>", "!=": "<>"]
        switch expression.kind {
        case .binary("and", let l, let r):
            return partitionPredicates(l, keys: keys, relation: relation) + partitionPredicates(r, keys: keys, relation: relation)
        case .binary(let op, let l, let r) where flipped[op] != nil:
            if let k = key(l), let v = literal(r) { return [PartitionPredicate(column: k, op: op == "!=" ? "<>" : op, values: [v])] }
            if let k = key(r), let v = literal(l), let f = flipped[op] { return [PartitionPredicate(column: k, op: f, values: [v])] }
            return []
        case .inList(let l, let items, negated: false):
            guard let k = key(l) else { return [] }
            let values = items.compactMap(literal)
            return values.count == items.count ? [PartitionPredicate(column: k, op: "in", values: values)] : []
        case .between(let l, let low, let high, negated: false):
            guard let k = key(l), let a = literal(low), let b = literal(high) else { return [] }
            return [PartitionPredicate(column: k, op: ">=", values: [a]), PartitionPredicate(column: k, op: "<=", values: [b])]
        default:
            return []
        }
    }
}

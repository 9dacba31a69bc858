/// A change to the data catalog made by one DDL statement on external schemas or tables; the
/// Analyzer checks it against the catalog it saw, the engine applies it to the current one.
///
/// - Redshift: r_CREATE_EXTERNAL_SCHEMA, r_DROP_SCHEMA (DROP EXTERNAL DATABASE), r_CREATE_EXTERNAL_TABLE,
///   r_ALTER_TABLE (external table: ADD/DROP PARTITION, SET LOCATION, SET TABLE PROPERTIES), r_DROP_TABLE.
/// - Data catalog changes are not transactional (Spectrum DDL takes effect at once, as in Glue).
public enum ExternalCatalogChange: Sendable, Equatable {
    case createSchema(ExternalSchema, ifNotExists: Bool, createDatabase: Bool)
    case dropSchemas([String], redshiftDatabase: String, ifExists: Bool, dropDatabase: Bool)
    case createTable(ExternalTable, ifNotExists: Bool)
    case dropTable(database: String, name: String)
    case addPartitions(database: String, table: String, [ExternalPartition], ifNotExists: Bool)
    case dropPartition(database: String, table: String, values: [String])
    case setLocation(database: String, table: String, partition: [String]?, location: String)
    case setProperties(database: String, table: String, [[String]])

    /// Applies the change; throws Redshift's error when it cannot be made.
    public func apply(to catalog: inout ExternalCatalog) throws {
        switch self {
        case .createSchema(let schema, let ifNotExists, let createDatabase):
            if catalog.schema(schema.name, in: schema.redshiftDatabase) != nil {
                if ifNotExists { return }
                throw SQLError(code: "42P06", message: "Schema \"\(schema.name)\" already exists")
            }
            if !catalog.databases.contains(schema.database) {
                guard createDatabase else {
                    // Divergence: Glue answers EntityNotFoundException; the wording is the emulator's.
                    throw SQLError(code: "XX000", message: "External database \"\(schema.database)\" does not exist. Add CREATE EXTERNAL DATABASE IF NOT EXISTS to create it.")
                }
                catalog.databases.append(schema.database)
            }
            var created = schema
            created.oid = (catalog.schemas.map(\.oid).max() ?? 200_000) + 1   // esoid: the next in the cluster
            catalog.schemas.append(created)
        case .dropSchemas(let names, let redshiftDatabase, let ifExists, let dropDatabase):
            for name in names {
                guard let schema = catalog.schema(name, in: redshiftDatabase) else {
                    if ifExists { continue }
                    throw SQLError(code: "3F000", message: "Schema \"\(name)\" does not exist")
                }
                catalog.schemas.removeAll { $0.redshiftDatabase == redshiftDatabase && $0.name == name }
                if dropDatabase {
                    catalog.databases.removeAll { $0 == schema.database }
                    catalog.tables.removeAll { $0.database == schema.database }
                }
            }
        case .createTable(let table, let ifNotExists):
            if catalog.table(table.name, inExternalDatabase: table.database) != nil {
                if ifNotExists { return }
                throw SQLError(code: "42P07", message: "relation \"\(table.name)\" already exists")
            }
            catalog.tables.append(table)
        case .dropTable(let database, let name):
            guard let index = catalog.tableIndex(name, database: database) else { throw Self.missingTable(name) }
            catalog.tables.remove(at: index)
        case .addPartitions(let database, let name, let partitions, let ifNotExists):
            guard let index = catalog.tableIndex(name, database: database) else { throw Self.missingTable(name) }
            for partition in partitions {
                if catalog.tables[index].partitions.contains(where: { $0.values == partition.values }) {
                    if ifNotExists { continue }
                    // Divergence: the wording of Glue's AlreadyExistsException as the emulator prints it.
                    throw SQLError(code: "XX000", message: "Partition already exists.")
                }
                catalog.tables[index].partitions.append(partition)
            }
        case .dropPartition(let database, let name, let values):
            guard let index = catalog.tableIndex(name, database: database) else { throw Self.missingTable(name) }
            guard catalog.tables[index].partitions.contains(where: { $0.values == values }) else {
                throw SQLError(code: "XX000", message: "Partition not found.")
            }
            catalog.tables[index].partitions.removeAll { $0.values == values }
        case .setLocation(let database, let name, let partition, let location):
            guard let index = catalog.tableIndex(name, database: database) else { throw Self.missingTable(name) }
            if let partition {
                guard let p = catalog.tables[index].partitions.firstIndex(where: { $0.values == partition }) else {
                    throw SQLError(code: "XX000", message: "Partition not found.")
                }
                catalog.tables[index].partitions[p].location = location
            } else {
                catalog.tables[index].location = location
            }
        case .setProperties(let database, let name, let pairs):
            guard let index = catalog.tableIndex(name, database: database) else { throw Self.missingTable(name) }
            for pair in pairs {
                catalog.tables[index].properties.removeAll { $0[0] == pair[0] }
                catalog.tables[index].properties.append(pair)
            }
        }
    }

    static func missingTable(_ name: String) -> SQLError {
        SQLError(code: "42P01", message: "relation \"\(name)\" does not exist")
    }
}

/// One reference to an external table in a query: the engine reads the table's files (its
/// partitions that `predicates` keep) through the TEMP virtual table `sqliteName` as the query runs.
public struct ExternalScan: Sendable, Equatable {
    public var sqliteName: String
    /// The external schema the query named the table through.
    public var schemaName: String
    public var table: ExternalTable
    /// Literal predicates of the query on partition keys (ANDed): a partition is read only when
    /// all of them hold for its values.
    public var predicates: [PartitionPredicate]

    /// The scan's columns (its virtual table's, in the engine), in order: the data columns, the
    /// partition keys, `$path`, `$size`.
    public var columnNames: [String] { table.columns.map(\.name) + table.partitionKeys.map(\.name) + ["$path", "$size"] }

    /// The partitions to read (every partition of the table that the predicates keep).
    public var selectedPartitions: [ExternalPartition] {
        table.partitions.filter { partition in
            predicates.allSatisfy { predicate in
                guard let index = table.partitionKeys.firstIndex(where: { $0.name == predicate.column }) else { return true }
                return predicate.holds(for: partition.values[index])
            }
        }
    }
}

/// `key op literal` (or `key IN (literals)`) on a partition key.
public struct PartitionPredicate: Sendable, Equatable {
    public var column: String
    /// "=", "<>", "<", "<=", ">", ">=", or "in".
    public var op: String
    public var values: [String]

    /// Whether a partition whose key has `value` may hold matching rows. Numbers compare as
    /// numbers, anything else as text; an unknown form keeps the partition.
    public func holds(for value: String) -> Bool {
        func compare(_ a: String, _ b: String) -> Int {
            if let x = Double(a), let y = Double(b) { return x < y ? -1 : (x > y ? 1 : 0) }
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        switch op {
        case "in": return values.contains { compare(value, $0) == 0 }
        case "=": return compare(value, values[0]) == 0
        case "<>", "!=": return compare(value, values[0]) != 0
        case "<": return compare(value, values[0]) < 0
        case "<=": return compare(value, values[0]) <= 0
        case ">": return compare(value, values[0]) > 0
        case ">=": return compare(value, values[0]) >= 0
        default: return true
        }
    }
}

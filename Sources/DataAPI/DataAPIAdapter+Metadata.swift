import DataAPIModel
import Engine
import Foundation
import RedshiftSQL

/// ListDatabases, ListSchemas, ListTables and DescribeTable: synchronous reads of the catalog
/// the SQL layer keeps, so they agree with what statements created (reference data-api.md §10).
extension DataAPIAdapter {
    public func listDatabases(_ input: ListDatabasesRequest, caller: Caller) async throws -> ListDatabasesResponse {
        let members = ConnectionMembers(clusterIdentifier: input.clusterIdentifier, workgroupName: input.workgroupName,
                                        database: input.database, dbUser: input.dbUser, secretArn: input.secretArn)
        _ = try databaseUser(of: members, caller: caller)
        let target = try target(of: members)
        // "This parameter is required when authenticating using either Secrets Manager or temporary
        // credentials" (the model's documentation of ListDatabases.Database): every way of calling it.
        guard input.database != nil else { throw DataAPIError.missing("database") }
        let names = try engine.databaseNames(of: target)
        let page = try Page(names, token: input.nextToken, maxResults: input.maxResults, scope: "databases")
        return ListDatabasesResponse(databases: page.items, nextToken: page.nextToken)
    }

    public func listSchemas(_ input: ListSchemasRequest, caller: Caller) async throws -> ListSchemasResponse {
        let members = ConnectionMembers(clusterIdentifier: input.clusterIdentifier, workgroupName: input.workgroupName,
                                        database: input.database, dbUser: input.dbUser, secretArn: input.secretArn)
        let pattern = input.schemaPattern.map(LikePattern.init)
        let schemas = try await withCatalog(members, connectedDatabase: input.connectedDatabase, caller: caller) { catalog, visible in
            try catalog.schemas().filter { (pattern?.matches($0) ?? true) && visible.schema($0) }.sorted()
        }
        let page = try Page(schemas, token: input.nextToken, maxResults: input.maxResults, scope: "schemas")
        return ListSchemasResponse(nextToken: page.nextToken, schemas: page.items)
    }

    public func listTables(_ input: ListTablesRequest, caller: Caller) async throws -> ListTablesResponse {
        let members = ConnectionMembers(clusterIdentifier: input.clusterIdentifier, workgroupName: input.workgroupName,
                                        database: input.database, dbUser: input.dbUser, secretArn: input.secretArn)
        let schemaPattern = input.schemaPattern.map(LikePattern.init)
        let tablePattern = input.tablePattern.map(LikePattern.init)
        let tables = try await withCatalog(members, connectedDatabase: input.connectedDatabase, caller: caller) { catalog, visible in
            try catalog.schemas().sorted().filter { schemaPattern?.matches($0) ?? true }.flatMap { schema in
                try catalog.tables(inSchema: schema)
                    .filter { (tablePattern?.matches($0.name) ?? true) && visible.table($0) }
                    .sorted { $0.name < $1.name }
                    .map { TableMember(name: $0.name, schema: $0.schema, type: Self.tableType($0)) }
            }
        }
        let page = try Page(tables, token: input.nextToken, maxResults: input.maxResults, scope: "tables")
        return ListTablesResponse(nextToken: page.nextToken, tables: page.items)
    }

    public func describeTable(_ input: DescribeTableRequest, caller: Caller) async throws -> DescribeTableResponse {
        let members = ConnectionMembers(clusterIdentifier: input.clusterIdentifier, workgroupName: input.workgroupName,
                                        database: input.database, dbUser: input.dbUser, secretArn: input.secretArn)
        let (tableName, columns) = try await withCatalog(members, connectedDatabase: input.connectedDatabase, caller: caller) { catalog, visible in
            let schemas = try input.schema.map { [$0] } ?? catalog.schemas().sorted()
            var tables: [TableDefinition] = []
            for schema in schemas {
                if let name = input.table {
                    if let table = try catalog.table(schema: schema, name: name), table.schema == schema { tables.append(table) }
                } else {
                    tables += try catalog.tables(inSchema: schema).sorted { $0.name < $1.name }
                }
            }
            let columns = tables.filter(visible.table).flatMap { table in
                table.columns.sorted { $0.ordinal < $1.ordinal }.map { Self.columnMetadata($0, of: table) }
            }
            return (input.table ?? tables.first?.name, columns)
        }
        let page = try Page(columns, token: input.nextToken, maxResults: input.maxResults, scope: "columns")
        return DescribeTableResponse(columnList: page.items, nextToken: page.nextToken, tableName: tableName)
    }

    /// Reads the catalog of the browsed database (`Database`; `ConnectedDatabase` names where the
    /// caller connects, reference §10) as the caller sees it.
    private func withCatalog<T: Sendable>(_ members: ConnectionMembers, connectedDatabase: String?, caller: Caller,
                                          _ body: @escaping @Sendable (StoredCatalog, SecurityVisibility) throws -> T) async throws -> T {
        let user = try databaseUser(of: members, caller: caller)
        let target = try target(of: members)
        guard let name = members.database else { throw DataAPIError.missing("database") }
        return try await engine.withCatalog(target, database: name, connectedDatabase: connectedDatabase, user: user, body)
    }

    static func tableType(_ table: TableDefinition) -> String {
        switch table.kind {
        case .table: return PhysicalLayout.systemSchemas.contains(table.schema) ? "SYSTEM TABLE" : "TABLE"
        case .view: return "VIEW"
        case .temporary: return "LOCAL TEMPORARY"
        }
    }

    /// The typeName of an IDENTITY column (Redshift allows INTEGER and BIGINT): "serial" for INTEGER,
    /// as captured from the real service; "bigserial" for BIGINT by JDBC's naming (unverified).
    static func identityTypeName(_ type: RedshiftType) -> String {
        type == .bigint ? "bigserial" : "serial"
    }

    /// DescribeTable's column entry: no `label`, the declared length for character types (reference §10).
    /// An IDENTITY column reports `typeName` "serial" and `nullable` 1, as a real answer for
    /// `id int identity(1,1)` captured in AWS's getting-started-with-amazon-redshift-data-api sample shows.
    static func columnMetadata(_ column: ColumnDefinition, of table: TableDefinition) -> ColumnMetadata {
        let length: Int
        switch column.type {
        case .char(let n), .varchar(let n), .varbyte(let n): length = n
        default: length = 0
        }
        return ColumnMetadata(columnDefault: column.defaultExpression, isCaseSensitive: column.type.isCaseSensitive,
                              isCurrency: false, isSigned: column.type.isSigned, length: length, name: column.name,
                              nullable: column.nullable || column.identity != nil ? 1 : 0,
                              precision: column.type.metadataPrecision,
                              scale: column.type.metadataScale, schemaName: table.schema, tableName: table.name,
                              typeName: column.identity.map { _ in Self.identityTypeName(column.type) } ?? column.type.typeName)
    }
}

/// One page of a list answer: MaxResults 0 (or absent) means the default of 1000.
struct Page<Item> {
    var items: [Item]
    var nextToken: String?

    init(_ all: [Item], token: String?, maxResults: Int?, scope: String) throws {
        let limit = (maxResults ?? 0) == 0 ? 1000 : maxResults!
        let start = try PageToken.position(of: token, scope: scope).map { Int($0) } ?? 0
        let end = min(all.count, start + limit)
        items = start < all.count ? Array(all[start..<end]) : []
        nextToken = end < all.count ? PageToken.encode(Int64(end), scope: scope) : nil
    }
}

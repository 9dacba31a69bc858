import Foundation
import RedshiftSQL

/// Synchronous reads of the catalog the SQL layer keeps, so metadata answers agree with what
/// statements created (reference data-api.md §10).
extension RedshiftEngine {
    /// The databases of a cluster or workgroup.
    public func databaseNames(of target: Target) throws -> [String] {
        try registry.cluster(for: target).databaseNames()
    }

    /// Reads the catalog of `database` as `user` sees it on a pooled connection; `connectedDatabase`
    /// (where the caller connects) must exist too.
    public func withCatalog<T: Sendable>(_ target: Target, database name: String, connectedDatabase: String?, user: String,
                                         _ body: @escaping @Sendable (StoredCatalog, SecurityVisibility) throws -> T) async throws -> T {
        let cluster = try registry.cluster(for: target)
        if let connected = connectedDatabase { _ = try registry.database(connected, of: cluster) }
        let database = try registry.database(name, of: cluster)
        let superuser = settings.superuser
        return try await database.withPooledConnection { connection in
            try await connection.access { db, _ in
                let executor = GRDBExecutor(db: db)
                // Only what the caller may see, as the real service lists (docs/security.md).
                let visible = SecurityVisibility(state: try SecurityCatalog(executor: executor).state(), user: user,
                                                 bootstrapSuperuser: superuser)
                return try body(StoredCatalog(executor: executor), visible)
            }
        }
    }
}

import Foundation
import RedshiftSQL

/// The configuration's `users:`: database users that exist in every database of every cluster and
/// workgroup from the start, as if the superuser had run `CREATE USER name PASSWORD DISABLE`, so
/// that a seed script's `GRANT … TO tenant_a` finds them.
struct ConfiguredUsers: Sendable {
    let names: [String]

    /// Creates the users `database` does not have yet, as the superuser, on a connection of its own.
    /// Runs when the database is first opened (before `--init-sql`); existing users are left alone.
    func create(in database: RedshiftDatabase, superuser: String, spill: ResultSpill) throws {
        guard !names.isEmpty else { return }
        let connection = try database.openSessionConnection()
        defer { connection.close() }
        let identity = StatementIdentity(database: database.name, user: superuser, isSuperuser: true,
                                         bootstrapSuperuser: superuser)
        try connection.accessSync { db, state in
            let existing = try SecurityCatalog(executor: GRDBExecutor(db: db)).state().users
            for name in names where existing[name] == nil && existing[name.lowercased()] == nil && name != superuser {
                let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                do {
                    _ = try StatementRunner.run(Translator.parse("create user \(quoted) password disable"), parameters: nil,
                                                identity: identity, db: db, state: &state, spill: spill, now: Date())
                } catch {
                    throw ConfigError("users: cannot create user \(name): \(ErrorMapping.redshiftText(error))")
                }
            }
        }
    }
}

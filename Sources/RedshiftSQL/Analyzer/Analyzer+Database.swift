/// CREATE, DROP and ALTER DATABASE: the privilege check; the engine does the rest.
///
/// - Redshift: r_CREATE_DATABASE ("you must be a superuser or have the CREATEDB privilege"),
///   r_DROP_DATABASE, r_ALTER_DATABASE (the owner, with CREATEDB to rename; a superuser for
///   anything). Whether the caller owns the database is the engine's check, as only the cluster
///   knows owners.
extension Analyzer {
    func databaseTranslation(_ command: DatabaseCommand) throws -> Translation {
        if !context.isSuperuser {
            let principal = try security?.principal(context.currentUser)
            let user = try security?.state.users[context.currentUser]
            let allowed = principal?.isSuperuser == true || user?.canCreateDatabase == true
            guard allowed else {
                // PostgreSQL's text (Redshift's is unverified).
                switch command {
                case .create: throw SQLError(code: "42501", message: "permission denied to create database")
                case .drop(let name, _, _), .alter(let name, _):
                    throw SQLError(code: "42501", message: "must be owner of database \(name)")
                }
            }
        }
        return Translation(kind: .database(command))
    }
}

/// CREATE, DROP and ALTER DATABASE: the engine performs them against the cluster, since a database
/// is a file of its own that the SQL layer never sees.
///
/// - Redshift: r_CREATE_DATABASE, r_DROP_DATABASE, r_ALTER_DATABASE.
public enum DatabaseCommand: Equatable, Sendable {
    case create(name: String, options: DatabaseOptions)
    /// `DROP DATABASE [IF EXISTS] name [FORCE]`.
    case drop(name: String, ifExists: Bool, force: Bool)
    case alter(name: String, change: DatabaseChange)

    /// The statement's tag, as CommandComplete carries it.
    public var tag: String {
        switch self {
        case .create: return "CREATE DATABASE"
        case .drop: return "DROP DATABASE"
        case .alter: return "ALTER DATABASE"
        }
    }
}

/// One ALTER DATABASE action (r_ALTER_DATABASE).
public enum DatabaseChange: Equatable, Sendable {
    case rename(to: String)
    case owner(to: String)
    /// nil: UNLIMITED.
    case connectionLimit(Int?)
    case collate(DatabaseOptions.Collation)
    case isolation(DatabaseOptions.Isolation)
}

/// What CREATE DATABASE keeps about a database, as pg_database and SVV_REDSHIFT_DATABASES show it.
public struct DatabaseOptions: Equatable, Sendable, Codable {
    public enum Collation: String, Sendable, Codable { case caseSensitive = "case_sensitive", caseInsensitive = "case_insensitive" }
    public enum Isolation: String, Sendable, Codable { case serializable = "Serializable", snapshot = "Snapshot Isolation" }

    /// nil: the creating user.
    public var owner: String?
    /// nil: UNLIMITED.
    public var connectionLimit: Int?
    public var collation: Collation
    public var isolation: Isolation

    public init(owner: String? = nil, connectionLimit: Int? = nil, collation: Collation = .caseSensitive,
                isolation: Isolation = .serializable) {
        self.owner = owner
        self.connectionLimit = connectionLimit
        self.collation = collation
        self.isolation = isolation
    }
}

/// One database of the cluster as the catalog views list it: the engine passes the cluster's
/// databases in `TranslationContext.databases`.
public struct ClusterDatabase: Equatable, Sendable, Codable {
    public var name: String
    /// The owner's user name (datdba is its usesysid where the catalog knows the user, else 1).
    public var owner: String
    public var options: DatabaseOptions
    /// A stable oid for pg_database.
    public var oid: Int64
    /// pg_database's oid of `dev`; other databases count up from it.
    public static let firstOID: Int64 = 100_000

    public init(name: String, owner: String, options: DatabaseOptions = DatabaseOptions(), oid: Int64) {
        self.name = name
        self.owner = owner
        self.options = options
        self.oid = oid
    }
}

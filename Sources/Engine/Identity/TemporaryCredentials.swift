import Foundation

/// A temporary database login issued by the management API: GetClusterCredentials,
/// GetClusterCredentialsWithIAM (Redshift) or GetCredentials (Redshift Serverless).
///
/// The login name is what the client sends in the startup packet (`IAM:alice`, `IAMA:alice`,
/// `IAMR:role`); the database user is who the session then runs as. For GetClusterCredentials the
/// prefix only marks the login as temporary and the database user is the plain DbUser (Cluster
/// Management Guide › "Using IAM authentication to generate database user credentials": the
/// temporary credentials "have the same permissions as the existing user" named by DbUser); for
/// the IAM-identity operations the prefixed name is itself the database user (Cluster Management
/// Guide › "Using the Amazon Redshift Data API": `IAM:foo`, `IAMR:role`).
public struct TemporaryCredential: Sendable, Equatable {
    /// The cluster or workgroup the credentials were issued for.
    public var target: Target
    /// The user name to log in with (`DbUser`/`dbUser` of the answer).
    public var loginName: String
    /// The database user a session opened with these credentials runs as.
    public var databaseUser: String
    /// The temporary password (`DbPassword`/`dbPassword`).
    public var password: String
    /// `DbName`: the one database the login is for; nil when any database is allowed.
    public var database: String?
    /// `DbGroups`: groups the user joins when logging on with this login.
    public var groups: [String]
    /// When the password stops working.
    public var expiration: Date
    /// AutoCreate: logging on creates the database user where it does not exist.
    public var autoCreate: Bool

    public init(target: Target, loginName: String, databaseUser: String, password: String, database: String?,
                groups: [String], expiration: Date, autoCreate: Bool = false) {
        self.target = target
        self.loginName = loginName
        self.databaseUser = databaseUser
        self.password = password
        self.database = database
        self.groups = groups
        self.expiration = expiration
        self.autoCreate = autoCreate
    }

    /// The login name GetClusterCredentials returns for `dbUser`: `IAM:` or, with AutoCreate, `IAMA:`
    /// (Redshift API Reference › GetClusterCredentials).
    public static func clusterLoginName(dbUser: String, autoCreate: Bool) -> String {
        (autoCreate ? "IAMA:" : "IAM:") + dbUser
    }

    /// The prefixes GetClusterCredentials puts before DbUser.
    static let dbUserPrefixes = ["IAMA:", "IAM:"]
}

/// The issued temporary credentials, by login name, until they expire.
///
/// The PostgreSQL door's authentication asks `credential(user:password:database:at:)` (or
/// `isValid`) whether a startup packet's user and password are a live temporary login, and
/// `databaseUser(forLogin:at:)` who the session runs as.
public final class TemporaryCredentialStore: Sendable {
    private let issued = Locked<[String: [TemporaryCredential]]>([:])

    public init() {}

    /// Remembers `credential` (several live passwords per login name are allowed, as each call
    /// issues a new one).
    public func remember(_ credential: TemporaryCredential) {
        issued.withLock { $0[credential.loginName, default: []].append(credential) }
    }

    /// The live credential `user` logs in with using `password` at `date`, for `database` when given
    /// (a credential issued for one DbName does not open another database), or nil.
    public func credential(user: String, password: String, database: String? = nil, target: Target? = nil,
                           at date: Date) -> TemporaryCredential? {
        credential(user: user, database: database, target: target, at: date) {
            Self.constantTimeEquals($0, password)
        }
    }

    /// The live credential of `user` whose password satisfies `passwordMatches`, for `database` and
    /// `target` when given, or nil. For a door that never sees the password itself: PostgreSQL's
    /// MD5 authentication sends `"md5" + md5(md5(password + user) + salt)`, which the door computes
    /// from each candidate password in `passwordMatches`.
    public func credential(user: String, database: String? = nil, target: Target? = nil, at date: Date,
                           passwordMatches: (String) -> Bool) -> TemporaryCredential? {
        let candidates = issued.withLock { issued in
            (issued[user] ?? []).filter { candidate in
                candidate.expiration > date
                    && (database == nil || candidate.database == nil || candidate.database == database)
                    && (target == nil || candidate.target == target)
            }
        }
        return candidates.first { passwordMatches($0.password) }
    }

    /// Whether `user`/`password` is a live temporary login at `date`.
    public func isValid(user: String, password: String, database: String? = nil, target: Target? = nil,
                        at date: Date) -> Bool {
        credential(user: user, password: password, database: database, target: target, at: date) != nil
    }

    /// The database user a startup packet's `login` runs as, when the password is not checked: the
    /// user of a live credential issued to that login name; else, for a GetClusterCredentials-style
    /// `IAM:`/`IAMA:` name, the name without its prefix; else the login itself.
    public func databaseUser(forLogin login: String, at date: Date) -> String {
        if let live = liveCredential(forLogin: login, at: date) { return live.databaseUser }
        for prefix in TemporaryCredential.dbUserPrefixes where login.hasPrefix(prefix) && login.count > prefix.count {
            return String(login.dropFirst(prefix.count))
        }
        return login
    }

    /// The newest live credential issued to `login`, whatever its password: who a connection runs
    /// as, and what happens at log on, when passwords are not checked.
    public func liveCredential(forLogin login: String, at date: Date) -> TemporaryCredential? {
        issued.withLock { $0[login]?.last(where: { $0.expiration > date }) }
    }

    /// Whether `login` was issued credentials, live or expired within the last day: such a login
    /// must present a live one (an expired temporary password fails, whether or not other
    /// passwords are verified).
    public func isTemporaryLogin(_ login: String) -> Bool {
        issued.withLock { $0[login]?.isEmpty == false }
    }

    /// Forgets credentials that expired more than a day ago. Called periodically.
    public func expire(now: Date) {
        let cutoff = now.addingTimeInterval(-24 * 3600)
        issued.withLock { issued in
            for (login, credentials) in issued {
                let live = credentials.filter { $0.expiration > cutoff }
                issued[login] = live.isEmpty ? nil : live
            }
        }
    }

    /// A new random password: 64 characters of letters, digits and `+/`, like the base64 passwords
    /// the service returns.
    public static func newPassword() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var generator = SystemRandomNumberGenerator()
        return String((0..<64).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

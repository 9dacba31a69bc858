import Foundation

/// Passwords issued for a limited time (GetClusterCredentials, GetCredentials: IAM database
/// credentials). `RedshiftEngine.authenticate` accepts a user's temporary password until it expires,
/// whether or not other passwords are verified; after that the login fails with 28P01.
///
/// ```swift
/// engine.temporaryCredentials.issue(user: "IAM:alice", password: "tmp…", expiresAt: now + 900)
/// ```
public final class TemporaryCredentialStore: Sendable {
    private struct Entry: Sendable {
        var password: String
        var expiresAt: Date
    }

    private let entries = Locked<[String: [Entry]]>([:])

    public init() {}

    /// Lets `user` log in with `password` until `expiresAt` (several may be valid at once).
    public func issue(user: String, password: String, expiresAt: Date) {
        entries.withLock { $0[user, default: []].append(Entry(password: password, expiresAt: expiresAt)) }
    }

    /// The passwords of `user` still valid at `now` (expired ones are dropped); nil when the user
    /// never had one.
    func passwords(of user: String, now: Date) -> [String]? {
        entries.withLock { entries in
            guard let issued = entries[user] else { return nil }
            let valid = issued.filter { $0.expiresAt > now }
            entries[user] = valid
            return valid.map(\.password)
        }
    }
}

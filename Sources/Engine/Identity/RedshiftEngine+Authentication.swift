import Foundation
import RedshiftSQL

/// Logins of the cluster endpoint (and of anything else that signs in with a database user and a
/// password): the one place that decides whether `user` may open a session on `database`.
///
/// A door asks `loginChallenge` how to ask for the password, then passes what the client answered
/// to `authenticate`; only then does it open the session. Temporary credentials
/// (`temporaryCredentials`, issued by GetClusterCredentials and the like) are checked first.
extension RedshiftEngine {
    /// How the password of `user` must be asked for: MD5 unless passwords are verified and the
    /// user's password is stored in a `sha256|…` form.
    public func loginChallenge(target: Target, database: String, user: String, policy: LoginPolicy) async -> LoginChallenge {
        guard policy.verifyPasswords, !temporaryCredentials.isTemporaryLogin(user),
              let login = try? await storedLogin(target: target, database: database, user: user, policy: policy)
        else { return .md5 }
        return login.password.challenge(randomSalt: (0..<32).map { _ in UInt8.random(in: 0...255) })
    }

    /// Checks that `user` may log in to `database` of `target` with `credential`; throws a
    /// `LoginError` (28P01, 3D000, 08004) when not.
    ///
    /// - The cluster must exist (or be provisioned on first use), and so must the database (in a
    ///   strict configuration; otherwise it is created on first use, as the Data API does).
    /// - A user with temporary credentials must present one that has not expired.
    /// - With `policy.verifyPasswords`, the password set by CREATE/ALTER USER in that database
    ///   (`policy.superuserPassword` for the configured superuser) must match; a user without one
    ///   (PASSWORD DISABLE, or never created) cannot log in with a password.
    public func authenticate(target: Target, database: String, user: String, credential: LoginCredential,
                             policy: LoginPolicy) async throws {
        _ = try loginDatabase(target: target, database: database)
        if temporaryCredentials.isTemporaryLogin(user) {
            guard temporaryLogin(user: user, target: target, database: database, passwordMatches: {
                StoredPassword.clear($0).verifies(credential, user: user)
            }) != nil else {
                throw LoginError.passwordFailed(user: user)
            }
            return
        }
        guard policy.verifyPasswords else { return }
        guard let login = try await storedLogin(target: target, database: database, user: user, policy: policy),
              login.password.verifies(credential, user: user),
              !PasswordValidity.hasExpired(login.validUntil, now: clock.now()) else {
            throw LoginError.passwordFailed(user: user)
        }
    }

    /// The database a login names, with the engine's refusals turned into login errors.
    private func loginDatabase(target: Target, database: String) throws -> RedshiftDatabase {
        let cluster: Cluster
        do {
            cluster = try registry.cluster(for: target)
        } catch let error as EngineError {
            throw LoginError(.unknownCluster, error.message)
        }
        do {
            return try registry.database(database, of: cluster)
        } catch is EngineError {
            throw LoginError(.unknownDatabase, "database \"\(database)\" does not exist")
        }
    }

    /// The stored password of `user` in `database` and its VALID UNTIL (nil: no password, so no
    /// password login).
    private func storedLogin(target: Target, database: String, user: String,
                             policy: LoginPolicy) async throws -> (password: StoredPassword, validUntil: String?)? {
        if user == settings.superuser { return policy.superuserPassword.map { (StoredPassword($0), nil) } }
        let found: (String?, String?)? = try await loginDatabase(target: target, database: database).withPooledConnection { connection in
            try await connection.access { db, _ in
                try SecurityCatalog(executor: GRDBExecutor(db: db)).state().users[user].map { ($0.password, $0.validUntil) }
            }
        }
        guard let (password, validUntil) = found, let password else { return nil }
        return (StoredPassword(password), validUntil)
    }
}

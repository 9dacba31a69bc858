import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// Temporary IAM logins: who they run as, when they stop working, what they open.
@Suite struct TemporaryCredentialStoreTests {
    private let cluster = Target(kind: .cluster, name: "analytics")
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func credential(login: String = "IAM:alice", user: String = "alice", database: String? = "dev",
                            password: String = "pw-1", seconds: TimeInterval = 900) -> TemporaryCredential {
        TemporaryCredential(target: cluster, loginName: login, databaseUser: user, password: password,
                            database: database, groups: [], expiration: start.addingTimeInterval(seconds))
    }

    @Test func aLiveCredentialIsValidUntilItExpires() {
        let store = TemporaryCredentialStore()
        store.remember(credential())
        #expect(store.isValid(user: "IAM:alice", password: "pw-1", at: start))
        #expect(store.isValid(user: "IAM:alice", password: "pw-1", at: start.addingTimeInterval(899)))
        #expect(!store.isValid(user: "IAM:alice", password: "pw-1", at: start.addingTimeInterval(900)))
    }

    @Test func theWrongPasswordUserDatabaseOrClusterIsRefused() {
        let store = TemporaryCredentialStore()
        store.remember(credential())
        #expect(!store.isValid(user: "IAM:alice", password: "pw-2", at: start))
        #expect(!store.isValid(user: "IAM:bob", password: "pw-1", at: start))
        #expect(!store.isValid(user: "alice", password: "pw-1", at: start))
        // DbName limits the login to that database (API Reference › GetClusterCredentials, DbName).
        #expect(!store.isValid(user: "IAM:alice", password: "pw-1", database: "sales", at: start))
        #expect(store.isValid(user: "IAM:alice", password: "pw-1", database: "dev", target: cluster, at: start))
        #expect(!store.isValid(user: "IAM:alice", password: "pw-1", target: Target(kind: .cluster, name: "other"), at: start))
    }

    @Test func withoutDbNameEveryDatabaseOpens() {
        let store = TemporaryCredentialStore()
        store.remember(credential(database: nil))
        #expect(store.isValid(user: "IAM:alice", password: "pw-1", database: "sales", at: start))
    }

    @Test func eachIssuedPasswordWorksUntilItsOwnExpiry() {
        let store = TemporaryCredentialStore()
        store.remember(credential(password: "first", seconds: 900))
        store.remember(credential(password: "second", seconds: 3600))
        #expect(store.isValid(user: "IAM:alice", password: "first", at: start))
        #expect(store.isValid(user: "IAM:alice", password: "second", at: start.addingTimeInterval(1000)))
        #expect(!store.isValid(user: "IAM:alice", password: "first", at: start.addingTimeInterval(1000)))
    }

    @Test func theLoginRunsAsItsDatabaseUser() {
        let store = TemporaryCredentialStore()
        store.remember(credential(login: "IAMA:carol", user: "carol"))
        store.remember(credential(login: "IAM:AKIDEXAMPLE", user: "IAM:AKIDEXAMPLE"))
        #expect(store.databaseUser(forLogin: "IAMA:carol", at: start) == "carol")
        // The IAM-identity operations' user name is the database user itself.
        #expect(store.databaseUser(forLogin: "IAM:AKIDEXAMPLE", at: start) == "IAM:AKIDEXAMPLE")
        // Never issued: a GetClusterCredentials-style name loses its prefix, others stay as they are.
        #expect(store.databaseUser(forLogin: "IAM:dave", at: start) == "dave")
        #expect(store.databaseUser(forLogin: "IAMA:erin", at: start) == "erin")
        #expect(store.databaseUser(forLogin: "awsuser", at: start) == "awsuser")
        #expect(store.databaseUser(forLogin: "IAM:", at: start) == "IAM:")
    }

    @Test func expireForgetsCredentialsDeadForADay() {
        let store = TemporaryCredentialStore()
        store.remember(credential(password: "short", seconds: 900))
        store.remember(credential(password: "long", seconds: 3600))
        store.expire(now: start.addingTimeInterval(1000))
        #expect(store.isValid(user: "IAM:alice", password: "long", at: start.addingTimeInterval(1000)))
        #expect(!store.isValid(user: "IAM:alice", password: "short", at: start.addingTimeInterval(1000)))
        // An expired login is remembered for a day, so that it cannot log in without a live password.
        store.expire(now: start.addingTimeInterval(3600 + 3600))
        #expect(store.isTemporaryLogin("IAM:alice"))
        #expect(!store.isValid(user: "IAM:alice", password: "long", at: start.addingTimeInterval(3600 + 3600)))
        store.expire(now: start.addingTimeInterval(3600 + 24 * 3600 + 1))
        #expect(!store.isTemporaryLogin("IAM:alice"))
        #expect(!store.isValid(user: "IAM:alice", password: "short", at: start))
    }

    @Test func aDoorThatSeesOnlyAHashMatchesThroughAPredicate() {
        let store = TemporaryCredentialStore()
        store.remember(credential(password: "first"))
        store.remember(credential(password: "second"))
        // E.g. PostgreSQL MD5: the door hashes each candidate the way the client did.
        let found = store.credential(user: "IAM:alice", database: "dev", target: cluster, at: start) {
            String($0.reversed()) == "dnoces"
        }
        #expect(found?.password == "second")
        #expect(store.credential(user: "IAM:alice", at: start) { _ in false } == nil)
        #expect(store.credential(user: "IAM:alice", at: start.addingTimeInterval(900)) { _ in true } == nil)
    }

    @Test func passwordsAreLongAndDifferent() {
        let a = TemporaryCredentialStore.newPassword(), b = TemporaryCredentialStore.newPassword()
        #expect(a.count == 64)
        #expect(a != b)
    }

    @Test func loggingOnWithAutoCreateCreatesTheUserAndJoinsExistingGroups() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let target = Target(kind: .cluster, name: "iam-test")
        try engine.provisionTarget(target)
        let admin = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        _ = try await run(engine, admin.id, "create group readers")
        let issued = try engine.issueTemporaryCredentials(TemporaryCredentialRequest(
            target: target, loginName: "IAMA:frank", databaseUser: "frank", database: "dev",
            groups: ["readers", "no_such_group"], durationSeconds: 900, createUser: true))
        #expect(issued.loginName == "IAMA:frank" && issued.autoCreate)
        #expect(engine.temporaryCredentials.isValid(user: "IAMA:frank", password: issued.password, at: engine.now()))
        #expect(engine.temporaryLogin(user: "IAMA:frank", target: target, database: "dev") { $0 == issued.password }?
            .databaseUser == "frank")
        #expect(engine.temporaryLogin(user: "IAMA:frank", target: target, database: "dev") { _ in false } == nil)
        // Issuing does not touch the catalog; logging on does (the IAMA: user is created at log on).
        #expect(try await run(engine, admin.id, "select usename from pg_user where usename = 'frank'").resultRows == 0)
        let frank = try engine.openSession(target: target, database: "dev", user: "IAMA:frank", caller: .anonymous)
        #expect(frank.dbUser == "frank")
        #expect(try await run(engine, admin.id, "select usename from pg_user where usename = 'frank'").resultRows == 1)
        // The membership: a table granted to the group is readable by the new user.
        _ = try await run(engine, admin.id, "create table shared (x int)")
        _ = try await run(engine, admin.id, "grant select on shared to group readers")
        #expect(try await run(engine, frank.id, "select * from shared").status == .finished)
        // Logging on again changes nothing.
        let again = try engine.openSession(target: target, database: "dev", user: "IAMA:frank", caller: .anonymous)
        await engine.closeSession(again.id)
        await engine.closeSession(frank.id)
        await engine.closeSession(admin.id)
    }

    @Test func anUnknownClusterIsNotFoundWhenStrict() throws {
        var configuration = EngineConfiguration()
        configuration.strict = true
        let engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
        defer { engine.shutdown() }
        #expect(throws: EngineError.self) {
            try engine.issueTemporaryCredentials(TemporaryCredentialRequest(
                target: Target(kind: .cluster, name: "nope"), loginName: "IAM:a", databaseUser: "a", database: nil,
                groups: [], durationSeconds: 900, createUser: false))
        }
    }

    private func run(_ engine: RedshiftEngine, _ session: String, _ sql: String) async throws -> StatementSnapshot {
        let snapshot = try await engine.runToEnd(sql, inSession: session)
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
        return snapshot
    }
}

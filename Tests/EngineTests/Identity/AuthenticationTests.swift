import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// `engine.authenticate`: issue 13's contract (any password by default; CREATE/ALTER USER
/// passwords with verify_passwords; PASSWORD DISABLE: no password login; unknown database 3D000).
@Suite struct AuthenticationTests {
    private let target = Target(kind: .cluster, name: "auth-test")
    private let verify = LoginPolicy(verifyPasswords: true, superuserPassword: "Admin1234")

    private func run(_ engine: RedshiftEngine, _ sql: String) async throws {
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        defer { Task { await engine.closeSession(session.id) } }
        let snapshot = try await engine.runToEnd(sql, inSession: session.id)
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
    }

    private func refusal(_ body: () async throws -> Void) async -> LoginError? {
        do { try await body(); return nil } catch let error as LoginError { return error } catch { return nil }
    }

    @Test func anyPasswordByDefault() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        try await engine.authenticate(target: target, database: "dev", user: "nobody", credential: .cleartext("x"),
                                      policy: .acceptAll)
        #expect(await engine.loginChallenge(target: target, database: "dev", user: "nobody", policy: .acceptAll) == .md5)
    }

    @Test func createdUsersAndTheSuperuser() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        try await run(engine, "create user alice password 'Alice1234'")
        try await run(engine, "create user erin password disable")
        try await engine.authenticate(target: target, database: "dev", user: "alice", credential: .cleartext("Alice1234"), policy: verify)
        try await engine.authenticate(target: target, database: "dev", user: "awsuser", credential: .cleartext("Admin1234"), policy: verify)
        for (user, password) in [("alice", "alice1234"), ("awsuser", "x"), ("erin", ""), ("nobody", "x")] {
            let error = await refusal {
                try await engine.authenticate(target: target, database: "dev", user: user, credential: .cleartext(password), policy: verify)
            }
            #expect(error == .passwordFailed(user: user))
            #expect(error?.sqlState == "28P01")
        }
        try await run(engine, "create user gina password 'Gina1234' valid until '2017-06-10'")
        #expect(await refusal {
            try await engine.authenticate(target: target, database: "dev", user: "gina", credential: .cleartext("Gina1234"), policy: self.verify)
        } == .passwordFailed(user: "gina"))
        try await run(engine, "alter user alice password 'Newer5678'")
        try await engine.authenticate(target: target, database: "dev", user: "alice", credential: .cleartext("Newer5678"), policy: verify)
        #expect(await refusal {
            try await engine.authenticate(target: target, database: "dev", user: "alice", credential: .cleartext("Alice1234"), policy: self.verify)
        } != nil)
    }

    @Test func temporaryCredentialsUntilTheyExpire() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        for (login, password, seconds) in [("IAM:alice", "tmp-1", 900.0), ("IAM:old", "tmp-2", -1.0)] {
            engine.temporaryCredentials.remember(TemporaryCredential(
                target: target, loginName: login, databaseUser: String(login.dropFirst(4)), password: password,
                database: nil, groups: [], expiration: engine.now().addingTimeInterval(seconds)))
        }
        try await engine.authenticate(target: target, database: "dev", user: "IAM:alice", credential: .cleartext("tmp-1"), policy: .acceptAll)
        #expect(await refusal {
            try await engine.authenticate(target: target, database: "dev", user: "IAM:alice", credential: .cleartext("x"), policy: .acceptAll)
        } == .passwordFailed(user: "IAM:alice"))
        #expect(await refusal {
            try await engine.authenticate(target: target, database: "dev", user: "IAM:old", credential: .cleartext("tmp-2"), policy: .acceptAll)
        } == .passwordFailed(user: "IAM:old"))
    }

    @Test func anUnknownDatabaseInAStrictConfiguration() async throws {
        var configuration = EngineConfiguration()
        configuration.strict = true
        configuration.targets = [(target, ["dev"])]
        let engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let error = await refusal {
            try await engine.authenticate(target: target, database: "nope", user: "awsuser", credential: .cleartext("x"), policy: .acceptAll)
        }
        #expect(error == LoginError(.unknownDatabase, "database \"nope\" does not exist"))
        #expect(error?.sqlState == "3D000")
        let cluster = await refusal {
            try await engine.authenticate(target: Target(kind: .cluster, name: "other"), database: "dev", user: "awsuser",
                                          credential: .cleartext("x"), policy: .acceptAll)
        }
        #expect(cluster?.sqlState == "08004")
    }
}

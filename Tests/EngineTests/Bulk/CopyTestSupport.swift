import Foundation
import Logging
import ObjectStore
import RedshiftSQL
@testable import Engine

/// An engine with an in-memory object store and one session, for COPY tests.
final class CopyHarness {
    let store = MemoryObjectStore(buckets: ["bucket"])
    let engine: RedshiftEngine
    private let target = Target(kind: .cluster, name: "copy-test")
    private var sessions: [String: String] = [:]

    static let role = "iam_role 'arn:aws:iam::123456789012:role/Loader'"

    init(objectStore: Bool = true) throws {
        var configuration = EngineConfiguration()
        if objectStore { configuration.objectStore = store }
        engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    deinit { engine.shutdown() }

    /// Stores `text` at `s3://bucket/<key>`.
    func put(_ key: String, _ text: String) { store.put(S3Location(bucket: "bucket", key: key), Array(text.utf8)) }
    func put(_ key: String, bytes: [UInt8]) { store.put(S3Location(bucket: "bucket", key: key), bytes) }

    private func session(_ user: String) throws -> String {
        if let id = sessions[user] { return id }
        let id = try engine.openSession(target: target, database: "dev", user: user, caller: .anonymous).id
        sessions[user] = id
        return id
    }

    /// Runs one statement as `user` in that user's session; its final snapshot.
    @discardableResult
    func run(_ sql: String, as user: String = "awsuser") async throws -> StatementSnapshot {
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: try session(user), database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    /// The rows of a query (which must succeed).
    func rows(_ sql: String, as user: String = "awsuser") async throws -> [[SQLiteValue]] {
        let snapshot = try await run(sql, as: user)
        guard snapshot.status == .finished else { throw HarnessError(message: snapshot.error ?? "failed") }
        return try engine.result(snapshot.id).1?.rows(offset: 0, limit: 100_000) ?? []
    }

    struct HarnessError: Error { var message: String }
}

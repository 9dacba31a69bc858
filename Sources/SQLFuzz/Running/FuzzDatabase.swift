import Engine
import Foundation
import Logging
import RedshiftSQL

/// A statement the engine refused: its Redshift error text.
public struct FuzzQueryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// One in-process engine with a fresh cluster, driven through its public API the way a door does:
/// each statement runs to its end in an open session of the superuser or of a tenant.
public final class FuzzDatabase: @unchecked Sendable {
    public static let superuser = "awsuser"
    let engine: RedshiftEngine
    private let target = Target(kind: .cluster, name: "fuzz")
    private var sessions: [String: String] = [:]
    /// Statements run, for the report.
    public private(set) var statementCount = 0

    public init() throws {
        engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "sql-fuzz"))
    }

    deinit { engine.shutdown() }

    /// Closes the sessions and stops the engine.
    public func close() async {
        for id in sessions.values { await engine.closeSession(id) }
        sessions = [:]
        engine.shutdown()
    }

    /// Runs `sql` as `user` (the superuser by default): its rows, or the error it failed with.
    /// Table placeholders (`⟦t0⟧`) left in `sql` name the tables themselves.
    public func run(_ template: String, as user: String = FuzzDatabase.superuser) async -> Result<[[SQLiteValue]], FuzzQueryError> {
        statementCount += 1
        let sql = TableNaming().apply(template)
        do {
            let session = try sessionId(for: user)
            let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                           placement: .session(id: session, database: nil, keepAliveSeconds: nil),
                                           caller: .anonymous, operation: "ExecuteStatement")
            let (snapshot, result) = try await engine.execute(request)
            guard snapshot.status == .finished else {
                return .failure(FuzzQueryError(message: snapshot.error ?? "\(snapshot.status)"))
            }
            guard let result else { return .success([]) }
            return .success(try result.rows(offset: 0, limit: result.rowCount))
        } catch {
            return .failure(FuzzQueryError(message: "\(error)"))
        }
    }

    /// Runs set-up statements as the superuser; the first failure is thrown.
    public func setUp(_ statements: [String]) async throws {
        for sql in statements {
            if case .failure(let error) = await run(sql) { throw FuzzQueryError(message: "\(sql): \(error.message)") }
        }
    }

    private func sessionId(for user: String) throws -> String {
        if let id = sessions[user] { return id }
        let id = try engine.openSession(target: target, database: "dev", user: user, caller: .anonymous).id
        sessions[user] = id
        return id
    }
}

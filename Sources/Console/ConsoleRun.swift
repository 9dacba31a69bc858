import Engine
import Foundation
import RedshiftSQL

/// The SQL editor's request: one statement, run as `user` in a new session of the cluster (or
/// workgroup) and database it names — the same placement, privileges, RLS and masking as a Data
/// API statement of that DbUser. The answer holds at most `maxRows` rows, as text.
struct ConsoleRun: Decodable {
    var sql: String
    var user: String
    var cluster: String?
    var workgroup: String?
    var database: String?

    static let maxRows = 1000

    func perform(_ engine: RedshiftEngine, defaultTarget: Target) async -> ConsoleViews.RunResult {
        let target = workgroup.map { Target(kind: .workgroup, name: $0) }
            ?? cluster.map { Target(kind: .cluster, name: $0) } ?? defaultTarget
        let request = StatementRequest(
            statements: [Translator.parse(sql)], isBatch: false,
            placement: .new(target: target, database: database ?? "dev", user: user, keepAliveSeconds: nil),
            caller: Caller(accessKeyId: "console"), operation: "ExecuteStatement", door: .console)
        do {
            let (snapshot, result) = try await engine.execute(request)
            var answer = ConsoleViews.RunResult(
                statementId: snapshot.id, status: snapshot.status.rawValue, error: snapshot.error, columns: [], rows: [],
                rowCount: max(0, snapshot.resultRows), truncated: false,
                durationMs: snapshot.durationNanos >= 0 ? ConsoleViews.milliseconds(Double(snapshot.durationNanos) / 1e9) : nil)
            guard let result else { return answer }
            answer.columns = result.columns.map { ConsoleViews.Column(name: $0.name, type: $0.type.typeName) }
            let rows = try result.rows(offset: 0, limit: Self.maxRows)
            answer.rows = rows.map { row in zip(row, result.columns).map { value, column in column.type.text(of: value) } }
            answer.rowCount = Int64(result.rowCount)
            answer.truncated = result.rowCount > rows.count
            return answer
        } catch let error as EngineError {
            return ConsoleViews.RunResult(statementId: nil, status: "FAILED", error: error.message, columns: [], rows: [],
                                          rowCount: 0, truncated: false, durationMs: nil)
        } catch {
            return ConsoleViews.RunResult(statementId: nil, status: "FAILED", error: "\(error)", columns: [], rows: [],
                                          rowCount: 0, truncated: false, durationMs: nil)
        }
    }
}

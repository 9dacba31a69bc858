import RedshiftSQL
@testable import Engine

extension RedshiftEngine {
    /// Submits `sql` in the open session `sessionId` (the cluster endpoint's way) and waits for its
    /// end: the statement as it ended, FINISHED or not.
    func runToEnd(_ sql: String, inSession sessionId: String) async throws -> StatementSnapshot {
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: sessionId, database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let id = try submit(request).id
        while try !statement(id).status.isTerminal { try await waitForEnd(id, seconds: 10) }
        return try statement(id)
    }
}

import Engine
import Foundation
import RedshiftSQL

/// Runs statements of one connection in its engine session, the way the Data API door does:
/// `Translator.parse`, a `StatementRequest` placed in the session, `engine.submit`, then wait for
/// the end and read the snapshot and the rows.
struct SessionStatementRunner: Sendable {
    /// How one statement ended, for the protocol.
    enum Outcome: Sendable {
        case completed
        case failed(BackendMessage.Notice)
    }

    typealias Writer = @Sendable ([BackendMessage]) async throws -> Void

    let engine: RedshiftEngine
    let sessionId: String
    let caller: Caller
    /// DataRows are written in batches of this many.
    static let rowBatch = 512

    /// Runs one statement and writes RowDescription (when `describe` and it returns rows), its
    /// DataRows (at most `maxRows` when > 0, none when < 0) and CommandComplete; a failure is returned, not written.
    func run(_ sql: String, parameters: [String?] = [], types: [Int32] = [], describe: Bool, maxRows: Int = 0,
             write: Writer) async throws -> Outcome {
        let parsed: ParsedStatement
        var bound: [StatementParameter]?
        if parameters.isEmpty {
            parsed = Translator.parse(sql)
        } else {
            let rewritten = PositionalParameters.rewrite(sql, values: parameters, types: types)
            parsed = Translator.parse(rewritten.sql)
            bound = rewritten.parameters.isEmpty ? nil : rewritten.parameters
        }
        let request = StatementRequest(statements: [parsed], isBatch: false,
                                       placement: .session(id: sessionId, database: nil, keepAliveSeconds: nil),
                                       caller: caller, parameters: bound, operation: "Query")
        let id: String
        do {
            id = try engine.submit(request).id
        } catch let error as EngineError {
            return .failed(.init(code: "53000", message: error.message))
        }
        while try !engine.statement(id).status.isTerminal {
            try await engine.waitForEnd(id, seconds: 60)
        }
        let (snapshot, result) = try engine.result(id)
        switch snapshot.status {
        case .finished:
            if let result, snapshot.hasResultSet {
                if describe { try await write([.rowDescription(result.columns.map(BackendMessage.Field.init))]) }
                let total = maxRows > 0 ? min(maxRows, result.rowCount) : maxRows < 0 ? 0 : result.rowCount
                var offset = 0
                while offset < total {
                    let rows = try result.rows(offset: offset, limit: min(Self.rowBatch, total - offset))
                    if rows.isEmpty { break }
                    try await write(rows.map { row in
                        .dataRow(zip(row, result.columns).map { value, column in column.type.text(of: value) })
                    })
                    offset += rows.count
                }
                try await write([.commandComplete(tag: CommandTag.of(parsed, rows: Int64(total)))])
            } else {
                try await write([.commandComplete(tag: CommandTag.of(parsed, rows: snapshot.resultRows))])
            }
            return .completed
        case .aborted:
            return .failed(.init(code: "57014", message: "canceling statement due to user request"))
        default:
            return .failed(Self.notice(of: snapshot))
        }
    }

    /// The RowDescription fields of a statement, for Describe: a read-only query runs (no rows are
    /// sent) to learn them; other statements return no rows (nil: NoData).
    func describe(_ sql: String, parameters: [String?], types: [Int32] = []) async throws -> Result<[BackendMessage.Field]?, FailedStatement> {
        guard Translator.parse(sql).statementClass == .query else { return .success(nil) }
        let probe = FieldProbe()
        let outcome = try await run(sql, parameters: parameters, types: types, describe: true, maxRows: -1) { messages in
            for case .rowDescription(let fields) in messages { await probe.set(fields) }
        }
        if case .failed(let notice) = outcome { return .failure(FailedStatement(notice: notice)) }
        return .success(await probe.fields)
    }

    /// The transaction status of the session after a statement.
    func transactionStatus() async -> BackendMessage.TransactionStatus {
        switch try? await engine.transactionStatus(ofSession: sessionId) {
        case .inTransaction: return .inTransaction
        case .failed: return .failed
        default: return .idle
        }
    }

    /// ErrorResponse fields from a FAILED statement's `ERROR: message\nDETAIL: detail` text.
    static func notice(of snapshot: StatementSnapshot) -> BackendMessage.Notice {
        var text = snapshot.error ?? "ERROR: unknown error"
        if text.hasPrefix("ERROR: ") { text.removeFirst("ERROR: ".count) }
        var detail: String?
        if let range = text.range(of: "\nDETAIL: ") {
            detail = String(text[range.upperBound...])
            text = String(text[..<range.lowerBound])
        }
        return .init(code: snapshot.errorCode ?? "XX000", message: text, detail: detail, position: snapshot.errorPosition)
    }
}

/// A failed Describe's error.
struct FailedStatement: Error {
    var notice: BackendMessage.Notice
}

/// Collects the RowDescription a Describe run writes.
actor FieldProbe {
    var fields: [BackendMessage.Field]?
    func set(_ fields: [BackendMessage.Field]) { self.fields = fields }
}

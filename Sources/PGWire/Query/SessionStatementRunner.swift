import Engine
import Foundation
import RedshiftSQL

/// Runs statements of one connection in its engine session, the way the Data API door does:
/// `Translator.parse`, a `StatementRequest` placed in the session, `engine.submit`, then wait for
/// the end and read the snapshot and the rows.
final class SessionStatementRunner: Sendable {
    /// How one statement (or one Execute of a portal) ended, for the protocol.
    enum Outcome: Sendable {
        case completed
        /// Execute's row limit was reached with rows left: PortalSuspended was written, the
        /// cursor holds the rest for the next Execute.
        case suspended(PortalCursor)
        case failed(BackendMessage.Notice)
    }

    typealias Writer = @Sendable ([BackendMessage]) async throws -> Void

    let engine: RedshiftEngine
    let sessionId: String
    let caller: Caller
    /// The session's transaction status (`RedshiftEngine.transactionStatusReader`).
    let readTransactionStatus: @Sendable () -> SessionTransactionStatus
    /// The connection's protocol level and catalog (RowDescription's extended fields, binary numerics).
    let presentation: ResultPresentation
    /// DataRows are written in batches of this many.
    static let rowBatch = 512
    /// The connection's recent parses.
    let parses = ParsedStatementCache()

    init(engine: RedshiftEngine, sessionId: String, caller: Caller,
         readTransactionStatus: @escaping @Sendable () -> SessionTransactionStatus, presentation: ResultPresentation) {
        self.engine = engine
        self.sessionId = sessionId
        self.caller = caller
        self.readTransactionStatus = readTransactionStatus
        self.presentation = presentation
    }

    /// The statement the engine parses: `$n` bound to `parameters` (see `PositionalParameters`).
    func prepare(_ sql: String, parameters: [String?], types: [Int32])
        -> (ParsedStatement, [StatementParameter]?, PositionalParameters.PositionMap?) {
        guard !parameters.isEmpty else { return (parses.parse(sql), nil, nil) }
        let rewritten = PositionalParameters.rewriteMapped(sql, values: parameters, types: types)
        return (parses.parse(rewritten.sql), rewritten.parameters.isEmpty ? nil : rewritten.parameters,
                rewritten.positions)
    }

    /// Runs one statement and writes RowDescription (when `describe` and it returns rows), its
    /// DataRows in `formats` (Bind's codes; at most `maxRows` when > 0, then PortalSuspended) and
    /// CommandComplete; a failure is returned, not written.
    func run(_ sql: String, parameters: [String?] = [], types: [Int32] = [], formats: [Int16] = [],
             describe: Bool, maxRows: Int = 0, write: Writer) async throws -> Outcome {
        let (parsed, bound, positions) = prepare(sql, parameters: parameters, types: types)
        var notices: [BackendMessage.Notice] = []
        if parsed.statementClass == .ddl {
            notices = await DropNotices.missing(in: sql, engine: engine, sessionId: sessionId)
        }
        if parsed.statementClass == .transaction, let control = TransactionNotices.control(of: sql),
           let warning = TransactionNotices.warning(control, status: transactionStatus()) {
            notices.append(warning)
        }
        let request = StatementRequest(statements: [parsed], isBatch: false,
                                       placement: .session(id: sessionId, database: nil, keepAliveSeconds: nil),
                                       caller: caller, parameters: bound, operation: "Query", door: .postgresql)
        let snapshot: StatementSnapshot, result: ResultSet?
        do {
            (snapshot, result) = try await engine.execute(request)
        } catch let error as EngineError {
            if engine.wasTerminated(session: sessionId) {
                // PG_TERMINATE_BACKEND won the race with this statement: answer as the watcher
                // (`PGConnection.watchTermination`) does, which closes the connection.
                return .failed(.init(severity: "FATAL", code: "57P01",
                                     message: "terminating connection due to administrator command"))
            }
            return .failed(.init(code: "53000", message: error.message))
        }
        notices += snapshot.notices.map { .init(severity: $0.severity, code: "00000", message: $0.message) }
        switch snapshot.status {
        case .finished:
            guard let result, snapshot.hasResultSet else {
                if parsed.statementClass == .unload {
                    // What psql prints after an UNLOAD on Redshift (unverified against the documentation).
                    notices.append(.init(severity: "INFO", code: "00000",
                                         message: "UNLOAD completed, \(snapshot.resultRows) record(s) unloaded successfully."))
                }
                try await write(notices.map { .noticeResponse($0) }
                                + [.commandComplete(tag: CommandTag.of(parsed, rows: snapshot.resultRows, words: parses.commandWords(of: parsed.text)))])
                return .completed
            }
            guard let resolved = ResultPresentation.formats(formats, columns: result.columns.count) else {
                return .failed(.init(code: "08P01", message: "bind message has \(formats.count) result formats but query has \(result.columns.count) columns"))
            }
            if let column = zip(result.columns, resolved).first(where: { $0.1 == 1 && !BinaryResult.supports($0.0.type) })?.0 {
                return .failed(.init(code: "42883", message: "no binary output function available for type \(column.type.formatTypeName)"))
            }
            if !notices.isEmpty { try await write(notices.map { .noticeResponse($0) }) }
            if describe { try await write([.rowDescription(presentation.fields(result.columns, formats: resolved))]) }
            let cursor = PortalCursor(statement: parsed, result: result, formats: resolved)
            return try await resume(cursor, maxRows: maxRows, write: write)
        case .aborted:
            return .failed(.init(code: "57014", message: "canceling statement due to user request"))
        default:
            // RAISE INFO/NOTICE of a CALL that then failed: sent before the ErrorResponse.
            if !snapshot.notices.isEmpty {
                try await write(snapshot.notices.map { .noticeResponse(.init(severity: $0.severity, code: "00000", message: $0.message)) })
            }
            var notice = Self.notice(of: snapshot)
            if let positions, let position = notice.position { notice.position = positions.originalPosition(position) }
            return .failed(notice)
        }
    }

    /// Writes the cursor's next rows (all when `maxRows` ≤ 0), then CommandComplete, or
    /// PortalSuspended when rows are left.
    func resume(_ cursor: PortalCursor, maxRows: Int, write: Writer) async throws -> Outcome {
        var cursor = cursor
        let result = cursor.result
        let remaining = result.rowCount - cursor.offset
        let count = maxRows > 0 ? min(maxRows, remaining) : remaining
        var written = 0
        while written < count {
            let rows = try result.rows(offset: cursor.offset, limit: min(Self.rowBatch, count - written))
            if rows.isEmpty { break }
            var messages: [BackendMessage] = []
            messages.reserveCapacity(rows.count)
            if cursor.allText {
                messages = rows.map { row in .dataRow(zip(row, result.columns).map { $1.type.text(of: $0) }) }
            } else {
                for row in rows {
                    guard let values = presentation.row(row, columns: result.columns, formats: cursor.formats) else {
                        return .failed(.init(code: "22P03", message: "a value could not be written in binary format"))
                    }
                    messages.append(.dataRowBytes(values))
                }
            }
            try await write(messages)
            cursor.offset += rows.count
            written += rows.count
        }
        if cursor.offset < result.rowCount {
            try await write([.portalSuspended])
            return .suspended(cursor)
        }
        try await write([.commandComplete(tag: CommandTag.of(cursor.statement, rows: Int64(written), words: parses.commandWords(of: cursor.statement.text)))])
        return .completed
    }

    /// The RowDescription fields of a statement, for Describe, from its translation: nothing
    /// runs. nil (NoData) for statements that return no rows. Unbound parameters are NULLs of
    /// their Parse types.
    func describe(_ sql: String, parameters: [String?], types: [Int32], formats: [Int16] = [])
        async throws -> Result<[BackendMessage.Field]?, FailedStatement> {
        if Translator.splitStatements(sql).isEmpty { return .success(nil) }   // Execute answers EmptyQueryResponse
        let (parsed, bound, positions) = prepare(sql, parameters: parameters, types: types)
        do {
            let described = if let cursor = parsed.fetchedCursor {
                try await engine.cursorColumns(ofSession: sessionId, named: cursor)
            } else {
                try await engine.describeColumns(parsed, inSession: sessionId, parameters: bound)
            }
            guard let columns = described else { return .success(nil) }
            guard let resolved = ResultPresentation.formats(formats, columns: columns.count) else {
                return .failure(FailedStatement(notice: .init(code: "08P01", message: "bind message has \(formats.count) result formats but query has \(columns.count) columns")))
            }
            return .success(presentation.fields(columns, formats: resolved))
        } catch let error as SQLError {
            let position = error.position.map { positions?.originalPosition($0) ?? $0 }
            return .failure(FailedStatement(notice: .init(code: error.code, message: error.message, position: position)))
        } catch let error as EngineError {
            return .failure(FailedStatement(notice: .init(code: "08003", message: error.message)))
        }
    }

    /// The RowDescription of the cursor `name` opened by DECLARE in this session (text formats), or
    /// nil when the session has no such cursor.
    func describeCursor(named name: String) async throws -> [BackendMessage.Field]? {
        guard let columns = try await engine.cursorColumns(ofSession: sessionId, named: name) else { return nil }
        return presentation.fields(columns, formats: Array(repeating: 0, count: columns.count))
    }

    /// The transaction status of the session after a statement.
    func transactionStatus() -> BackendMessage.TransactionStatus {
        switch readTransactionStatus() {
        case .inTransaction: return .inTransaction
        case .failed: return .failed
        default: return .idle
        }
    }

    /// ErrorResponse fields from a FAILED statement's `ERROR: message\nDETAIL: detail\nHINT: hint` text.
    static func notice(of snapshot: StatementSnapshot) -> BackendMessage.Notice {
        var text = snapshot.error ?? "ERROR: unknown error"
        if text.hasPrefix("ERROR: ") { text.removeFirst("ERROR: ".count) }
        var hint: String?
        if let range = text.range(of: "\nHINT: ") {
            hint = String(text[range.upperBound...])
            text = String(text[..<range.lowerBound])
        }
        var detail: String?
        if let range = text.range(of: "\nDETAIL: ") {
            detail = String(text[range.upperBound...])
            text = String(text[..<range.lowerBound])
        }
        return .init(code: snapshot.errorCode ?? "XX000", message: text, detail: detail, position: snapshot.errorPosition, hint: hint)
    }
}

/// A portal's result being read by Execute with a row limit: the rows stay in the engine's
/// result set, the cursor remembers how far the client got.
struct PortalCursor: Sendable {
    let statement: ParsedStatement
    let result: ResultSet
    let formats: [Int16]
    var offset = 0

    /// Every column in text format: DataRows are written from the values' text directly.
    var allText: Bool { !formats.contains(1) }
}

/// A failed Describe's error.
struct FailedStatement: Error {
    var notice: BackendMessage.Notice
}

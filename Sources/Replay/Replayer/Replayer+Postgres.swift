import DataAPI
import DataAPIModel
import Foundation
import PGClient

/// Replaying over the PostgreSQL wire protocol: one connection per recorded session, opened at
/// the session's recorded connect time (else its first statement's due time) and closed at its
/// recorded disconnect time (else after its last statement), so connections overlap as recorded.
///
/// Each statement is one round trip, sent at its due time: the simple query protocol, or the
/// extended one when it has recorded parameters (``PositionalRewrite``: values bound, never
/// spliced). A session's statements run in order on its one connection, so a transaction across
/// several round trips (BEGIN … COMMIT) stays one transaction. A recorded Data API batch runs
/// inside BEGIN … COMMIT (ROLLBACK when a statement failed) unless a transaction is already open
/// or the batch has its own transaction control; its statements after a failure are ABORTED.
///
/// The latency recorded is the round trip (send to ReadyForQuery); `redshiftPid` is the
/// connection's BackendKeyData pid. A connection that cannot be opened or breaks fails the
/// statement (`errorCode` `ConnectionError`), and the next one connects again.
extension Replayer {
    func workOverPostgres(origin: Int64, target: PostgresReplayTarget) {
        var drifts: [Int64] = []
        while let index = state.nextSession() {
            let schedule = plan.sessions[index]
            let login = target.url(for: schedule)
            var client: PGClient?
            var connectFailure: String?
            func connect() {
                do {
                    client = try PGClient(url: login, connectTimeout: target.connectTimeout, queryTimeout: target.queryTimeout)
                    connectFailure = nil
                } catch {
                    client = nil
                    connectFailure = "\(error)"
                }
            }
            clock.sleep(untilMicros: origin + (schedule.connectOffsetMicros ?? schedule.firstOffsetMicros))
            connect()
            for unit in schedule.units {
                let (sent, drift) = clock.awaitTurn(dueMicros: origin + unit.offsetMicros)
                drifts.append(drift)
                if client?.isOpen != true && connectFailure == nil { connect() }
                guard let connection = client else {
                    record(unit, failure: ("ConnectionError", connectFailure ?? "not connected"), submitted: sent, drift: drift)
                    connectFailure = nil   // try again for the next unit
                    continue
                }
                run(unit, on: connection, drift: drift)
            }
            if let disconnect = schedule.disconnectOffsetMicros { clock.sleep(untilMicros: origin + disconnect) }
            client?.close()
        }
        state.addDrifts(drifts)
    }

    /// Sends the statements of one unit on `connection`, recording each.
    private func run(_ unit: ReplayUnit, on connection: PGClient, drift: Int64) {
        let wrap = unit.isBatch && connection.transactionStatus == "I"
            && !unit.statements.contains { StatementType(sql: $0.sql) == .transaction }
        var failed = false
        if wrap {
            do {
                let begun = try connection.query("BEGIN")
                if let error = begun.error {
                    for statement in unit.statements { record(statement, failure: ("ConnectionError", "BEGIN failed: \(error)"), drift: drift) }
                    return
                }
            } catch {
                for statement in unit.statements { record(statement, failure: ("ConnectionError", "\(error)"), drift: drift) }
                return
            }
        }
        for statement in unit.statements {
            let sent = clock.nowMicros()
            if failed {
                var out = replayed(statement, submitted: sent)
                out.status = "ABORTED"
                out.error = "not run: an earlier statement of its batch failed"
                out.endedAt = out.submittedAt
                out.driftMicros = drift
                state.count(status: "ABORTED", callError: false)
                sink(out)
                continue
            }
            do {
                var hasher = fetchResultFingerprints ? ResultFingerprint() : nil
                let onRow: (([PGColumn], [ArraySlice<UInt8>?]) -> Void)? = hasher == nil ? nil : { columns, values in
                    hasher!.add(Self.fields(columns: columns, values: values))
                }
                let parameters = statement.parameters.flatMap { $0.isEmpty ? nil : $0 }
                let result: PGResult
                if let parameters {
                    let rewritten = PositionalRewrite.rewrite(statement.sql, parameters: parameters)
                    result = try connection.query(rewritten.sql, parameters: rewritten.values, onRow: onRow)
                } else {
                    result = try connection.query(statement.sql, onRow: onRow)
                }
                let ended = clock.nowMicros()
                var out = replayed(statement, submitted: sent)
                let micros = max(1, ended - sent)
                out.durationMicros = micros
                out.endedAt = out.submittedAt.adding(microseconds: micros)
                out.driftMicros = drift
                out.redshiftPid = connection.processId > 0 ? Int64(connection.processId) : nil
                if let error = result.error {
                    out.status = error.code == "57014" ? "ABORTED" : "FAILED"
                    out.error = error.description
                    failed = unit.isBatch
                } else {
                    out.status = "FINISHED"
                    out.resultRows = result.rows
                    if let hasher, !result.columns.isEmpty { out.resultFingerprint = hasher.value }
                }
                state.count(status: out.status, callError: false)
                sink(out)
            } catch {
                record(statement, failure: ("ConnectionError", "\(error)"), drift: drift, submitted: sent)
                failed = true
            }
        }
        if wrap && connection.isOpen {
            _ = try? connection.query(connection.transactionStatus == "T" && !failed ? "COMMIT" : "ROLLBACK")
        }
    }

    private func record(_ statement: RecordedStatement, failure: (code: String, message: String), drift: Int64,
                        submitted: Int64? = nil) {
        var unit = ReplayUnit(statements: [statement], offsetMicros: 0)
        unit.statements = [statement]
        record(unit, failure: failure, submitted: submitted ?? clock.nowMicros(), drift: drift)
    }

    /// A text DataRow as the Data API's typed fields (by the column's type OID), so that a result
    /// fetched over the wire fingerprints like the same result paged with GetStatementResult.
    static func fields(columns: [PGColumn], values: [ArraySlice<UInt8>?]) -> [Field] {
        values.enumerated().map { index, value -> Field in
            guard let value else { return .isNull(true) }
            let text = String(decoding: value, as: UTF8.self)
            switch index < columns.count ? columns[index].typeOID : 25 {
            case 16: return .booleanValue(text == "t" || text == "true")
            case 20, 21, 23: return Int64(text).map(Field.longValue) ?? .stringValue(text)
            case 700, 701: return Double(text).map(Field.doubleValue) ?? .stringValue(text)
            default: return .stringValue(text)
            }
        }
    }
}

import Foundation

/// Imports query-history exports as CSV with a header row (psql `--csv`, the console's export,
/// `UNLOAD … CSV HEADER`): `SYS_QUERY_HISTORY` (`--format sys_query_history`) or `STL_QUERY`
/// (`--format stl_query`). Columns are found by name, case-insensitively; `char` padding is trimmed.
///
/// These views know what the logs do not: start and end times to the microsecond, status, error,
/// rows and bytes. Their text is truncated (4000 characters), so a text export —
/// `SYS_QUERY_TEXT` or `STL_QUERYTEXT` (query, sequence, text) — can be given to reassemble it.
/// Statements are ordered by start time (the export is read into memory to sort it), then
/// numbered per session (`session_id`/`pid`); `transaction_id`/`xid` is the transaction.
/// A user name column (`user_name`, `usename`), when the export joined `pg_user`, names the user;
/// otherwise the user is `uid:<user_id>` (map it on replay).
///
/// - Redshift: SYS_QUERY_HISTORY, SYS_QUERY_TEXT, STL_QUERY, STL_QUERYTEXT.
public struct QueryHistoryImporter {
    public enum Flavor: Sendable { case sysQueryHistory, stlQuery }
    public var flavor: Flavor
    public var options: ImportOptions

    public init(flavor: Flavor, options: ImportOptions) {
        self.flavor = flavor
        self.options = options
    }

    /// Column names per meaning, first match wins.
    struct Columns {
        static let user = ["user_name", "usename", "username"]
        static let userId = ["user_id", "userid"]
        static let query = ["query_id", "query"]
        static let label = ["query_label", "label"]
        static let transaction = ["transaction_id", "xid"]
        static let session = ["session_id", "pid"]
        static let database = ["database_name", "database"]
        static let status = ["status"]
        static let start = ["start_time", "starttime"]
        static let end = ["end_time", "endtime"]
        static let elapsed = ["elapsed_time"]
        static let error = ["error_message"]
        static let rows = ["returned_rows"]
        static let bytes = ["returned_bytes"]
        static let text = ["query_text", "querytxt"]
        static let aborted = ["aborted"]
        static let sequence = ["sequence"]
    }

    /// Reads the history export(s) and the optional text exports; returns the statements in order.
    public func read(paths: [String], textPaths: [String], diagnostics: ImportDiagnostics) throws -> [RecordedStatement] {
        let texts = try readTexts(textPaths, diagnostics: diagnostics)
        var rows: [(start: RecordingTime, query: Int64, order: Int, statement: RecordedStatement)] = []
        for path in paths {
            let csv = try CSVRecordReader(path: path)
            guard let header = try csv.next()?.fields else { continue }
            let index = Self.index(header)
            func column(_ names: [String]) -> Int? { names.lazy.compactMap { index[$0] }.first }
            guard let startColumn = column(Columns.start), let textColumn = column(Columns.text),
                  let sessionColumn = column(Columns.session) else {
                throw InputError(path: path, message: "the header must name start_time/starttime, session_id/pid and query_text/querytxt columns; found: \(header.joined(separator: ","))")
            }
            while let (fields, unterminated) = try csv.next() {
                if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
                func value(_ names: [String]) -> String? {
                    column(names).flatMap { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : nil }
                        .flatMap { $0.isEmpty ? nil : $0 }
                }
                guard !unterminated, fields.count == header.count else {
                    diagnostics.malformed(path: path, line: csv.recordLine, reason: unterminated ? "a quoted field never closes" : "expected \(header.count) fields, found \(fields.count)")
                    continue
                }
                guard let start = value(Columns.start).flatMap(RecordingTime.init(iso8601:)) else {
                    diagnostics.malformed(path: path, line: csv.recordLine, reason: "start time '\(fields[startColumn])' is not a timestamp")
                    continue
                }
                guard let session = Int64(fields[sessionColumn].trimmingCharacters(in: .whitespaces)) else {
                    diagnostics.malformed(path: path, line: csv.recordLine, reason: "session '\(fields[sessionColumn])' is not a number")
                    continue
                }
                let queryId = value(Columns.query).flatMap { Int64($0) }
                var sql = fields[textColumn].trimmingCharacters(in: .whitespacesAndNewlines)
                if let queryId, let full = texts[queryId] { sql = full }
                if flavor == .stlQuery { sql = sql.replacingOccurrences(of: "\\n", with: "\n") }
                let user = value(Columns.user) ?? value(Columns.userId).map { "uid:\($0)" } ?? "unknown"
                var statement = RecordedStatement(eventId: queryId.map { "q\($0)" } ?? "\(path):\(csv.recordLine)",
                                                  sessionId: "pid-\(session)", sequence: 0, user: user,
                                                  database: value(Columns.database) ?? "dev", sql: sql, submittedAt: start)
                statement.startedAt = start
                statement.redshiftPid = session
                statement.redshiftQueryId = queryId
                statement.transactionId = value(Columns.transaction)
                statement.queryGroup = value(Columns.label).flatMap { $0 == "default" ? nil : $0 }
                statement.clusterIdentifier = options.cluster
                statement.workgroupName = options.workgroup
                if let end = value(Columns.end).flatMap(RecordingTime.init(iso8601:)), end.microsecondsSinceEpoch > 0 {
                    statement.endedAt = end
                }
                if let elapsed = value(Columns.elapsed).flatMap({ Int64($0) }) {
                    statement.durationMicros = elapsed
                    if statement.endedAt == nil { statement.endedAt = start.adding(microseconds: elapsed) }
                } else if let end = statement.endedAt {
                    statement.durationMicros = end.microsecondsSinceEpoch - start.microsecondsSinceEpoch
                }
                statement.status = Self.status(value(Columns.status), aborted: value(Columns.aborted))
                statement.error = value(Columns.error)
                statement.resultRows = value(Columns.rows).flatMap { Int64($0) }
                statement.resultBytes = value(Columns.bytes).flatMap { Int64($0) }
                rows.append((start, queryId ?? 0, rows.count, statement))
            }
        }
        rows.sort { ($0.start, $0.query, $0.order) < ($1.start, $1.query, $1.order) }
        var sequences: [String: Int] = [:]
        return rows.map { row in
            var statement = row.statement
            let sequence = (sequences[statement.sessionId] ?? 0) + 1
            sequences[statement.sessionId] = sequence
            statement.sequence = sequence
            return statement
        }
    }

    /// SYS: success/failed/canceled (running ones keep their status upper-cased). STL: aborted=1.
    static func status(_ status: String?, aborted: String?) -> String? {
        if let status {
            switch status.lowercased() {
            case "success": return "FINISHED"
            case "failed": return "FAILED"
            case "canceled", "cancelled": return "ABORTED"
            default: return status.uppercased()
            }
        }
        if let aborted { return aborted == "1" || aborted.lowercased() == "t" || aborted.lowercased() == "true" ? "ABORTED" : "FINISHED" }
        return nil
    }

    /// Full texts by query id from SYS_QUERY_TEXT / STL_QUERYTEXT exports, chunks joined in sequence order.
    func readTexts(_ paths: [String], diagnostics: ImportDiagnostics) throws -> [Int64: String] {
        var chunks: [Int64: [(Int, String)]] = [:]
        for path in paths {
            let csv = try CSVRecordReader(path: path)
            guard let header = try csv.next()?.fields else { continue }
            let index = Self.index(header)
            guard let queryColumn = Columns.query.lazy.compactMap({ index[$0] }).first,
                  let sequenceColumn = index["sequence"], let textColumn = index["text"] else {
                throw InputError(path: path, message: "a query-text export needs query_id/query, sequence and text columns")
            }
            while let (fields, unterminated) = try csv.next() {
                guard !unterminated, fields.count == header.count,
                      let query = Int64(fields[queryColumn].trimmingCharacters(in: .whitespaces)),
                      let sequence = Int(fields[sequenceColumn].trimmingCharacters(in: .whitespaces)) else {
                    diagnostics.malformed(path: path, line: csv.recordLine, reason: "expected query, sequence and text")
                    continue
                }
                // char(n) pads with spaces; a chunk boundary may fall on a real space, which only the
                // trailing chunk can lose: keep inner chunks as exported.
                chunks[query, default: []].append((sequence, fields[textColumn]))
            }
        }
        return chunks.mapValues { parts in
            let sorted = parts.sorted { $0.0 < $1.0 }.map(\.1)
            var text = sorted.joined()
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return flavor == .stlQuery ? text.replacingOccurrences(of: "\\n", with: "\n") : text
        }
    }

    static func index(_ header: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
            if index[key] == nil { index[key] = i }
        }
        return index
    }
}

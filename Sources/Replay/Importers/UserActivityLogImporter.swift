import Foundation

/// Imports Redshift's user activity log (`useractivitylog`, plain or gzip), streaming: one record
/// per statement, whose first line reads
///
/// ```
/// '2024-03-05T14:02:07Z UTC [ db=dev user=alice pid=1073815778 userid=104 xid=2612671 ]' LOG: select …
/// ```
///
/// and whose following lines (those not starting with such a prefix) continue the statement's text.
/// The log time (1 s resolution, taken before the statement runs) becomes `submittedAt`; the log
/// has no end time, status or rows. `pid` is the session, `xid` the transaction; statements keep
/// the file's order (the tiebreak within a second). Internal statements and logged duplicates are
/// dropped (``ActivityLogFilter``); a line that starts like a record but does not parse is counted
/// as malformed with its continuation lines.
///
/// - Redshift: Management Guide › Database audit logging › User activity log.
public struct UserActivityLogImporter {
    public var options: ImportOptions
    public var filter = ActivityLogFilter()
    /// Sessions from the connection log, to tell apart sessions that reuse a pid.
    public var sessions: SessionResolver

    public init(options: ImportOptions, sessions: SessionResolver = SessionResolver()) {
        self.options = options
        self.sessions = sessions
    }

    /// One parsed first line.
    struct Prefix {
        var time: RecordingTime
        var database: String
        var user: String
        var pid: Int64
        var userId: Int64
        var xid: Int64
    }

    /// Reads `paths` in order, calling `emit` for each statement.
    public mutating func read(paths: [String], diagnostics: ImportDiagnostics, emit: (RecordedStatement) throws -> Void) throws {
        for path in paths {
            let lines = LineReader(try openInput(path: path))
            var current: Prefix?
            var text: [UInt8] = []
            var discarding = false
            func finish() throws {
                if let prefix = current { try self.record(prefix, text: text, emit: emit, diagnostics: diagnostics) }
                current = nil
                text.removeAll(keepingCapacity: true)
            }
            while let line = try lines.nextBytes() {
                if Self.looksLikeRecordStart(line) {
                    try finish()
                    if let (prefix, body) = Self.parsePrefix(line) {
                        current = prefix
                        text.append(contentsOf: body)
                        discarding = false
                    } else {
                        diagnostics.malformed(path: path, line: lines.lineNumber, reason: "a record's first line does not match '<time>Z UTC [ db= user= pid= userid= xid= ]' LOG: <sql>")
                        discarding = true
                    }
                } else if current != nil {
                    text.append(10)
                    text.append(contentsOf: line)
                } else if !discarding && !line.allSatisfy({ $0 == 32 || $0 == 9 }) {
                    diagnostics.malformed(path: path, line: lines.lineNumber, reason: "text outside any record")
                }
            }
            try finish()
        }
    }

    private var previous: [Int64: (xid: Int64, text: String)] = [:]
    private var sequences: [String: Int] = [:]

    private mutating func record(_ prefix: Prefix, text bytes: [UInt8], emit: (RecordedStatement) throws -> Void,
                                 diagnostics: ImportDiagnostics) throws {
        var end = bytes.count
        while end > 0, [32, 9, 10, 13].contains(bytes[end - 1]) { end -= 1 }
        let sql = String(decoding: bytes[0..<end], as: UTF8.self)
        if options.dropInternal {
            guard filter.keeps(user: prefix.user, sql: sql) else { diagnostics.skipped(); return }
            if let last = previous[prefix.pid], last.xid == prefix.xid, ActivityLogFilter.isDuplicate(previous: last.text, current: sql) {
                diagnostics.skipped()
                return
            }
            previous[prefix.pid] = (prefix.xid, sql)
        }
        let session = sessions.session(database: prefix.database, user: prefix.user, pid: prefix.pid, at: prefix.time)
        let sequence = (sequences[session] ?? 0) + 1
        sequences[session] = sequence
        var statement = RecordedStatement(eventId: "\(session)#\(sequence)", sessionId: session, sequence: sequence,
                                          user: prefix.user, database: prefix.database, sql: sql, submittedAt: prefix.time)
        statement.transactionId = String(prefix.xid)
        statement.redshiftPid = prefix.pid
        statement.clusterIdentifier = options.cluster
        statement.workgroupName = options.workgroup
        try emit(statement)
    }

    /// A line that starts like a record: `'YYYY-` followed by ` UTC [ ` within the first 40 bytes.
    /// (Test Drive's test is `'\d+-\d+-\d+T\d+:\d+:\d+Z UTC`; this one also catches damaged prefixes,
    /// which are then reported as malformed instead of being glued to the previous statement.)
    static func looksLikeRecordStart(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count > 25, line.first == 39 else { return false }
        let start = line.startIndex
        for offset in 1...4 where !(line[start + offset] >= 48 && line[start + offset] <= 57) { return false }
        guard line[start + 5] == 45 else { return false }
        return find(utcBracket, in: line[start..<min(start + 40, line.endIndex)], from: start + 10) != nil
    }

    private static let utcBracket = Array(" UTC [ ".utf8)

    /// Parses a record's first line into its prefix fields and the start of its SQL text.
    static func parsePrefix(_ line: ArraySlice<UInt8>) -> (Prefix, ArraySlice<UInt8>)? {
        let s = line.startIndex
        guard line.count > 22, line[s + 20] == 90,   // 'YYYY-MM-DDTHH:MM:SSZ
              let time = RecordingTime(iso8601: String(decoding: line[(s + 1)..<(s + 21)], as: UTF8.self)),
              line[(s + 21)...].starts(with: Array(" UTC [ ".utf8)) else { return nil }
        let fieldsStart = s + 28
        guard let marker = find(Array(" ]' LOG:".utf8), in: line, from: fieldsStart) else { return nil }
        let fields = line[fieldsStart..<marker]
        var textStart = marker + 8
        if textStart < line.endIndex, line[textStart] == 32 { textStart += 1 }
        // Values may contain spaces: each runs up to the next known key.
        let keys = ["db=", " user=", " pid=", " userid=", " xid="].map { Array($0.utf8) }
        var values: [String] = []
        var cursor = fields.startIndex
        guard fields.starts(with: keys[0]) else { return nil }
        for (k, key) in keys.enumerated() {
            guard line[cursor...].starts(with: key) else { return nil }
            let valueStart = cursor + key.count
            let valueEnd: Int
            if k + 1 < keys.count {
                guard let next = find(keys[k + 1], in: fields, from: valueStart) else { return nil }
                valueEnd = next
            } else {
                valueEnd = fields.endIndex
            }
            values.append(String(decoding: line[valueStart..<valueEnd], as: UTF8.self))
            cursor = valueEnd
        }
        guard let pid = Int64(values[2]), let userId = Int64(values[3]), let xid = Int64(values[4]) else { return nil }
        let prefix = Prefix(time: time, database: values[0], user: values[1], pid: pid, userId: userId, xid: xid)
        return (prefix, textStart <= line.endIndex ? line[textStart...] : [])
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, start <= haystack.endIndex - needle.count else { return nil }
        var i = start
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Orders S3-delivered log files by the time at the end of their names
    /// (`…_useractivitylog_2024-03-05T14:00.gz`); other names keep the order given.
    public static func orderedPaths(_ paths: [String]) -> [String] {
        func stamp(_ path: String) -> String? {
            let name = (path as NSString).lastPathComponent
            guard let range = name.range(of: "_useractivitylog_", options: .backwards) ?? name.range(of: "_connectionlog_", options: .backwards)
                    ?? name.range(of: "_userlog_", options: .backwards) else { return nil }
            return String(name[range.upperBound...])
        }
        let stamps = paths.map(stamp)
        guard stamps.allSatisfy({ $0 != nil }) else { return paths }
        return zip(paths, stamps).sorted { $0.1! < $1.1! }.map(\.0)
    }
}

import Foundation

/// Imports Redshift's connection log (`connectionlog`, plain or gzip): pipe-delimited lines in
/// `STL_CONNECTION_LOG` order (event, recordtime, remotehost, remoteport, pid, dbname, username,
/// authmethod, duration, …, application_name at position 16), every field trimmed.
///
/// `initiating session` opens a session keyed by (database, user, pid, start), `set
/// application_name` names the latest one, `disconnecting session` ends it; other events
/// (`authenticated`, `authentication failure`) open nothing. A session never seen starting (it
/// started before the log) starts unknown. The result is session lines, and a ``SessionResolver``
/// for the user activity log of the same window (`import --connection-log`).
///
/// - Redshift: Management Guide › Database audit logging › Connection log; STL_CONNECTION_LOG.
public struct ConnectionLogImporter {
    public init() {}

    /// Reads every session of `paths`, in order of their start.
    public func read(paths: [String], diagnostics: ImportDiagnostics) throws -> [RecordedSession] {
        var sessions: [RecordedSession] = []
        var latest: [SessionResolver.Key: Int] = [:]
        for path in paths {
            let lines = LineReader(try openInput(path: path))
            while let line = try lines.next() {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                let fields = line.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard fields.count >= 8 else {
                    diagnostics.malformed(path: path, line: lines.lineNumber, reason: "expected at least 8 '|'-separated fields, found \(fields.count)")
                    continue
                }
                guard let time = Self.parseTime(fields[1]) else {
                    diagnostics.malformed(path: path, line: lines.lineNumber, reason: "record time '\(fields[1])' is not like 'Tue, 05 Mar 2024 14:01:59:104'")
                    continue
                }
                guard let pid = Int64(fields[4]) else {
                    diagnostics.malformed(path: path, line: lines.lineNumber, reason: "pid '\(fields[4])' is not a number")
                    continue
                }
                let key = SessionResolver.Key(database: fields[5], user: fields[6], pid: pid)
                func open(start: RecordingTime?) -> Int {
                    var session = RecordedSession(sessionId: start.map { SessionResolver.logged(pid: pid, start: $0) } ?? "\(pid)@start",
                                                  user: key.user, database: key.database)
                    session.startedAt = start
                    session.redshiftPid = pid
                    session.remoteHost = fields[2].isEmpty ? nil : fields[2]
                    session.authMethod = fields[7].isEmpty ? nil : fields[7]
                    sessions.append(session)
                    latest[key] = sessions.count - 1
                    return sessions.count - 1
                }
                switch fields[0] {
                case "initiating session":
                    _ = open(start: time)
                case "set application_name":
                    let index = latest[key] ?? open(start: nil)
                    if fields.count > 15, !fields[15].isEmpty { sessions[index].applicationName = fields[15] }
                case "disconnecting session":
                    let index = latest[key].flatMap { sessions[$0].endedAt == nil ? $0 : nil } ?? open(start: nil)
                    sessions[index].endedAt = time
                default:
                    continue
                }
            }
        }
        return sessions.enumerated().sorted {
            let a = $0.element.startedAt?.microsecondsSinceEpoch ?? .min, b = $1.element.startedAt?.microsecondsSinceEpoch ?? .min
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    static let months = ["Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
                         "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12]

    /// `Tue, 05 Mar 2024 14:01:59:104` (milliseconds after a colon), UTC.
    static func parseTime(_ text: String) -> RecordingTime? {
        let parts = text.split(separator: " ")
        guard parts.count == 5, let day = Int64(parts[1]), let month = months[String(parts[2])],
              let year = Int64(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3 || clock.count == 4, let hour = Int64(clock[0]), let minute = Int64(clock[1]),
              let second = Int64(clock[2]), hour < 24, minute < 60, second < 61, (1...31).contains(day) else { return nil }
        var micros: Int64 = 0
        if clock.count == 4 {
            let fraction = clock[3]
            guard !fraction.isEmpty, fraction.count <= 6, let value = Int64(fraction) else { return nil }
            micros = value * Int64(pow(10.0, Double(6 - fraction.count)))
        }
        let days = RecordingTime.days(fromCivil: year, Int64(month), day)
        return RecordingTime(microsecondsSinceEpoch: (days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000 + micros)
    }
}

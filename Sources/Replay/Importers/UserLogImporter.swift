import Foundation

/// Imports Redshift's user log (`userlog`, plain or gzip): CREATE, ALTER, DROP and RENAME of
/// database users, one per line, pipe-delimited like the connection log in `STL_USERLOG` column
/// order, every field trimmed:
///
/// ```
/// userid | username | oldusername | action | usecreatedb | usesuper | usecatupd | valuntil | pid | xid | recordtime
/// 108 |userlog1 | |create |0|0|0| |1073815778|2612800|Tue, 05 Mar 2024 14:10:00:001
/// ```
///
/// The file form is **unverified**: no parser or real sample of it was found, so this follows the
/// documented `STL_USERLOG` columns and the connection log's layout (see
/// `docs/recording-format.md`). Flags are `0`/`1` (or `t`/`f`, `true`/`false`); times are the
/// connection log's `Tue, 05 Mar 2024 14:10:00:001` or ISO 8601; an empty `valuntil` (or
/// `infinity`) means no expiry. A line that does not parse is counted as malformed and skipped.
///
/// - Redshift: Management Guide › Database audit logging › User log; STL_USERLOG, SYS_USERLOG.
public struct UserLogImporter {
    public init() {}

    /// The actions the user log records.
    public static let actions: Set<String> = ["create", "alter", "drop", "rename"]

    /// Reads every user change of `paths`, in time order (file order among equal times).
    public func read(paths: [String], diagnostics: ImportDiagnostics) throws -> [RecordedUserEvent] {
        var events: [RecordedUserEvent] = []
        for path in paths {
            let lines = LineReader(try openInput(path: path))
            while let line = try lines.next() {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                switch Self.parse(line) {
                case .success(let event): events.append(event)
                case .failure(let problem): diagnostics.malformed(path: path, line: lines.lineNumber, reason: problem.reason)
                }
            }
        }
        return events.enumerated().sorted {
            $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset
        }.map(\.element)
    }

    struct Problem: Error {
        var reason: String
    }

    /// One line of the user log.
    static func parse(_ line: String) -> Result<RecordedUserEvent, Problem> {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count >= 11 else {
            return .failure(Problem(reason: "expected 11 '|'-separated fields (userid|username|oldusername|action|usecreatedb|usesuper|usecatupd|valuntil|pid|xid|recordtime), found \(fields.count)"))
        }
        guard let userId = Int64(fields[0]) else { return .failure(Problem(reason: "userid '\(fields[0])' is not a number")) }
        guard !fields[1].isEmpty else { return .failure(Problem(reason: "username is empty")) }
        let action = fields[3].lowercased()
        guard actions.contains(action) else {
            return .failure(Problem(reason: "action '\(fields[3])' is not one of create, alter, drop, rename"))
        }
        var flags: [Bool] = []
        for (index, name) in [(4, "usecreatedb"), (5, "usesuper"), (6, "usecatupd")] {
            guard let flag = flag(fields[index]) else { return .failure(Problem(reason: "\(name) '\(fields[index])' is not 0 or 1")) }
            flags.append(flag)
        }
        var validUntil: RecordingTime?
        if !fields[7].isEmpty && fields[7].lowercased() != "infinity" {
            guard let time = time(fields[7]) else { return .failure(Problem(reason: "valuntil '\(fields[7])' is not a time")) }
            validUntil = time
        }
        var ids: [Int64?] = []
        for (index, name) in [(8, "pid"), (9, "xid")] {
            if fields[index].isEmpty { ids.append(nil); continue }
            guard let id = Int64(fields[index]) else { return .failure(Problem(reason: "\(name) '\(fields[index])' is not a number")) }
            ids.append(id)
        }
        guard let recorded = time(fields[10]) else {
            return .failure(Problem(reason: "record time '\(fields[10])' is not like 'Tue, 05 Mar 2024 14:10:00:001'"))
        }
        var event = RecordedUserEvent(time: recorded, userId: userId, user: fields[1], action: action,
                                      createdb: flags[0], superuser: flags[1], catupdate: flags[2])
        event.oldUser = fields[2].isEmpty ? nil : fields[2]
        event.validUntil = validUntil
        event.pid = ids[0]
        event.xid = ids[1]
        return .success(event)
    }

    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "t", "true": return true
        case "0", "f", "false": return false
        default: return nil
        }
    }

    /// The connection log's time form, else ISO 8601 (as the SYS views print times).
    private static func time(_ text: String) -> RecordingTime? {
        ConnectionLogImporter.parseTime(text) ?? RecordingTime(iso8601: text)
    }
}

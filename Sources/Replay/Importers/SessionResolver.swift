import Foundation

/// Names the session of a logged statement. With sessions from the connection log, a statement
/// belongs to the latest session of the same (database, user, pid) that started (to the second)
/// at or before it, since pids are reused; the id is `<pid>@<session start>`. Without one (or
/// without a match) the id is `pid-<pid>`, with a generation suffix (`pid-<pid>.2`) when the same
/// pid shows up with another user or database.
public struct SessionResolver: Sendable {
    struct Key: Hashable {
        var database: String
        var user: String
        var pid: Int64
    }

    private var known: [Key: [RecordedSession]] = [:]
    private var generations: [Int64: (key: Key, generation: Int)] = [:]

    public init() {}

    /// Uses these sessions (from ``ConnectionLogImporter``).
    public init(sessions: [RecordedSession]) {
        for session in sessions {
            guard let pid = session.redshiftPid else { continue }
            known[Key(database: session.database, user: session.user, pid: pid), default: []].append(session)
        }
        for key in known.keys { known[key]!.sort { ($0.startedAt ?? .init(microsecondsSinceEpoch: .min)) < ($1.startedAt ?? .init(microsecondsSinceEpoch: .min)) } }
    }

    /// The session id of a statement of `user` in `database` on process `pid` at `time`.
    public mutating func session(database: String, user: String, pid: Int64, at time: RecordingTime) -> String {
        let key = Key(database: database, user: user, pid: pid)
        if let candidates = known[key] {
            let second = time.microsecondsSinceEpoch / 1_000_000
            if let match = candidates.last(where: { ($0.startedAt?.microsecondsSinceEpoch ?? .min) / 1_000_000 <= second }) {
                return match.sessionId
            }
        }
        if let last = generations[pid] {
            if last.key == key { return Self.synthetic(pid: pid, generation: last.generation) }
            generations[pid] = (key, last.generation + 1)
            return Self.synthetic(pid: pid, generation: last.generation + 1)
        }
        generations[pid] = (key, 1)
        return Self.synthetic(pid: pid, generation: 1)
    }

    static func synthetic(pid: Int64, generation: Int) -> String {
        generation == 1 ? "pid-\(pid)" : "pid-\(pid).\(generation)"
    }

    /// The id of a session from the connection log.
    static func logged(pid: Int64, start: RecordingTime) -> String { "\(pid)@\(start.iso8601)" }
}

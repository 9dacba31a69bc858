import Foundation

/// What one call sends: a single statement, or the sub-statements of one recorded batch (replayed
/// as one BatchExecuteStatement, so the transaction stays together).
public struct ReplayUnit: Sendable {
    /// The recorded statements (one, or a batch's sub-statements in order).
    public var statements: [RecordedStatement]
    /// Due time, microseconds after the replay's start (already divided by the speed).
    public var offsetMicros: Int64
    public var isBatch: Bool { statements.count > 1 || statements.first?.batchId != nil }
}

/// One recorded session, mapped to one new Data API session on the target.
public struct SessionSchedule: Sendable {
    public var sessionId: String
    /// Where and as whom it runs (after the options' overrides).
    public var cluster: String?
    public var workgroup: String?
    public var database: String
    public var user: String
    /// `SessionKeepAliveSeconds` for the first call: the longest scheduled gap plus a minute.
    public var keepAliveSeconds: Int
    public var units: [ReplayUnit]
    /// When the recorded connection opened and closed (session lines, e.g. `serve --record`'s
    /// cluster-endpoint connections), as due times: the PostgreSQL target connects and disconnects
    /// then (never after the first statement, never before the last). nil when not recorded.
    public var connectOffsetMicros: Int64?
    public var disconnectOffsetMicros: Int64?
    public var firstOffsetMicros: Int64 { units.first?.offsetMicros ?? 0 }
    public var lastOffsetMicros: Int64 { units.last?.offsetMicros ?? 0 }
    public var statementCount: Int { units.reduce(0) { $0 + $1.statements.count } }
}

/// A recording turned into per-session schedules: pure, no I/O, no clock.
///
/// Each statement is due at `(submittedAt − first submittedAt) / speed` after the start (all at 0
/// with speed 0). Statements of a session keep their `sequence` order; a batch's sub-statements
/// form one unit. Sessions are ordered by their first due time.
public struct ReplayPlan: Sendable {
    public var sessions: [SessionSchedule]
    public var speed: Double
    /// Statements left out by `--read-only`.
    public var skippedWrites: Int
    /// Recorded span (first submission to last submission), µs.
    public var recordedSpanMicros: Int64

    public var statementCount: Int { sessions.reduce(0) { $0 + $1.statementCount } }
    public var unitCount: Int { sessions.reduce(0) { $0 + $1.units.count } }
    /// The last due time: how long the schedule lasts at least.
    public var scheduledSpanMicros: Int64 { sessions.map(\.lastOffsetMicros).max() ?? 0 }

    /// The most sessions whose [first, last] due window overlaps at one instant.
    public var peakConcurrentSessions: Int {
        var events: [(Int64, Int)] = []
        for s in sessions { events.append((s.firstOffsetMicros, 1)); events.append((s.lastOffsetMicros, -1)) }
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
        var current = 0, peak = 0
        for (_, delta) in events { current += delta; peak = max(peak, current) }
        return peak
    }

    /// Builds the plan. Throws ``ReplayError/plan(_:)`` when a statement has no cluster or
    /// workgroup (and no override names one, and the target needs one) or the speed is negative.
    /// `recordedSessions` (by id) give the recorded connections' lifetimes.
    public init(statements: [RecordedStatement], header: RecordingHeader? = nil, recordedSessions: [String: RecordedSession] = [:],
                options: ReplayOptions) throws {
        guard options.speed >= 0, options.speed.isFinite else { throw ReplayError.usage("--speed must be 0 or more") }
        speed = options.speed
        let first = statements.map(\.submittedAt.microsecondsSinceEpoch).min() ?? 0
        let last = statements.map(\.submittedAt.microsecondsSinceEpoch).max() ?? 0
        recordedSpanMicros = last - first
        var skipped = 0
        var bySession: [String: [RecordedStatement]] = [:]
        var order: [String] = []
        for statement in statements {
            if bySession[statement.sessionId] == nil { order.append(statement.sessionId) }
            bySession[statement.sessionId, default: []].append(statement)
        }
        func offset(_ t: RecordingTime) -> Int64 {
            options.speed == 0 ? 0 : Int64((Double(t.microsecondsSinceEpoch - first) / options.speed).rounded())
        }
        var schedules: [SessionSchedule] = []
        for id in order {
            let list = bySession[id]!.sorted { ($0.sequence, $0.batchIndex ?? 0) < ($1.sequence, $1.batchIndex ?? 0) }
            var units: [ReplayUnit] = []
            for statement in list {
                if let batch = statement.batchId, let lastUnit = units.last, lastUnit.statements.last?.batchId == batch {
                    units[units.count - 1].statements.append(statement)
                } else {
                    units.append(ReplayUnit(statements: [statement], offsetMicros: offset(statement.submittedAt)))
                }
            }
            if options.readOnly {
                units = units.filter { unit in
                    let ok = unit.statements.allSatisfy { StatementType.isReadOnly(sql: $0.sql) }
                    if !ok { skipped += unit.statements.count }
                    return ok
                }
            }
            // Due times never go backwards within a session (clock skew in imported logs).
            for index in units.indices.dropFirst() where units[index].offsetMicros < units[index - 1].offsetMicros {
                units[index].offsetMicros = units[index - 1].offsetMicros
            }
            guard let head = units.first?.statements.first else { continue }
            var cluster = head.clusterIdentifier ?? (head.workgroupName == nil ? header?.cluster : nil)
            var workgroup = head.workgroupName ?? (cluster == nil ? header?.workgroup : nil)
            if let c = options.cluster { cluster = c; workgroup = nil }
            if let w = options.workgroup { workgroup = w; cluster = nil }
            guard cluster != nil || workgroup != nil || !options.requiresTarget else {
                throw ReplayError.plan("session \(id) (statement \(head.eventId)) names no cluster or workgroup; give --cluster or --workgroup")
            }
            var maxGap: Int64 = 0
            for index in units.indices.dropFirst() { maxGap = max(maxGap, units[index].offsetMicros - units[index - 1].offsetMicros) }
            let keepAlive = Int(min(86_400, 60 + maxGap / 1_000_000))
            var schedule = SessionSchedule(
                sessionId: id, cluster: cluster, workgroup: workgroup,
                database: options.database ?? head.database, user: options.mappedUser(head.user),
                keepAliveSeconds: keepAlive, units: units)
            if let recorded = recordedSessions[id] {
                schedule.connectOffsetMicros = recorded.startedAt.map { max(0, min(offset($0), schedule.firstOffsetMicros)) }
                schedule.disconnectOffsetMicros = recorded.endedAt.map { max(offset($0), schedule.lastOffsetMicros) }
            }
            schedules.append(schedule)
        }
        schedules.sort { ($0.firstOffsetMicros, $0.sessionId) < ($1.firstOffsetMicros, $1.sessionId) }
        sessions = schedules
        skippedWrites = skipped
    }

    /// Reads a whole recording (statements, and sessions' lifetimes) and plans it.
    public static func load(path: String, options: ReplayOptions) throws -> (RecordingHeader, ReplayPlan) {
        let reader = try RecordingReader(path: path)
        var statements: [RecordedStatement] = []
        var sessions: [String: RecordedSession] = [:]
        while let line = try reader.next() {
            switch line {
            case .statement(let statement): statements.append(statement)
            case .session(let session): sessions[session.sessionId] = sessions[session.sessionId].map { $0.merging(session) } ?? session
            case .user: continue
            }
        }
        return (reader.header, try ReplayPlan(statements: statements, header: reader.header, recordedSessions: sessions, options: options))
    }
}

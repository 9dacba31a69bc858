import Foundation
import RedshiftSQL

/// Rows of the session tables, from the engine's `SessionLog`.
extension SystemTableView {
    func sessionRows(of name: String) -> [[SQLiteValue]] {
        switch name {
        case "stv_sessions": return stvSessions()
        case "stl_sessions": return stlSessions()
        case "sys_session_history": return sysSessionHistory()
        case "stl_connection_log": return identity.isSuperuser ? stlConnectionLog() : []
        default: return []
        }
    }

    private func loggedSessions() -> [SessionLog.Session] {
        service.sessionLog.sessions(on: target).filter { visible($0.user) }
    }

    /// - Redshift: r_STV_SESSIONS: the sessions open now.
    func stvSessions() -> [[SQLiteValue]] {
        loggedSessions().filter { $0.end == nil }.map { session in
            [SystemValue.timestamp(session.start), .integer(session.pid), SystemValue.prefix(session.user, 50),
             SystemValue.prefix(session.database, 50), SystemValue.int(session.timeoutSeconds)]
        }
    }

    /// - Redshift: r_STL_SESSIONS: the sessions that ended.
    func stlSessions() -> [[SQLiteValue]] {
        loggedSessions().compactMap { session in
            guard let end = session.end else { return nil }
            let timedOut: Int
            switch session.endReason {
            case .timedOut: timedOut = 1
            case .closedByClient: timedOut = 2
            default: timedOut = 0
            }
            return [SystemValue.int(userId(session.user)), SystemValue.timestamp(session.start), SystemValue.timestamp(end),
                    .integer(session.pid), SystemValue.prefix(session.user, 50), SystemValue.prefix(session.database, 50),
                    SystemValue.int(session.timeoutSeconds), SystemValue.int(timedOut)]
        }
    }

    /// - Redshift: SYS_SESSION_HISTORY: every session, open (`active`) or ended.
    func sysSessionHistory() -> [[SQLiteValue]] {
        loggedSessions().map { session in
            let status = session.end == nil ? "active" : session.endReason == .timedOut ? "timed out" : "closed"
            return [SystemValue.int(userId(session.user)), .integer(session.pid), SystemValue.prefix(session.database, 50),
                    .text(status), SystemValue.int(session.timeoutSeconds), SystemValue.timestamp(session.start),
                    session.end.map(SystemValue.timestamp) ?? .null]
        }
    }

    /// - Redshift: r_STL_CONNECTION_LOG: no TLS columns are filled (the door reports none to the engine).
    func stlConnectionLog() -> [[SQLiteValue]] {
        service.sessionLog.events(on: target).map { event in
            [SystemValue.prefix(event.event, 50), SystemValue.timestamp(event.time), SystemValue.prefix(event.client.remoteHost, 45),
             SystemValue.prefix(event.client.remotePort, 32), .integer(event.pid), SystemValue.prefix(event.database, 50),
             SystemValue.prefix(event.user, 50), SystemValue.prefix(event.authMethod, 32),
             .integer(min(event.durationMicros, Int64(Int32.max))), .text(""), .text(""), .integer(0), .text(""), .text(""),
             .text(""), SystemValue.prefix(event.client.applicationName, 250), .text(""), .text(""), .text(""),
             .integer(0), SystemValue.prefix(event.sessionId, 36), .text("")]
        }
    }
}

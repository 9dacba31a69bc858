import Foundation

/// The history of sessions and connections that STV_SESSIONS, STL_SESSIONS, SYS_SESSION_HISTORY
/// and STL_CONNECTION_LOG show: cluster-endpoint connections and Data API sessions, from their
/// start to their end. Bounded: the oldest ended sessions and events are forgotten past `capacity`.
final class SessionLog: Sendable {
    /// Why a session ended (STL_SESSIONS.timed_out, SYS_SESSION_HISTORY.status).
    enum EndReason: Sendable {
        /// The client closed it (Terminate, a dropped socket, the session's last statement).
        case closedByClient
        /// Its keep-alive ran out (Data API sessions).
        case timedOut
        /// PG_TERMINATE_BACKEND.
        case terminated
    }

    /// One session, open or ended.
    struct Session: Sendable {
        var id: String
        var pid: Int64
        var target: Target
        var database: String
        var user: String
        var start: Date
        var end: Date?
        var timeoutSeconds: Int
        var endReason: EndReason?
        var isConnection: Bool
    }

    /// Where a cluster-endpoint connection comes from (STL_CONNECTION_LOG).
    struct Client: Sendable {
        var remoteHost: String
        var remotePort: String
        var applicationName: String
    }

    /// A row of STL_CONNECTION_LOG.
    struct ConnectionLogEvent: Sendable {
        static let initiating = "initiating session"
        static let authenticated = "authenticated"
        static let disconnecting = "disconnecting session"

        var event: String
        var time: Date
        var target: Target
        var client: Client
        var pid: Int64
        var database: String
        var user: String
        var authMethod: String
        /// Microseconds from the session's start (disconnecting events), else 0.
        var durationMicros: Int64
        var sessionId: String
    }

    static let capacity = 10_000

    private struct State {
        var sessions: [String: Session] = [:]
        var order: [String] = []
        var clients: [String: Client] = [:]
        var events: [ConnectionLogEvent] = []
    }

    private let state = Locked(State())

    /// A session began; a connection also logs `initiating session` and `authenticated`.
    func opened(_ session: Session, client: Client?) {
        state.withLock { state in
            state.sessions[session.id] = session
            state.order.append(session.id)
            if let client {
                state.clients[session.id] = client
                for event in [ConnectionLogEvent.initiating, ConnectionLogEvent.authenticated] {
                    state.events.append(ConnectionLogEvent(event: event, time: session.start, target: session.target,
                                                        client: client, pid: session.pid, database: session.database,
                                                        user: session.user, authMethod: "password", durationMicros: 0,
                                                        sessionId: session.id))
                }
            }
            trim(&state)
        }
    }

    /// A session ended (once: later calls are ignored); a connection logs `disconnecting session`.
    func closed(_ id: String, at time: Date, reason: EndReason) {
        state.withLock { state in
            guard var session = state.sessions[id], session.end == nil else { return }
            session.end = time
            session.endReason = reason
            state.sessions[id] = session
            if let client = state.clients.removeValue(forKey: id) {
                let micros = Int64(max(0, time.timeIntervalSince(session.start)) * 1_000_000)
                state.events.append(ConnectionLogEvent(event: ConnectionLogEvent.disconnecting, time: time, target: session.target,
                                                    client: client, pid: session.pid, database: session.database,
                                                    user: session.user, authMethod: "password", durationMicros: micros,
                                                    sessionId: id))
            }
        }
    }

    /// Sessions on `target`, oldest first (open ones have no end).
    func sessions(on target: Target) -> [Session] {
        state.withLock { state in state.order.compactMap { state.sessions[$0] }.filter { $0.target == target } }
    }

    /// Connection events on `target`, oldest first.
    func events(on target: Target) -> [ConnectionLogEvent] {
        state.withLock { state in state.events.filter { $0.target == target } }
    }

    private func trim(_ state: inout State) {
        if state.events.count > Self.capacity { state.events.removeFirst(state.events.count - Self.capacity) }
        guard state.order.count > Self.capacity else { return }
        var excess = state.order.count - Self.capacity
        state.order.removeAll { id in
            guard excess > 0, state.sessions[id]?.end != nil else { return false }
            excess -= 1
            state.sessions[id] = nil
            return true
        }
    }
}

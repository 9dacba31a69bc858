import Foundation
import GRDB
import RedshiftSQL

/// PG_CANCEL_BACKEND and PG_TERMINATE_BACKEND: the SQL front end turns them into calls of
/// `BackendSignalFunction.name`, which the engine installs on each connection before its first
/// statement and answers here.
///
/// A pid names an open session (a cluster-endpoint connection or a Data API session) or, failing
/// that, a statement running on a pooled connection (a Data API statement without a session).
/// Superusers may signal any of them, other users only their own (42501 otherwise); an unknown
/// pid returns 0, as PostgreSQL 8.0 does (its WARNING is not sent). Terminating a session ends it
/// at once (its statement is cancelled, its transaction rolls back, `waitForTermination` wakes its
/// door); terminating one's own session lets the calling statement finish first.
extension RedshiftEngine {
    func signalBackend(pid: Int64, signal: BackendSignalFunction.Signal, user: String, isSuperuser: Bool,
                       callerPid: Int64) throws -> Bool {
        let session: EngineSession? = sessions.state.withLock { sessions in
            sessions.values.first { !$0.closed && $0.connection.pid == pid }
        }
        let owner: String
        let running: String?
        if let session {
            owner = session.dbUser
            running = sessions.state.withLock { _ in session.currentStatementId }
        } else if let record = statements.state.withLock({ state in
            state.inFlight.first { !$0.isTerminal && $0.redshiftPid == pid && $0.runningOn != nil }
        }) {
            owner = record.context.dbUser
            running = record.id
        } else {
            return false
        }
        guard isSuperuser || owner == user else {
            throw SQLError(code: "42501", message: "must be superuser to signal other server processes")
        }
        switch signal {
        case .cancel:
            if let running { try? cancel(running) }
        case .terminate:
            if let session {
                let own = pid == callerPid
                Task { await self.endSession(session.id, terminated: true, keepRunning: own) }
            } else if let running {
                try? cancel(running)
            }
        }
        return true
    }

    /// Installs `rs_signal_backend` on a connection (once; on its serial queue).
    func installBackendSignals(on db: Database, connection: SQLConnection) {
        guard !connection.backendSignalsInstalled else { return }
        connection.backendSignalsInstalled = true
        let function = DatabaseFunction(BackendSignalFunction.name, argumentCount: BackendSignalFunction.argumentCount,
                                        pure: false) { [weak self] values -> (any DatabaseValueConvertible)? in
            guard let pid = Int64.fromDatabaseValue(values[0]) else { return nil }
            guard let self, let signal = Int64.fromDatabaseValue(values[1]).flatMap(BackendSignalFunction.Signal.init) else {
                return 0
            }
            do {
                let signalled = try self.signalBackend(pid: pid, signal: signal, user: String.fromDatabaseValue(values[2]) ?? "",
                                                       isSuperuser: Int64.fromDatabaseValue(values[3]) == 1,
                                                       callerPid: Int64.fromDatabaseValue(values[4]) ?? 0)
                return signalled ? 1 : 0
            } catch let error as SQLError {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: SQLErrorTransport.encode(error))
            }
        }
        db.add(function: function)
    }
}

import Engine
import Synchronization

/// Threads of their own for open plain-text client connections (as PostgreSQL gives each
/// connection a backend process): each is the executor of one connection's task
/// (`ConnectionThreadExecutor`). Threads of closed connections are kept for the next ones, up to
/// `idleLimit`.
final class ConnectionThreads: Sendable {
    static let shared = ConnectionThreads(idleLimit: 32)

    private let idleLimit: Int
    private let idle = Mutex<[ConnectionThreadExecutor]>([])

    init(idleLimit: Int) {
        self.idleLimit = idleLimit
    }

    /// A thread that no other open connection uses.
    func checkOut() -> ConnectionThreadExecutor {
        idle.withLock { $0.popLast() } ?? ConnectionThreadExecutor()
    }

    /// Gives back the thread of a connection that ended (called on that thread, as the
    /// connection's task's last step).
    func checkIn(_ thread: ConnectionThreadExecutor) {
        ConnectionThread.adopt(nil)
        let kept = idle.withLock { idle in
            guard idle.count < idleLimit else { return false }
            idle.append(thread)
            return true
        }
        if !kept { thread.stop() }
    }
}

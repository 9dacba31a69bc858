import Engine
import Synchronization
import NIOCore
import NIOPosix

/// Event loops of one thread each, one per open client connection (as PostgreSQL gives each
/// connection a backend process of its own).
///
/// A connection's task, its socket and its SQL all run on its loop's thread: the SQL runs in place
/// (the thread is marked with `ConnectionThread`), so a statement costs no thread switch, and a long
/// statement blocks no other connection. Loops of closed connections are kept for the next ones,
/// up to `idleLimit`.
final class ConnectionEventLoops: Sendable {
    static let shared = ConnectionEventLoops(idleLimit: 32)

    private let idleLimit: Int
    private let idle = Mutex<[MultiThreadedEventLoopGroup]>([])

    init(idleLimit: Int) {
        self.idleLimit = idleLimit
    }

    /// A loop that no other open connection uses.
    func checkOut() -> MultiThreadedEventLoopGroup {
        if let group = idle.withLock({ $0.popLast() }) { return group }
        return MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// Gives back the loop of a connection that ended (called on that loop's thread).
    func checkIn(_ group: MultiThreadedEventLoopGroup) {
        ConnectionThread.adopt(nil)
        let kept = idle.withLock { idle in
            guard idle.count < idleLimit else { return false }
            idle.append(group)
            return true
        }
        if !kept { group.shutdownGracefully { _ in } }
    }
}

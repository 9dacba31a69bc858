import NIOCore
import Synchronization

/// A connection's answers held back until the client waits for them, as PostgreSQL's backend
/// buffers its output: RowDescription, DataRows, CommandComplete and ReadyForQuery of a query go
/// out in one write (one system call, one wake-up of the client) instead of one each.
///
/// The connection flushes before it waits for the next message, except after Parse, Bind,
/// Describe, Execute and Close, which a client follows with Sync or Flush before it reads (the
/// protocol's extended query flow). Long results are written in batches of `limit` messages.
final class PendingOutput: Sendable {
    private let outbound: NIOAsyncChannelOutboundWriter<BackendMessage>
    private let pending = Mutex<[BackendMessage]>([])
    private let limit: Int

    init(_ outbound: NIOAsyncChannelOutboundWriter<BackendMessage>, limit: Int = 1_024) {
        self.outbound = outbound
        self.limit = limit
    }

    /// Adds `messages`; writes everything held once `limit` messages are held.
    func write(_ messages: [BackendMessage]) async throws {
        let full: [BackendMessage]? = pending.withLock { pending in
            pending.append(contentsOf: messages)
            guard pending.count >= limit else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let full { try await outbound.write(contentsOf: full) }
    }

    /// Writes everything held.
    func flush() async throws {
        let held = pending.withLock { pending -> [BackendMessage] in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if !held.isEmpty { try await outbound.write(contentsOf: held) }
    }

    /// True when the client reads nothing before it sends Sync or Flush after `message`.
    static func holdsAnswers(after message: FrontendMessage) -> Bool {
        switch message {
        case .parse, .bind, .describe, .execute, .close: return true
        default: return false
        }
    }
}

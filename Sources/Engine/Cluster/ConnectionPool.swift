import Foundation

/// A fixed-size pool of connections; callers wait (asynchronously) when all are busy.
final class ConnectionPool: Sendable {
    private struct State {
        var idle: [SQLConnection] = []
        var created = 0
        var waiters: [CheckedContinuation<SQLConnection, Error>] = []
        var all: [SQLConnection] = []
    }

    private let size: Int
    private let make: @Sendable () throws -> SQLConnection
    private let state = Locked(State())

    init(size: Int, first: SQLConnection, make: @escaping @Sendable () throws -> SQLConnection) {
        self.size = max(size, 1)
        self.make = make
        state.withLock { $0.idle = [first]; $0.created = 1; $0.all = [first] }
    }

    func acquire() async throws -> SQLConnection {
        enum Next { case ready(SQLConnection), create, wait }
        let next: Next = state.withLock { state in
            if let connection = state.idle.popLast() { return .ready(connection) }
            if state.created < size { state.created += 1; return .create }
            return .wait
        }
        switch next {
        case .ready(let connection):
            return connection
        case .create:
            do {
                let connection = try make()
                state.withLock { $0.all.append(connection) }
                return connection
            } catch {
                state.withLock { $0.created -= 1 }
                throw error
            }
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                let handedOver: SQLConnection? = state.withLock { state in
                    if let connection = state.idle.popLast() { return connection }
                    state.waiters.append(continuation)
                    return nil
                }
                if let handedOver { continuation.resume(returning: handedOver) }
            }
        }
    }

    func release(_ connection: SQLConnection) {
        let waiter: CheckedContinuation<SQLConnection, Error>? = state.withLock { state in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(connection)
            return nil
        }
        waiter?.resume(returning: connection)
    }

    func closeAll() {
        state.withLock { $0.all }.forEach { $0.close() }
    }
}

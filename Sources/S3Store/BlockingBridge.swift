import Dispatch
import Foundation

/// Runs async work to completion for a caller that is allowed to block.
///
/// The `ObjectStore` protocol is blocking: COPY and UNLOAD call it from their connection's serial
/// dispatch queue. `wait` starts the work as a detached task and blocks the calling thread on a
/// semaphore until it ends. Call it only from a thread of your own or a dispatch queue, never from a
/// Swift concurrency (cooperative pool) thread: blocking a pool thread while the task needs one can
/// deadlock on a small machine.
enum BlockingBridge {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { outcome.result = .success(try await work()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try outcome.result!.get()
    }

    /// Written once by the task before the semaphore is signalled, read after the wait returns.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

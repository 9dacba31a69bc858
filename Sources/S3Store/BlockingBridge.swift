import Dispatch
import Foundation

/// Runs async work to completion for a caller that is allowed to block.
///
/// The `ObjectStore` protocol is blocking: COPY and UNLOAD call it from their connection's serial
/// dispatch queue. `wait` starts the work as a task and blocks the calling thread on a semaphore
/// until it ends. Call it from a dispatch queue or a thread of your own, not from a Swift
/// concurrency task: blocking a cooperative-pool thread takes one of the few threads (one per core)
/// every task of the process shares. The work itself runs on `BridgeExecutor`'s dispatch threads,
/// never on the cooperative pool, so it finishes even when a caller does block a pool thread.
enum BlockingBridge {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let body: @Sendable () async -> Void = {
            do { outcome.result = .success(try await work()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        if #available(macOS 15, *) {
            Task(executorPreference: BridgeExecutor.shared, operation: body)
        } else {
            Task.detached(operation: body)
        }
        done.wait()
        return try outcome.result!.get()
    }

    /// Written once by the task before the semaphore is signalled, read after the wait returns.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

/// A task executor on a concurrent dispatch queue: the bridged S3 calls run here, apart from the
/// cooperative pool.
@available(macOS 15, *)
final class BridgeExecutor: TaskExecutor {
    static let shared = BridgeExecutor()
    /// Set on the executor's queue: `DispatchQueue.getSpecific(key: onBridgeQueue) == true` there.
    static let onBridgeQueue = DispatchSpecificKey<Bool>()
    private let queue = DispatchQueue(label: "emulatord.s3-bridge", attributes: .concurrent)

    private init() { queue.setSpecific(key: Self.onBridgeQueue, value: true) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

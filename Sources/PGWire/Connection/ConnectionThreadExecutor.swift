import Foundation

/// A thread that serves one client connection at a time and is the Swift task executor of that
/// connection's task: a serial job queue with a condition variable.
///
/// The connection's `async` code runs on this thread, and so does its SQL (the thread is marked
/// with `ConnectionThread`): reading the socket (a blocking `recv`), running the statement and
/// sending the answer need no thread switch. While the thread blocks in `recv`, no job of another
/// connection waits behind it: the thread is this connection's alone (`ConnectionThreads`).
///
/// `@unchecked Sendable`: `jobs` and `stopping` are only touched with `condition` locked.
final class ConnectionThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    init() {
        let thread = Thread { [self] in runJobs() }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once its queued jobs have run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

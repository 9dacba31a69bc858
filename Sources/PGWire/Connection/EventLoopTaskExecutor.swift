import NIOCore

/// Runs a connection's task on its channel's event loop, so that reading a message, answering it
/// and writing the answer need no thread switch: only the SQL itself leaves the loop (to the
/// database's serial queue), and comes back once.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

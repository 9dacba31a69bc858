/// The life of one statement as a pure state machine: SUBMITTED -> PICKED -> STARTED ->
/// FINISHED | FAILED | ABORTED, with the stop requests that can arrive at any time (CancelStatement,
/// an `abort` fault rule). Each event returns what the caller must do; the caller performs it
/// (interrupt SQLite, take the statement out of its WLM queue) outside any lock. No clock, no I/O:
/// `StatementLifecycleTests` drives every transition, including the cancel races, without sockets
/// or sleeps.
///
/// The statement's texts of Redshift live here, once: `Query cancelled on user's request` for a
/// CancelStatement (with the query id once it ran), the batch's abandoned statements.
public struct StatementLifecycle: Sendable, Equatable {
    public private(set) var status: StatementStatus = .submitted
    /// Redshift's `ERROR: …` text of a FAILED or ABORTED statement.
    public private(set) var error: String?
    /// The `query` id of the system tables: given when WLM queues it or it starts; a new one when
    /// WLM restarts it.
    public private(set) var queryId: Int64 = 0
    /// Why it is being stopped, once someone asked; the first request wins.
    public private(set) var stop: StopRequest?

    /// A request to stop the statement before it ends on its own.
    public enum StopRequest: Sendable, Equatable {
        /// CancelStatement (or the PostgreSQL door's cancel request).
        case user
        /// A fault rule's `abort` after some milliseconds: its own message.
        case fault(message: String)
    }

    /// What the caller must do after a stop request.
    public enum StopAction: Sendable, Equatable {
        /// It waits in a WLM queue: take it out (its wait then ends, and `failedToRun` ends it).
        case leaveQueue
        /// It is picked or running: interrupt whatever it runs on SQLite.
        case interrupt
        /// Nothing to do (it ended already, for a fault rule whose time came too late).
        case none
    }

    /// How a statement's execution came out.
    public enum Outcome: Sendable, Equatable {
        case finished
        /// The SQL (or WLM, or a statement timeout) failed it with Redshift's text.
        case failed(String)
        /// SQLite was interrupted.
        case interrupted
    }

    public init() {}

    public var isTerminal: Bool { status.isTerminal }
    public var stopRequested: Bool { stop != nil }

    // MARK: Stop requests

    /// CancelStatement. Throws Redshift's error for a statement that already ended.
    public mutating func cancel(id: String) throws -> StopAction {
        guard !isTerminal else {
            throw EngineError.invalid("Could not cancel a query that is already in \(status.rawValue) state with ID: \(id)")
        }
        if stop == nil { stop = .user }
        return status == .submitted ? .leaveQueue : .interrupt
    }

    /// An `abort` fault rule's time came (it is armed once WLM admitted the statement, so the
    /// statement holds its slot: it is interrupted, never taken out of a queue).
    public mutating func abortByFault(rule: String, afterMillis millis: Int) -> StopAction {
        guard !isTerminal else { return .none }
        if stop == nil {
            stop = .fault(message: "ERROR: Query (\(queryId)) cancelled by fault rule \"\(rule)\" after \(millis) ms")
        }
        return .interrupt
    }

    // MARK: Progress

    /// WLM queued it (or restarted it): the query id it shows from now on.
    public mutating func assign(queryId: Int64) {
        guard !isTerminal else { return }
        self.queryId = queryId
    }

    /// WLM gave it a slot: SUBMITTED -> PICKED.
    public mutating func pick() {
        guard !isTerminal else { return }
        status = .picked
    }

    /// It is about to run on SQLite: -> STARTED, returning true; or, when a stop came first,
    /// -> ABORTED without running, returning false. `newQueryId` gives it a query id if WLM did not.
    public mutating func start(newQueryId: () -> Int64) -> Bool {
        guard !isTerminal else { return false }
        if let stop {
            status = .aborted
            error = stopText(stop, ran: false)
            return false
        }
        status = .started
        if queryId == 0 { queryId = newQueryId() }
        return true
    }

    /// Its execution came out: -> FINISHED | FAILED | ABORTED. A statement that finished wins over
    /// a stop that came too late; a failure after a stop request is the stop's ABORTED.
    public mutating func end(_ outcome: Outcome) {
        guard !isTerminal else { return }
        switch outcome {
        case .finished:
            status = .finished
        case .interrupted:
            status = .aborted
            error = stopText(stop ?? .user, ran: true)
        case .failed(let text):
            if let stop {
                status = .aborted
                error = stopText(stop, ran: true)
            } else {
                status = .failed
                error = text
            }
        }
    }

    /// It could not run (WLM refused it, its connection failed, it was stopped while queued).
    public mutating func failedToRun(_ text: String) {
        guard !isTerminal else { return }
        if let stop {
            status = .aborted
            error = stopText(stop, ran: false)
        } else {
            status = .failed
            error = text
        }
    }

    /// A batch's statement after a failed one never runs: ABORTED (emulator decision, reference §7).
    public mutating func abandon() {
        guard !isTerminal else { return }
        status = .aborted
        error = "ERROR: Statement not run because an earlier statement of the batch failed"
    }

    /// The batch parent ends as its statements did: FINISHED when all finished; else as the first
    /// that failed or was aborted (reference §7); ABORTED when it was stopped between two of them.
    public mutating func endBatch(_ subs: [StatementLifecycle], stopped: Bool) {
        guard !isTerminal else { return }
        if let failed = subs.first(where: { $0.status == .failed || $0.status == .aborted }) {
            status = failed.status
            error = failed.error
        } else if stopped {
            status = .aborted
            error = stopText(stop ?? .user, ran: false)
        } else {
            status = .finished
        }
    }

    /// Redshift's text for a stopped statement: with the query id once it ran.
    private func stopText(_ stop: StopRequest, ran: Bool) -> String {
        switch stop {
        case .user: return ran ? "ERROR: Query (\(queryId)) cancelled on user's request" : "ERROR: Query cancelled on user's request"
        case .fault(let message): return message
        }
    }
}

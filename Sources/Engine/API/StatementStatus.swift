/// Where a statement is in its life (Data API `StatementStatusString`):
/// SUBMITTED -> PICKED -> STARTED -> FINISHED | FAILED | ABORTED.
public enum StatementStatus: String, Sendable, CaseIterable {
    case submitted = "SUBMITTED"
    case picked = "PICKED"
    case started = "STARTED"
    case finished = "FINISHED"
    case failed = "FAILED"
    case aborted = "ABORTED"

    /// FINISHED, FAILED or ABORTED: nothing changes any more.
    public var isTerminal: Bool { self == .finished || self == .failed || self == .aborted }
}

/// How a batch's statements commit (Data API `ExecutionMode`).
public enum BatchMode: String, Sendable {
    /// One transaction: the first failure stops and rolls back the batch (the default).
    case transaction = "TRANSACTION"
    /// Each statement commits on its own; a failure does not stop the others.
    case autoCommit = "AUTO_COMMIT"
}

/// The form a client reads a statement's result in (Data API `ResultFormat`).
public enum ResultFormat: String, Sendable {
    case json = "JSON"
    case csv = "CSV"
}

/// A named parameter of a statement (`:name` in the SQL), bound as text, never spliced.
public struct StatementParameter: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

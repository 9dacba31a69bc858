import Engine
import Foundation
import Logging

/// Passes events to a recording while the data quota (`--max-data-bytes`) has room: the recording
/// counts against the same quota as the databases and the result spill, so once the server's files
/// use all of it the recording stops growing (its events are dropped, with one warning) while the
/// server keeps serving reads. Without a quota every event passes.
public final class QuotaLimitedSink: StatementEventSink, Sendable {
    private let inner: any StatementEventSink
    private let logger: Logger
    private let isExhausted: @Sendable () -> Bool
    /// The last answer of `isExhausted` and when it was asked (it lists the storage directory, so it
    /// is asked at most every `recheckNanos`), and whether the warning was given.
    private let state = Locked<(exhausted: Bool, checkedAt: UInt64, warned: Bool)>((false, 0, false))
    private static let recheckNanos: UInt64 = 200_000_000

    public init(_ inner: any StatementEventSink, logger: Logger,
                isExhausted: @escaping @Sendable () -> Bool = { RedshiftEngine.dataQuotaExhausted() }) {
        self.inner = inner
        self.logger = logger
        self.isExhausted = isExhausted
    }

    public func statementEnded(_ event: StatementEvent) {
        if admits() { inner.statementEnded(event) }
    }

    public func connectionChanged(_ event: ConnectionEvent) {
        if admits() { inner.connectionChanged(event) }
    }

    private func admits() -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let stale = state.withLock { $0.checkedAt == 0 || now &- $0.checkedAt >= Self.recheckNanos }
        if stale {
            let exhausted = isExhausted()
            let warn = state.withLock { state -> Bool in
                state.exhausted = exhausted
                state.checkedAt = now
                guard exhausted, !state.warned else { return false }
                state.warned = true
                return true
            }
            if warn { logger.warning("the data quota (--max-data-bytes) is used up: the recording drops events from now on") }
        }
        return state.withLock { !$0.exhausted }
    }
}

import Foundation

/// Short query acceleration on the statement path: which statements are predicted short.
///
/// Redshift predicts a query's run time with a machine-learning model that "learns from your query
/// patterns"; the emulator's rule, deterministic and documented in docs/workload.md:
/// - only read-only statements and CTAS are eligible, and only with `{"short_query_queue": true}`;
/// - a query shape (`ParsedStatement.fingerprint`) that ran before on this cluster/workgroup is
///   predicted to take what its last run took (execution, slot held; a run evicted from SQA counts
///   as long);
/// - a shape never seen is predicted from the latency profile: the largest planning + execution +
///   compile time it can draw (`instant`: 0, so predicted short; `realistic`: 5.2 s, long until seen);
/// - predicted short = predicted time < SQA's maximum run time (`max_execution_time` of the
///   short_query_queue element, or `WLMScheduler.Options.shortQueryDynamicMaxMillis` when 0 = dynamic).
/// The scheduler then runs a predicted-short statement in service class 14 only when it would wait in
/// its queue (wlm-short-query-acceleration); one that overruns SQA's limit moves to its queue.
extension WorkloadGate {
    struct ShapeKey: Hashable {
        var target: Target
        var shape: String
    }

    /// Shapes whose last run time is remembered (older ones are forgotten all at once).
    static let shapeMemory = 10_000

    /// SQA's run-time limit, ns (nil without SQA).
    var shortQueryLimitNanos: UInt64? {
        guard let sqa = wlm?.shortQueryAcceleration else { return nil }
        let millis = sqa.maxExecutionTimeMillis > 0 ? sqa.maxExecutionTimeMillis : WLMScheduler.Options().shortQueryDynamicMaxMillis
        return UInt64(millis) * 1_000_000
    }

    /// Whether SQA applies and the statement is predicted short; its shape when SQA is on (to
    /// remember its run time at release).
    func shortQueryPrediction(shape: String, kind: WLMStatementKind, target: Target) -> (short: Bool, shape: String?) {
        guard let limit = shortQueryLimitNanos, kind == .readOnly || kind == .createTableAs else { return (false, nil) }
        let predicted = state.withLock { state -> UInt64 in
            if let last = state.shapeRuns[ShapeKey(target: target, shape: shape)] { return last }
            let profile = state.latency.profile
            return UInt64(max(0, profile.planning.max + profile.execution.max + profile.compile.max) * 1_000_000)
        }
        return (predicted < limit, shape)
    }

    /// Remembers how long a statement's last attempt held its slot, for the next prediction of its shape.
    /// Runs under the state lock (from `release`).
    static func rememberRun(of trace: WorkloadTrace, in state: inout State, at now: UInt64) {
        guard let shape = trace.shape, trace.queueEnd != nil || trace.evictedFromShortQuery else { return }   // ran
        let ran: UInt64 = trace.evictedFromShortQuery ? .max / 2 : trace.queueEnd.map { now.elapsed(since: $0) } ?? .max / 2
        if state.shapeRuns.count >= shapeMemory { state.shapeRuns.removeAll(keepingCapacity: true) }
        state.shapeRuns[ShapeKey(target: trace.target, shape: shape)] = ran
    }
}

import Foundation
import Logging
import RedshiftSQL

/// What the workload steps of the statement path cost, measured in process (`emulator-bench --only
/// wlm`): the scheduler overhead goal of issue 6 is < 50 µs per statement with `instant` latency.
public struct WorkloadStepSample: Sendable {
    /// Fault matching at submission (`WorkloadGate.faults`), ns.
    public var submitNanos: UInt64
    /// Routing and WLM admission (`admit`), ns.
    public var admitNanos: UInt64
    /// After execution: latency plan, WLM verdict, release (`simulateLatency` + `release`), ns.
    public var endNanos: UInt64

    public var totalNanos: UInt64 { submitNanos &+ admitNanos &+ endNanos }
}

extension RedshiftEngine {
    /// An in-memory service for in-process measurements: instant latency, clusters made on first
    /// use, `wlm` when given (nil: no `--wlm`, the gate is inert).
    public static func inMemory(wlm: WLMConfiguration?) throws -> RedshiftEngine {
        var configuration = EngineConfiguration()
        configuration.wlm = wlm
        return try make(configuration, logger: Logger(label: "emulator-bench"))
    }

    /// Drives the statement path's workload steps for `count` statements of `sql` on a pooled
    /// connection of (`clusterIdentifier`, `database`) as `user`, in the order `submit` and `run`
    /// take them, with the SQLite execution replaced by a canned one-row result; returns each
    /// statement's time in those steps. Without `--wlm` (an inert gate) the steps are skipped, as
    /// they are on the real path, and the figures show what the `isInert` checks cost.
    ///
    /// Mirrors `submit` (fault matching), `run` (admission, the final release) and `perform`
    /// (`simulateLatency`, release for the query log): keep it in step with them.
    public func measureWorkloadSteps(count: Int, clusterIdentifier: String, database: String, user: String,
                                     sql: String = "select 1") async throws -> [WorkloadStepSample] {
        let caller = Caller(accessKeyId: "AKIDWLMPROBE")
        let parsed = Translator.parse(sql)
        let request = StatementRequest(statements: [parsed], isBatch: false,
                                       placement: .new(target: Target(kind: .cluster, name: clusterIdentifier),
                                                       database: database, user: user, keepAliveSeconds: nil),
                                       caller: caller)
        let canned = StatementOutcome(hasResultSet: true, resultRows: 1, result: nil)
        var samples: [WorkloadStepSample] = []
        samples.reserveCapacity(count)
        for _ in 0..<max(0, count) {
            let id = newId()
            let placement = try place(request, statementId: id, now: clock.now())
            let t0 = clock.monotonicNanoseconds()
            let faults = try workload.faults(operation: "ExecuteStatement", sql: sql, user: user, database: database,
                                             queryGroup: nil, statementId: id)
            let t1 = clock.monotonicNanoseconds()
            let record = StatementRecord(id: id, context: placement.context, createdAt: clock.now(), submittedNanos: t1,
                                         parsed: parsed, queryStrings: nil, parameters: nil, statementName: nil,
                                         resultFormat: .json, batchMode: nil)
            record.faults = faults
            let t2 = clock.monotonicNanoseconds()
            if !workload.isInert { try await admit(record, on: placement.execution) }
            let t3 = clock.monotonicNanoseconds()
            if !workload.isInert {
                _ = simulateLatency(record, .success(canned))
                _ = workload.release(record.id, target: record.context.target)
            }
            if !workload.isInert { workload.release(record.id, target: record.context.target) }
            let t4 = clock.monotonicNanoseconds()
            samples.append(WorkloadStepSample(submitNanos: t1 &- t0, admitNanos: t3 &- t2, endNanos: t4 &- t3))
        }
        return samples
    }
}

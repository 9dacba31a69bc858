import Foundation

extension RedshiftEngine {
    /// True when the server runs WLM queues (`--wlm` or the configuration's `wlm`).
    public var hasWorkloadQueues: Bool { workload.wlm != nil }

    /// The live WLM state of every cluster or workgroup WLM has scheduled for, by target name
    /// (empty without `--wlm`): the console's queue chart samples it.
    public func workloadStates() -> [(target: Target, state: WLMSnapshot)] {
        guard workload.wlm != nil else { return [] }
        let now = clock.monotonicNanoseconds()
        return workload.state.withLock { state in
            state.schedulers.keys.sorted { $0.name < $1.name }.map { ($0, state.schedulers[$0]!.snapshot(at: now)) }
        }
    }
}

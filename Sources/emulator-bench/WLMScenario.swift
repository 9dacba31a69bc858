import Foundation

/// WLM overhead: what a WLM configuration costs a statement with `instant` latency (goal < 50 µs),
/// measured three ways (docs/benchmarks.md, WLM section):
/// 1. in process, the workload steps alone, per statement (`WLMInProcess.steps`);
/// 2. in process, the whole Data API cycle on two services without and with WLM, alternating
///    blocks (`WLMInProcess.cycles`);
/// 3. over HTTP: two emulatord processes started side by side, one with `--wlm`, driven in many
///    alternating short runs of the ExecuteStatement + DescribeStatement-until-FINISHED +
///    GetStatementResult cycle of `select 1` at one client; `--runs` fresh process pairs.
/// 2 and 3 report the median of the paired differences with a 95 % confidence interval. The WLM
/// configuration is one manual queue of 50 slots, so nothing ever waits.
enum WLMScenario {
    static let goalMicros = 50.0
    static let configuration = #"[{"query_concurrency": 50}]"#

    static func run(_ options: Options) async throws -> WLMOverheadResult {
        let services = try WLMInProcess.Services(configuration: configuration)
        progress("wlm: in-process workload steps, \(options.wlmStatements) statements each way")
        let steps = try await WLMInProcess.steps(services, statements: options.wlmStatements)
        progress("wlm: steps p50 \(format(steps.plain.p50Micros, 2)) µs without, \(format(steps.wlm.p50Micros, 2)) µs with WLM")
        progress("wlm: in-process cycles, \(options.wlmPairs) pairs of \(options.wlmBlock)-cycle blocks")
        let inProcess = try await WLMInProcess.cycles(services, pairs: options.wlmPairs, block: options.wlmBlock)
        progress("wlm: in-process cycle difference \(format(inProcess.medianDifferenceMicros, 1)) µs "
                 + "[\(format(inProcess.ciLowMicros, 1)), \(format(inProcess.ciHighMicros, 1))]")
        let http = try httpPairs(options)
        let overhead = steps.wlm.p50Micros - steps.plain.p50Micros
        return WLMOverheadResult(steps: steps, inProcess: inProcess, http: http, serverPairs: options.runs,
                                 stepOverheadMicros: overhead, goalMicros: goalMicros,
                                 met: overhead < goalMicros && inProcess.ciHighMicros < goalMicros)
    }

    /// The select 1 cycle without and with `--wlm` (`ServerPairs`).
    static func httpPairs(_ options: Options) throws -> PairedComparison {
        let config = NSTemporaryDirectory() + "emulator-bench-wlm-\(getpid()).json"
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: config))
        defer { try? FileManager.default.removeItem(atPath: config) }
        return try ServerPairs.compare(options, name: "wlm", a: [], b: ["--wlm", config])
    }
}

/// Per-statement cost of a WLM configuration (instant latency), three ways.
struct WLMOverheadResult: Codable {
    var steps: WLMStepFigures
    var inProcess: PairedComparison
    var http: PairedComparison
    var serverPairs: Int
    /// p50 of the workload steps with WLM minus without.
    var stepOverheadMicros: Double
    var goalMicros: Double
    /// The step overhead and the in-process cycle difference's upper 95 % bound are both under the goal.
    var met: Bool
}

import Foundation

/// WLM overhead: the same ExecuteStatement + DescribeStatement-until-FINISHED cycle (`select 1`,
/// instant latency) against emulatord without and with `--wlm` (one manual queue of 50 slots, so
/// nothing ever waits), one client, interleaved run by run on fresh servers. The difference of the
/// median cycle times is what the scheduler costs a statement end to end (goal < 50 µs).
enum WLMScenario {
    static let goalMicros = 50.0

    static func run(_ options: Options) throws -> WLMOverheadResult {
        let config = NSTemporaryDirectory() + "emulator-bench-wlm-\(getpid()).json"
        try Data(#"[{"query_concurrency": 50}]"#.utf8).write(to: URL(fileURLWithPath: config))
        defer { try? FileManager.default.removeItem(atPath: config) }
        var plain: [Double] = [], wlm: [Double] = []
        var plainMeans: [Double] = [], wlmMeans: [Double] = []
        for run in 1...options.runs {
            for withWLM in [false, true] {
                let server = try ServerProcess(name: "emulatord", arguments: [options.emulatord, "serve", "--port", "0"]
                                               + (withWLM ? ["--wlm", config] : []))
                try server.waitForReadyLine(containing: "emulatord listening on")
                let result = LoadRunner(host: "127.0.0.1", port: server.port, workload: .cycle(pollUntilFinished: true),
                                        clients: 1, warmup: options.warmup, duration: options.duration,
                                        serverPID: server.pid).run()
                server.stop()
                if let error = result.error { throw HTTPError("wlm scenario: \(error)") }
                let p50 = result.latency["cycle"]?.p50Micros ?? 0
                let mean = result.cyclesPerSecond > 0 ? 1e6 / result.cyclesPerSecond : 0
                if withWLM { wlm.append(p50); wlmMeans.append(mean) } else { plain.append(p50); plainMeans.append(mean) }
                progress("wlm overhead run \(run)/\(options.runs), \(withWLM ? "--wlm" : "no wlm"): cycle p50 "
                         + "\(format(p50, 1)) µs, mean \(format(mean, 1)) µs")
            }
        }
        let plainP50 = Stats.median(plain) ?? 0, wlmP50 = Stats.median(wlm) ?? 0
        let plainMean = Stats.median(plainMeans) ?? 0, wlmMean = Stats.median(wlmMeans) ?? 0
        let overhead = wlmP50 - plainP50
        return WLMOverheadResult(runs: options.runs, plainCycleP50Micros: plainP50, wlmCycleP50Micros: wlmP50,
                                 plainCycleMeanMicros: plainMean, wlmCycleMeanMicros: wlmMean,
                                 overheadMicros: overhead, meanOverheadMicros: wlmMean - plainMean,
                                 goalMicros: goalMicros, met: overhead < goalMicros)
    }
}

/// Per-statement cost of WLM admission and release, end to end through the Data API.
struct WLMOverheadResult: Codable {
    var runs: Int
    var plainCycleP50Micros: Double
    var wlmCycleP50Micros: Double
    var plainCycleMeanMicros: Double
    var wlmCycleMeanMicros: Double
    /// Difference of the medians of the per-run cycle p50s.
    var overheadMicros: Double
    var meanOverheadMicros: Double
    var goalMicros: Double
    var met: Bool
}

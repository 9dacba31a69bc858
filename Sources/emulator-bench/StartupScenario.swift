/// Start-up: from spawning `emulatord serve --port 0` (in memory) to reading its ready line.
enum StartupScenario {
    static func run(_ options: Options) throws -> StartupResult {
        var millis: [Double] = []
        for index in 1...options.startupRuns {
            let start = monotonicNanos()
            let server = try ServerProcess(name: "emulatord", arguments: [options.emulatord, "serve", "--port", "0"])
            let ready = try server.waitForReadyLine(containing: "emulatord listening on")
            millis.append(Double(ready - start) / 1e6)
            server.stop()
            progress("start-up \(index)/\(options.startupRuns): \(format(millis.last!, 1)) ms")
        }
        let median = Stats.median(millis)!
        return StartupResult(runs: millis.count, millis: millis, medianMillis: median, minMillis: millis.min()!,
                             maxMillis: millis.max()!, met: median < 300)
    }
}

import Foundation

/// A/B over HTTP: two emulatord processes started side by side (A with `a` arguments, B with `b`),
/// driven in many alternating short runs (ABBA order) of the ExecuteStatement +
/// DescribeStatement-until-FINISHED + GetStatementResult cycle of `select 1` at one client, on
/// `options.runs` fresh process pairs; each run's cycle p50 is one half of a pair.
enum ServerPairs {
    static func compare(_ options: Options, name: String, a: [String], b: [String]) throws -> PairedComparison {
        var first: [Double] = [], second: [Double] = []
        let perServerPair = max(2, options.wlmPairs / options.runs)
        for serverPair in 1...options.runs {
            let servers = try [a, b].map { extra in
                let server = try ServerProcess(name: "emulatord", arguments: [options.emulatord, "serve", "--port", "0"] + extra)
                try server.waitForReadyLine(containing: "emulatord listening on")
                return server
            }
            defer { servers.forEach { $0.stop() } }
            func measure(_ server: ServerProcess, warmup: Double) throws -> Double {
                let result = LoadRunner(host: "127.0.0.1", port: server.port, workload: .cycle(pollUntilFinished: true),
                                        clients: 1, warmup: warmup, duration: options.wlmRunSeconds,
                                        serverPID: server.pid).run()
                if let error = result.error { throw HTTPError("\(name) scenario: \(error)") }
                return result.latency["cycle"]?.p50Micros ?? 0
            }
            for server in servers { _ = try measure(server, warmup: options.warmup) }
            for index in 0..<perServerPair {
                if index % 2 == 0 {
                    first.append(try measure(servers[0], warmup: 0.05))
                    second.append(try measure(servers[1], warmup: 0.05))
                } else {
                    second.append(try measure(servers[1], warmup: 0.05))
                    first.append(try measure(servers[0], warmup: 0.05))
                }
            }
            let sofar = PairedComparison(plain: first, wlm: second)
            progress("\(name): http server pair \(serverPair)/\(options.runs): \(sofar.pairs) pairs, difference "
                     + "\(format(sofar.medianDifferenceMicros, 1)) µs [\(format(sofar.ciLowMicros, 1)), \(format(sofar.ciHighMicros, 1))]")
        }
        return PairedComparison(plain: first, wlm: second)
    }
}

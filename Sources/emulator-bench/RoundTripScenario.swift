/// Round trips: the ceiling (bare Hummingbird POSTs), emulatord and moto cycles, at each client
/// count, interleaved run by run on fresh server processes; medians over runs.
enum RoundTripScenario {
    static let ceiling = "hummingbird-ceiling", emulator = "emulatord", moto = "moto"

    static func run(_ options: Options) -> RoundTripResult {
        var runs: [String: [Int: [LoadResult]]] = [:]
        var errors: [String: [String]] = [:]
        var targets = [ceiling, emulator]
        if !options.skipMoto { targets.append(moto) }
        for run in 1...options.runs {
            for target in targets {
                let server: ServerProcess
                do {
                    switch target {
                    case ceiling: server = try Servers.echo(options)
                    case emulator: server = try Servers.emulatord(options)
                    default: server = try Servers.moto(options)
                    }
                } catch {
                    progress("\(target): \(error)")
                    errors[target, default: []].append("\(error)")
                    continue
                }
                for clients in options.clients {
                    let workload: Workload = target == ceiling ? .post : .cycle(pollUntilFinished: target != moto)
                    let runner = LoadRunner(host: "127.0.0.1", port: server.port, workload: workload, clients: clients,
                                            warmup: options.warmup, duration: options.duration, serverPID: server.pid)
                    let result = runner.run()
                    if let error = result.error {
                        progress("\(target) at \(clients) clients: \(error)")
                        errors[target, default: []].append(error)
                    }
                    runs[target, default: [:]][clients, default: []].append(result)
                    progress("round trips run \(run)/\(options.runs), \(target), \(clients) client(s): "
                             + "\(format(result.requestsPerSecond, 0)) requests/s"
                             + (target == ceiling ? "" : ", \(format(result.cyclesPerSecond, 0)) cycles/s"))
                }
                server.stop()
            }
        }
        var figures: [LoadFigures] = []
        for target in targets {
            for clients in options.clients {
                guard let results = runs[target]?[clients], !results.isEmpty else { continue }
                var latency: [String: LatencySummary] = [:]
                for name in Set(results.flatMap { $0.latency.keys }) {
                    latency[name] = LatencySummary.median(results.compactMap { $0.latency[name] }.filter { $0.count > 0 })
                }
                figures.append(LoadFigures(
                    target: target, clients: clients, runs: results.count,
                    cyclesPerSecond: Stats.median(results.map(\.cyclesPerSecond))!,
                    requestsPerSecond: Stats.median(results.map(\.requestsPerSecond))!,
                    describesPerCycle: Stats.median(results.map(\.describesPerCycle))!,
                    clientCores: Stats.median(results.map(\.clientCores))!,
                    serverCores: Stats.median(results.map(\.serverCores)),
                    latency: latency, errors: errors[target] ?? []))
            }
        }
        var result = RoundTripResult(durationSeconds: options.duration, warmupSeconds: options.warmup, figures: figures)
        let most = options.clients.max() ?? 8
        if let ours = figures.first(where: { $0.target == emulator && $0.clients == most }),
           let top = figures.first(where: { $0.target == ceiling && $0.clients == most }), top.requestsPerSecond > 0 {
            result.requestsShareOfCeiling = ours.requestsPerSecond / top.requestsPerSecond
            result.shareMet = result.requestsShareOfCeiling! >= result.shareGoal
        }
        if let single = figures.first(where: { $0.target == emulator && $0.clients == 1 }) {
            let calls = ["ExecuteStatement", "DescribeStatement", "GetStatementResult"].compactMap { single.latency[$0] }
            if !calls.isEmpty {
                result.worstP99MicrosAtOneClient = calls.map(\.p99Micros).max()
                result.p99Met = result.worstP99MicrosAtOneClient! < result.p99GoalMicros
            }
        }
        return result
    }
}

/// Fetch: paging a rows x 5 result through GetStatementResult (JSON) and GetStatementResultV2
/// (CSV), beside the same rows read straight from SQLite with GRDB (the limit).
enum FetchScenario {
    static func run(_ options: Options) throws -> FetchResult {
        let rows = options.fetchRows
        let server = try Servers.emulatord(options)
        defer { server.stop() }
        let client = try BenchClient(host: "127.0.0.1", port: server.port)
        progress("fetch: creating \(rows) rows in emulatord")
        let loadStart = monotonicNanos()
        let method = try DataSetup.create("t5", rows: rows, client: client)
        let loadSeconds = seconds(from: loadStart, to: monotonicNanos())
        progress("fetch: loaded in \(format(loadSeconds, 2)) s (\(method)); creating the SQLite limit table")
        let limit = try SQLiteLimit(rows: rows)
        let select = "select a, b, c, d, e from t5"
        var limitRuns: [(Int, Double)] = [], limitCPUs: [Double] = [], json: [PagingResult] = [], csv: [PagingResult] = []
        var executeJSON: [Double] = [], executeCSV: [Double] = []
        for run in 1...options.runs {
            let cpuStart = CPUSample.now(serverPID: nil)
            limitRuns.append(try limit.readAll())
            limitCPUs.append(CPUSample.now(serverPID: nil).client - cpuStart.client)
            for asCSV in [false, true] {
                let start = monotonicNanos()
                let id = try client.execute(select, csv: asCSV)
                try client.waitFinished(id)
                let executed = seconds(from: start, to: monotonicNanos())
                let paged = try Paging.readAll(id, csv: asCSV, client: client, serverPID: server.pid)
                if paged.rows != rows || paged.totalNumRows != rows {
                    throw HTTPError("\(asCSV ? "CSV" : "JSON") paging read \(paged.rows) rows (TotalNumRows \(paged.totalNumRows)), expected \(rows)")
                }
                if asCSV { csv.append(paged); executeCSV.append(executed) } else { json.append(paged); executeJSON.append(executed) }
            }
            progress("fetch run \(run)/\(options.runs): limit \(format(Double(rows) / limitRuns.last!.1, 0)) rows/s, "
                     + "JSON \(format(Double(rows) / json.last!.seconds, 0)) rows/s, CSV \(format(Double(rows) / csv.last!.seconds, 0)) rows/s")
        }
        let limitSeconds = Stats.median(limitRuns.map(\.1))!
        let limitRate = Double(rows) / limitSeconds
        let limitCPU = Stats.median(limitCPUs)!
        func figures(_ path: String, _ results: [PagingResult], goal: Double) -> FetchFigures {
            let secs = Stats.median(results.map(\.seconds))!
            let rate = Double(rows) / secs
            let executed = Stats.median(path.contains("CSV") ? executeCSV : executeJSON)!
            return FetchFigures(path: path, rows: rows, pages: results[0].pages, bytes: results[0].bytes,
                                rowsPerSecond: rate, seconds: secs, endToEndRowsPerSecond: Double(rows) / (secs + executed),
                                clientCPUSeconds: Stats.median(results.map(\.clientCPUSeconds))!,
                                serverCPUSeconds: Stats.median(results.map(\.serverCPUSeconds)),
                                slowdown: limitRate / rate, goal: goal, met: limitRate / rate <= goal)
        }
        return FetchResult(
            rows: rows, runs: options.runs, loadMethod: method, loadSeconds: loadSeconds,
            executeSecondsJSON: Stats.median(executeJSON)!, executeSecondsCSV: Stats.median(executeCSV)!,
            figures: [
                FetchFigures(path: "SQLite via GRDB (limit)", rows: limitRuns[0].0, pages: 1, bytes: 0,
                             rowsPerSecond: limitRate, seconds: limitSeconds, endToEndRowsPerSecond: limitRate,
                             clientCPUSeconds: limitCPU, serverCPUSeconds: nil,
                             slowdown: 1, goal: nil, met: nil),
                figures("GetStatementResultV2 (CSV)", csv, goal: 3),
                figures("GetStatementResult (JSON)", json, goal: 6),
            ])
    }
}

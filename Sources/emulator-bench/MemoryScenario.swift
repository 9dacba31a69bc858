/// Memory: emulatord's RSS (VmRSS/VmHWM) around paging a rows x 5 result through GetStatementResult.
enum MemoryScenario {
    static func run(_ options: Options) throws -> MemoryResult {
        let rows = options.memoryRows
        let server = try Servers.emulatord(options)
        defer { server.stop() }
        let client = try BenchClient(host: "127.0.0.1", port: server.port)
        progress("memory: creating \(rows) rows in emulatord")
        let loadStart = monotonicNanos()
        let method = try DataSetup.create("t1m", rows: rows, client: client)
        let loadSeconds = seconds(from: loadStart, to: monotonicNanos())
        guard let loaded = server.memory() else { throw HTTPError("cannot read /proc/\(server.pid)/status") }
        // Peak from here on: VmHWM is reset to the current RSS when the kernel lets us.
        let reset = server.resetPeakMemory()
        let before = server.memory()!
        progress("memory: loaded in \(format(loadSeconds, 2)) s (\(method)); RSS \(format(mib(before.rssKiB), 1)) MiB; paging")
        let id = try client.execute("select a, b, c, d, e from t1m")
        try client.waitFinished(id)
        let paged = try Paging.readAll(id, csv: false, client: client)
        let after = server.memory()!
        let peak = mib(after.peakKiB)
        return MemoryResult(
            rows: rows, loadMethod: method, loadSeconds: loadSeconds, rssAfterLoadMiB: mib(loaded.rssKiB),
            peakDuringLoadMiB: mib(loaded.peakKiB), peakResetWorked: reset, rssBeforeMiB: mib(before.rssKiB),
            peakMiB: peak, rssAfterMiB: mib(after.rssKiB), pages: paged.pages, rowsRead: paged.rows,
            pagingSeconds: paged.seconds, met: peak < 300)
    }

    static func mib(_ kib: Int) -> Double { Double(kib) / 1024 }
}

import Dispatch
import Foundation

/// What each client thread repeats.
enum Workload {
    /// ExecuteStatement(`select 1`) + DescribeStatement until FINISHED + GetStatementResult.
    /// `pollUntilFinished: false` describes once (moto's statements stay STARTED forever).
    case cycle(pollUntilFinished: Bool)
    /// One POST per iteration (the bare HTTP endpoint).
    case post
}

/// One measured load configuration: figures over the measurement window only.
struct LoadResult: Codable {
    var clients: Int
    var seconds: Double
    var cycles: Int
    var requests: Int
    var cyclesPerSecond: Double
    var requestsPerSecond: Double
    var describesPerCycle: Double
    /// Per operation: ExecuteStatement, DescribeStatement, GetStatementResult, cycle, or POST.
    var latency: [String: LatencySummary]
    /// CPU cores busy during the measurement window: the load generator (this process) and the server.
    var clientCores: Double
    var serverCores: Double?
    var error: String?
}

/// Drives `clients` threads, one keep-alive connection each, for warm-up + duration seconds.
struct LoadRunner {
    let host: String
    let port: UInt16
    let workload: Workload
    let clients: Int
    let warmup: Double
    let duration: Double
    var serverPID: pid_t?

    static let sql = "select 1"

    func run() -> LoadResult {
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let timing = Timing()
        var workers: [Worker] = []
        for _ in 0..<clients {
            let worker = Worker(host: host, port: port, workload: workload)
            workers.append(worker)
            done.enter()
            let thread = Thread {
                worker.connect()
                ready.signal()
                go.wait()
                worker.loop(measureFrom: timing.measureFrom, until: timing.end)
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        for _ in 0..<clients { ready.wait() }
        let start = monotonicNanos()
        timing.measureFrom = start + UInt64(warmup * 1e9)
        timing.end = timing.measureFrom + UInt64(duration * 1e9)
        for _ in 0..<clients { go.signal() }
        let now = monotonicNanos()
        if timing.measureFrom > now { usleep(UInt32((timing.measureFrom - now) / 1000)) }
        let cpuStart = CPUSample.now(serverPID: serverPID)
        done.wait()
        let (clientCores, serverCores) = CPUSample.cores(from: cpuStart, to: CPUSample.now(serverPID: serverPID))
        var result = summarize(workers, seconds: duration)
        result.clientCores = clientCores
        result.serverCores = serverCores
        return result
    }

    private func summarize(_ workers: [Worker], seconds: Double) -> LoadResult {
        var samples: [String: [UInt64]] = [:]
        var cycles = 0, requests = 0, describes = 0
        var error: String?
        for worker in workers {
            cycles += worker.cycles
            requests += worker.requests
            describes += worker.describes
            error = error ?? worker.error
            for (name, values) in worker.samples { samples[name, default: []].append(contentsOf: values) }
        }
        return LoadResult(clients: clients, seconds: seconds, cycles: cycles, requests: requests,
                          cyclesPerSecond: Double(cycles) / seconds, requestsPerSecond: Double(requests) / seconds,
                          describesPerCycle: cycles > 0 ? Double(describes) / Double(cycles) : 0,
                          latency: samples.mapValues(LatencySummary.init(samples:)), clientCores: 0, serverCores: nil,
                          error: error)
    }
}

/// Start and end of the measurement window, shared by the threads (written before they start).
private final class Timing: @unchecked Sendable {
    var measureFrom: UInt64 = 0
    var end: UInt64 = 0
}

/// One client thread: its connection, counters and latency samples (no sharing while running).
private final class Worker: @unchecked Sendable {
    let host: String
    let port: UInt16
    let workload: Workload
    var client: BenchClient?
    var cycles = 0, requests = 0, describes = 0
    var samples: [String: [UInt64]] = [:]
    var error: String?

    init(host: String, port: UInt16, workload: Workload) {
        self.host = host
        self.port = port
        self.workload = workload
    }

    func connect() {
        do { client = try BenchClient(host: host, port: port) } catch { self.error = "\(error)" }
    }

    func loop(measureFrom: UInt64, until end: UInt64) {
        guard let client else { return }
        var execute: [UInt64] = [], describe: [UInt64] = [], result: [UInt64] = [], cycle: [UInt64] = []
        execute.reserveCapacity(1 << 16); describe.reserveCapacity(1 << 16)
        result.reserveCapacity(1 << 16); cycle.reserveCapacity(1 << 16)
        let executeRequest = client.request("ExecuteStatement", body: BenchClient.executeBody(LoadRunner.sql))
        do {
            while true {
                let cycleStart = monotonicNanos()
                if cycleStart >= end { break }
                let measured = cycleStart >= measureFrom
                switch workload {
                case .post:
                    try client.send(executeRequest) { status, _ in
                        if status != 200 { throw HTTPError("HTTP \(status)") }
                    }
                    let now = monotonicNanos()
                    if measured { execute.append(now - cycleStart); requests += 1; cycles += 1 }
                case .cycle(let pollUntilFinished):
                    let id = try client.call(executeRequest) { body -> String in
                        guard let id = ByteSearch.stringValue(of: ByteSearch.idKey, in: body) else {
                            throw HTTPError("no Id in ExecuteStatement response")
                        }
                        return id
                    }
                    var t0 = monotonicNanos()
                    if measured { execute.append(t0 - cycleStart) }
                    let idBody = client.request("DescribeStatement", body: BenchClient.idBody(id))
                    var polls = 0
                    while true {
                        let status = try client.call(idBody) { body in
                            ByteSearch.stringValue(of: ByteSearch.statusKey, in: body) ?? ""
                        }
                        let t1 = monotonicNanos()
                        if measured { describe.append(t1 - t0) }
                        t0 = t1
                        polls += 1
                        if status == "FINISHED" || !pollUntilFinished { break }
                        if status == "FAILED" || status == "ABORTED" { throw HTTPError("select 1 ended \(status)") }
                    }
                    let resultRequest = client.request("GetStatementResult", body: BenchClient.idBody(id))
                    try client.call(resultRequest) { _ in }
                    let t2 = monotonicNanos()
                    if measured {
                        result.append(t2 - t0)
                        cycle.append(t2 - cycleStart)
                        cycles += 1
                        describes += polls
                        requests += 2 + polls
                    }
                }
            }
        } catch {
            self.error = "\(error)"
        }
        switch workload {
        case .post: samples = ["POST": execute]
        case .cycle:
            samples = ["ExecuteStatement": execute, "DescribeStatement": describe,
                       "GetStatementResult": result, "cycle": cycle]
        }
    }
}

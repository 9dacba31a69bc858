import DataAPI
import DataAPIModel
import Engine
import Foundation

/// The in-process halves of the WLM overhead measurement (no HTTP, no second process):
/// - `steps`: the statement path's workload steps alone (`RedshiftEngine.measureWorkloadSteps`:
///   fault matching, routing + admission, latency plan + verdict + release), timed per statement;
/// - `cycles`: the whole ExecuteStatement + DescribeStatement-until-FINISHED + GetStatementResult
///   cycle of `select 1` on two in-memory services in this process, without and with a WLM
///   configuration, alternating short blocks (ABBA order); one pair = the two blocks' medians.
enum WLMInProcess {
    static let cluster = "bench-wlm"
    static let caller = Caller(accessKeyId: "AKIDBENCHWLM")

    struct Services {
        let plain: DataAPIAdapter
        let wlm: DataAPIAdapter

        init(configuration: String) throws {
            plain = DataAPIAdapter(engine: try RedshiftEngine.inMemory(wlm: nil))
            wlm = DataAPIAdapter(engine: try RedshiftEngine.inMemory(wlm: try WLMConfiguration(json: configuration)))
        }
    }

    // MARK: Steps

    static func steps(_ services: Services, statements: Int, block: Int = 1_000) async throws -> WLMStepFigures {
        func measure(_ service: DataAPIAdapter, _ count: Int) async throws -> [WorkloadStepSample] {
            try await service.engine.measureWorkloadSteps(count: count, clusterIdentifier: cluster, database: "dev", user: "awsuser")
        }
        _ = try await measure(services.plain, block)   // warm-up: clusters provisioned, caches filled
        _ = try await measure(services.wlm, block)
        var plain: [WorkloadStepSample] = [], wlm: [WorkloadStepSample] = []
        for index in 0..<max(1, statements / block) {
            if index % 2 == 0 {
                plain += try await measure(services.plain, block)
                wlm += try await measure(services.wlm, block)
            } else {
                wlm += try await measure(services.wlm, block)
                plain += try await measure(services.plain, block)
            }
        }
        return WLMStepFigures(plain: plain, wlm: wlm)
    }

    // MARK: Cycles

    static func cycles(_ services: Services, pairs: Int, block: Int) async throws -> PairedComparison {
        _ = try await cycleBlock(services.plain, block)   // warm-up
        _ = try await cycleBlock(services.wlm, block)
        var plain: [Double] = [], wlm: [Double] = []
        for index in 0..<pairs {
            if index % 2 == 0 {
                plain.append(try await cycleBlock(services.plain, block))
                wlm.append(try await cycleBlock(services.wlm, block))
            } else {
                wlm.append(try await cycleBlock(services.wlm, block))
                plain.append(try await cycleBlock(services.plain, block))
            }
        }
        return PairedComparison(plain: plain, wlm: wlm)
    }

    /// The median cycle time of `count` cycles, µs.
    static func cycleBlock(_ service: DataAPIAdapter, _ count: Int) async throws -> Double {
        var samples: [UInt64] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = monotonicNanos()
            let output = try await service.executeStatement(
                ExecuteStatementInput(clusterIdentifier: cluster, database: "dev", dbUser: "awsuser", sql: LoadRunner.sql),
                caller: caller)
            guard let id = output.id else { throw HTTPError("no Id from ExecuteStatement") }
            while true {
                let status = try await service.describeStatement(DescribeStatementRequest(id: id), caller: caller).status
                if status == .finished { break }
                if status == .failed || status == .aborted { throw HTTPError("select 1 ended \(status!.rawValue)") }
                await Task.yield()
            }
            _ = try await service.getStatementResultEncoded(GetStatementResultRequest(id: id), caller: caller)
            samples.append(monotonicNanos() &- start)
        }
        samples.sort()
        return Double(Stats.percentile(sorted: samples, 50)) / 1000
    }
}

/// Per-statement time in the workload steps, without (`plain`: the inert gate's checks) and with WLM.
struct WLMStepFigures: Codable {
    struct Figure: Codable {
        var statements: Int
        var p50Micros: Double
        var meanMicros: Double
        var p99Micros: Double
        /// p50 of each step: fault matching at submission, admission, end (plan, verdict, release).
        var submitP50Micros: Double
        var admitP50Micros: Double
        var endP50Micros: Double

        init(_ samples: [WorkloadStepSample]) {
            func p50(_ values: [UInt64]) -> Double { Double(Stats.percentile(sorted: values.sorted(), 50)) / 1000 }
            let totals = samples.map(\.totalNanos).sorted()
            statements = samples.count
            p50Micros = Double(Stats.percentile(sorted: totals, 50)) / 1000
            p99Micros = Double(Stats.percentile(sorted: totals, 99)) / 1000
            meanMicros = totals.isEmpty ? 0 : Double(totals.reduce(0, &+)) / Double(totals.count) / 1000
            submitP50Micros = p50(samples.map(\.submitNanos))
            admitP50Micros = p50(samples.map(\.admitNanos))
            endP50Micros = p50(samples.map(\.endNanos))
        }
    }

    var plain: Figure
    var wlm: Figure

    init(plain: [WorkloadStepSample], wlm: [WorkloadStepSample]) {
        self.plain = Figure(plain)
        self.wlm = Figure(wlm)
    }
}

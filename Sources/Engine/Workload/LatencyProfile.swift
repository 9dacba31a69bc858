import Foundation

/// A range of milliseconds; each statement draws uniformly from it with the seeded generator.
public struct LatencyRange: Sendable, Equatable {
    public var min: Double
    public var max: Double
    public init(_ min: Double, _ max: Double) { self.min = min; self.max = max }
    public static let zero = LatencyRange(0, 0)
}

/// The constants of the latency model. `instant` is all zero (the default, for CI); `realistic` uses the
/// magnitudes of wlm.md §6 (derived, not measured — tune them with a JSON profile).
///
/// A profile file overrides any subset of `realistic` (or of `base`):
/// ```json
/// {"name": "fast-compile", "base": "realistic", "compile_ms": [100, 300], "per_row_us": 0.5}
/// ```
/// Ranges are `[min, max]` or a single number.
public struct LatencyProfile: Sendable, Equatable {
    public var name: String
    /// Data API overhead before the statement is picked up (ExecuteStatement 50–150 ms, wlm.md §6.4–§6.5;
    /// an assumption).
    public var dataAPIOverhead: LatencyRange
    /// Planning of every non-cached statement (5–50 ms, §6.5; the docs' trivial count(*) planned in 137 ms).
    public var planning: LatencyRange
    /// Base execution of a small query with a cached plan (20–150 ms, §6.5; docs sample 106 ms).
    public var execution: LatencyRange
    /// Extra on the first run of a query shape: segment compilation (0.5–5 s, §6.1, §6.5), then cached.
    public var compile: LatencyRange
    /// Server time of a result-cache hit (0.02–1 ms, §6.2: docs show 23–60 µs).
    public var resultCacheHit: LatencyRange
    /// Leader-only / catalog queries, never compiled (5–50 ms, §6.5 assumption).
    public var leaderOnly: LatencyRange
    /// Commit of a writing transaction (10–100 ms commit queue, §6.5 assumption).
    public var commit: LatencyRange
    /// Cost per row produced or affected, µs (assumption: 1 M rows ≈ 2 s).
    public var perRowMicros: Double
    /// Cost per result byte, ns (assumption: ≈ 100 MB/s through the Data API).
    public var perByteNanos: Double
    /// Whether repeated read-only queries on unchanged data hit the result cache (on by default, §6.2).
    public var resultCache: Bool
    /// Query shapes whose compiled code is kept (an LRU in Redshift).
    public var cacheCapacity: Int

    /// Everything zero: statements finish as fast as SQLite runs them.
    public static let instant = LatencyProfile(
        name: "instant", dataAPIOverhead: .zero, planning: .zero, execution: .zero, compile: .zero,
        resultCacheHit: .zero, leaderOnly: .zero, commit: .zero, perRowMicros: 0, perByteNanos: 0,
        resultCache: true, cacheCapacity: 10_000)

    /// The documented magnitudes of wlm.md §6.5.
    public static let realistic = LatencyProfile(
        name: "realistic", dataAPIOverhead: LatencyRange(50, 150), planning: LatencyRange(5, 50),
        execution: LatencyRange(20, 150), compile: LatencyRange(500, 5000), resultCacheHit: LatencyRange(0.02, 1),
        leaderOnly: LatencyRange(5, 50), commit: LatencyRange(10, 100), perRowMicros: 2, perByteNanos: 10,
        resultCache: true, cacheCapacity: 10_000)

    /// Whether every duration is zero (lets the model skip the random draws).
    public var isInstant: Bool {
        [dataAPIOverhead, planning, execution, compile, resultCacheHit, leaderOnly, commit].allSatisfy { $0 == .zero }
            && perRowMicros == 0 && perByteNanos == 0
    }

    /// `--latency instant|realistic|PROFILE.json`.
    public static func resolve(_ option: String) throws -> LatencyProfile {
        switch option {
        case "instant": return .instant
        case "realistic": return .realistic
        default:
            guard let data = FileManager.default.contents(atPath: option) else {
                throw WorkloadConfigError("--latency must be instant, realistic or a readable profile file: cannot read \(option)")
            }
            do { return try LatencyProfile(data: data) } catch let error as WorkloadConfigError {
                throw WorkloadConfigError("invalid latency profile \(option): \(error.message)")
            }
        }
    }

}

/// JSON profile files.
extension LatencyProfile {
    static let keys: Set<String> = ["name", "base", "data_api_overhead_ms", "planning_ms", "execution_ms", "compile_ms",
                                    "result_cache_hit_ms", "leader_only_ms", "commit_ms", "per_row_us",
                                    "per_byte_ns", "result_cache", "cache_capacity"]

    /// Parses a JSON profile; errors name the key.
    public init(data: Data) throws {
        let object = try WorkloadObject(WorkloadJSON.parse(data, what: "the latency profile"), place: "latency profile")
        try object.rejectUnknownKeys(allowed: Self.keys)
        switch try object.string("base") ?? "realistic" {
        case "realistic": self = .realistic
        case "instant": self = .instant
        case let other: throw object.fail("base", "must be \"instant\" or \"realistic\", not \"\(other)\"")
        }
        name = try object.string("name") ?? "custom"
        func range(_ key: String, _ current: LatencyRange) throws -> LatencyRange {
            guard let value = object.fields[key] else { return current }
            let bounds: [Double]
            switch value {
            case .number(let number): bounds = [number, number]
            case .array(let items) where items.count == 2:
                bounds = try items.map { item in
                    guard case .number(let number) = item else { throw object.fail(key, "must be [min, max] in milliseconds") }
                    return number
                }
            default: throw object.fail(key, "must be a number or [min, max] in milliseconds")
            }
            guard bounds[0] >= 0, bounds[0] <= bounds[1], bounds[1] <= 86_400_000 else {
                throw object.fail(key, "must satisfy 0 ≤ min ≤ max ≤ 86400000")
            }
            return LatencyRange(bounds[0], bounds[1])
        }
        dataAPIOverhead = try range("data_api_overhead_ms", dataAPIOverhead)
        planning = try range("planning_ms", planning)
        execution = try range("execution_ms", execution)
        compile = try range("compile_ms", compile)
        resultCacheHit = try range("result_cache_hit_ms", resultCacheHit)
        leaderOnly = try range("leader_only_ms", leaderOnly)
        commit = try range("commit_ms", commit)
        for (key, current) in [("per_row_us", perRowMicros), ("per_byte_ns", perByteNanos)] {
            let value = try object.double(key) ?? current
            guard value >= 0, value.isFinite else { throw object.fail(key, "must be a number ≥ 0") }
            if key == "per_row_us" { perRowMicros = value } else { perByteNanos = value }
        }
        resultCache = try object.bool("result_cache") ?? resultCache
        cacheCapacity = try object.int("cache_capacity", in: 1...10_000_000) ?? cacheCapacity
    }
}

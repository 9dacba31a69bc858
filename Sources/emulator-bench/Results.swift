/// Everything one benchmark run measured (the `--json` output).
struct BenchResults: Codable {
    var cpus: Int
    var emulatord: String
    var startup: StartupResult?
    var roundTrips: RoundTripResult?
    var fetch: FetchResult?
    var memory: MemoryResult?
    var wlm: WLMOverheadResult?
    var metrics: MetricsOverheadResult?
    var errors: [String] = []
}

struct StartupResult: Codable {
    var runs: Int
    var millis: [Double]
    var medianMillis: Double
    var minMillis: Double
    var maxMillis: Double
    var goalMillis = 300.0
    var met: Bool
}

/// One server at one concurrency: medians over runs.
struct LoadFigures: Codable {
    var target: String
    var clients: Int
    var runs: Int
    var cyclesPerSecond: Double
    var requestsPerSecond: Double
    var describesPerCycle: Double
    /// CPU cores busy during the window: the load generator, and the server process.
    var clientCores: Double
    var serverCores: Double?
    var latency: [String: LatencySummary]
    var errors: [String]
}

struct RoundTripResult: Codable {
    var durationSeconds: Double
    var warmupSeconds: Double
    var figures: [LoadFigures]
    /// emulatord's requests/s over the ceiling's, at the highest client count (goal ≥ 0.30).
    var requestsShareOfCeiling: Double?
    var shareGoal = 0.30
    var shareMet: Bool?
    /// The highest p99 over ExecuteStatement, DescribeStatement and GetStatementResult at 1 client (goal < 2000 µs).
    var worstP99MicrosAtOneClient: Double?
    var p99GoalMicros = 2000.0
    var p99Met: Bool?
}

struct FetchFigures: Codable {
    var path: String
    var rows: Int
    var pages: Int
    var bytes: Int
    /// Rows over the paging time (the figure the goal compares).
    var rowsPerSecond: Double
    var seconds: Double
    /// Rows over ExecuteStatement-to-last-page time (the select's execution included).
    var endToEndRowsPerSecond: Double
    /// CPU seconds spent while paging: by the reading client (this process) and by emulatord.
    var clientCPUSeconds: Double
    var serverCPUSeconds: Double?
    /// Limit rows/s over this path's rows/s (1 for the limit itself).
    var slowdown: Double
    var goal: Double?
    var met: Bool?
}

struct FetchResult: Codable {
    var rows: Int
    var runs: Int
    var loadMethod: String
    var loadSeconds: Double
    /// Seconds from ExecuteStatement to FINISHED for the select (median), per format.
    var executeSecondsJSON: Double
    var executeSecondsCSV: Double
    var figures: [FetchFigures]
}

struct MemoryResult: Codable {
    var rows: Int
    var loadMethod: String
    var loadSeconds: Double
    var rssAfterLoadMiB: Double
    var peakDuringLoadMiB: Double
    var peakResetWorked: Bool
    var rssBeforeMiB: Double
    var peakMiB: Double
    var rssAfterMiB: Double
    var pages: Int
    var rowsRead: Int
    var pagingSeconds: Double
    var goalMiB = 300.0
    var met: Bool
}

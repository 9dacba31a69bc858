/// What one statement asks of the latency model.
public struct LatencyRequest: Sendable, Equatable {
    /// The statement's fingerprint (normalised SQL, parameter values ignored): the compile-cache key.
    public var shape: String
    public var isReadOnly: Bool
    /// A counter the engine bumps whenever data the statement reads may have changed (per database is
    /// enough): a result-cache entry is only reused at the same version.
    public var dataVersion: Int
    /// Rows produced or affected, and result bytes.
    public var rows: Int
    public var bytes: Int
    /// The result-cache key: Redshift requires the same SQL text (and parameters); defaults to `shape`.
    public var resultCacheKey: String?
    /// False when the result cache must not be used: GETDATE-like functions, RLS on CURRENT_USER,
    /// `enable_result_cache_for_session` off, very large results (wlm.md §6.2).
    public var resultCacheable: Bool
    /// Leader-only / catalog queries: no compile.
    public var isLeaderOnly: Bool
    /// The statement commits a writing transaction.
    public var commits: Bool

    public init(shape: String, isReadOnly: Bool, dataVersion: Int, rows: Int = 0, bytes: Int = 0,
                resultCacheKey: String? = nil, resultCacheable: Bool = true, isLeaderOnly: Bool = false, commits: Bool = false) {
        self.shape = shape
        self.isReadOnly = isReadOnly
        self.dataVersion = dataVersion
        self.rows = rows
        self.bytes = bytes
        self.resultCacheKey = resultCacheKey
        self.resultCacheable = resultCacheable
        self.isLeaderOnly = isLeaderOnly
        self.commits = commits
    }
}

/// The simulated durations of one statement, in nanoseconds.
public struct LatencyPlan: Sendable, Equatable {
    /// Data API overhead before the statement is picked up (SUBMITTED → PICKED).
    public var overheadNanos: UInt64 = 0
    /// SYS_QUERY_HISTORY.planning_time.
    public var planningNanos: UInt64 = 0
    /// SYS_QUERY_HISTORY.compile_time: non-zero only on the first run of a shape.
    public var compileNanos: UInt64 = 0
    /// Execution while holding the WLM slot(s).
    public var executionNanos: UInt64 = 0
    /// Commit queue + commit of a writing transaction.
    public var commitNanos: UInt64 = 0
    /// Served from the result cache (SYS_QUERY_HISTORY.result_cache_hit, SVL_QLOG.source_query).
    public var resultCacheHit = false

    /// Time from STARTED to a terminal status, queue wait excluded.
    public var serverNanos: UInt64 { planningNanos + compileNanos + executionNanos + commitNanos }
    /// Everything the model adds; the real queue wait comes on top, from `WLMScheduler`.
    public var totalNanos: UInt64 { overheadNanos + serverNanos }
}

/// Simulated latency: Data API overhead, planning, compilation on the first run of a query shape (then
/// cached), result-cache hits for repeated read-only queries on unchanged data, cost per row and byte.
///
/// Deterministic: the same seed and the same sequence of requests give the same plans. Queue wait is
/// not modelled here — it is the real wait for a `WLMScheduler` slot.
///
/// For example:
/// ```swift
/// var model = LatencyModel(profile: .realistic, seed: 7)
/// let first = model.plan(shape: "select * from t where id = ?", isReadOnly: true, dataVersion: 1, rows: 1, bytes: 20)
/// let again = model.plan(shape: "select * from t where id = ?", isReadOnly: true, dataVersion: 1, rows: 1, bytes: 20)
/// // first.compileNanos > 0; again.resultCacheHit == true and again.serverNanos < first.serverNanos
/// ```
/// - Redshift: wlm.md §6 (compilation, result cache, typical numbers, Data API overhead).
public struct LatencyModel: Sendable {
    public let profile: LatencyProfile
    private var random: SeededRandom
    private var compiled: RecentSet<String>
    private var results: RecentSet<ResultKey>

    struct ResultKey: Hashable, Sendable {
        var key: String
        var dataVersion: Int
    }

    public init(profile: LatencyProfile, seed: UInt64) {
        self.profile = profile
        random = SeededRandom(seed: seed)
        compiled = RecentSet(capacity: profile.cacheCapacity)
        results = RecentSet(capacity: profile.cacheCapacity)
    }

    /// `plan(_:)` for the common case.
    public mutating func plan(shape: String, isReadOnly: Bool, dataVersion: Int, rows: Int, bytes: Int) -> LatencyPlan {
        plan(LatencyRequest(shape: shape, isReadOnly: isReadOnly, dataVersion: dataVersion, rows: rows, bytes: bytes))
    }

    /// Plans one statement's durations and records its shape (compiled) and result (cached).
    public mutating func plan(_ request: LatencyRequest) -> LatencyPlan {
        var plan = LatencyPlan()
        plan.overheadNanos = draw(profile.dataAPIOverhead)
        if request.isLeaderOnly {
            plan.executionNanos = draw(profile.leaderOnly)
            return plan
        }
        let cacheable = profile.resultCache && request.isReadOnly && request.resultCacheable
        let key = ResultKey(key: request.resultCacheKey ?? request.shape, dataVersion: request.dataVersion)
        if cacheable, results.contains(key) {
            plan.resultCacheHit = true
            plan.executionNanos = draw(profile.resultCacheHit)
            return plan
        }
        plan.planningNanos = draw(profile.planning)
        if !compiled.contains(request.shape) {
            compiled.insert(request.shape)
            plan.compileNanos = draw(profile.compile)
        }
        let variable = Double(max(0, request.rows)) * profile.perRowMicros * 1_000 + Double(max(0, request.bytes)) * profile.perByteNanos
        plan.executionNanos = draw(profile.execution) + UInt64(min(variable, 8.64e13))
        if cacheable { results.insert(key) }
        if request.commits && !request.isReadOnly { plan.commitNanos = draw(profile.commit) }
        return plan
    }

    /// Whether a shape has been compiled (for SYS_QUERY_HISTORY and tests).
    public func isCompiled(_ shape: String) -> Bool { compiled.peek(shape) }

    private mutating func draw(_ range: LatencyRange) -> UInt64 {
        guard range.max > 0 else { return 0 }
        let millis = range.min + (range.max - range.min) * random.nextUnit()
        return UInt64(millis * 1_000_000)
    }
}

/// A bounded set that forgets its least recently used members, approximately and deterministically:
/// two generations; a lookup promotes a member; when the young one is full the old one is dropped.
struct RecentSet<Element: Hashable & Sendable>: Sendable {
    private var young: Set<Element> = []
    private var old: Set<Element> = []
    private let half: Int

    init(capacity: Int) { half = max(1, capacity / 2) }

    func peek(_ element: Element) -> Bool { young.contains(element) || old.contains(element) }

    mutating func contains(_ element: Element) -> Bool {
        if young.contains(element) { return true }
        guard old.remove(element) != nil else { return false }
        insert(element)
        return true
    }

    mutating func insert(_ element: Element) {
        if young.count >= half, !young.contains(element) {
            old = young
            young = []
        }
        young.insert(element)
    }
}

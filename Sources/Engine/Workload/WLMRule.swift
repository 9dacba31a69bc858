/// Query priority under automatic WLM, lowest to highest; `critical` only via `CHANGE_QUERY_PRIORITY`.
/// - Redshift: Database Developer Guide › Query priority (wlm.md §3.5).
public enum WLMPriority: String, Sendable, Codable, CaseIterable, Comparable {
    case lowest, low, normal, high, highest, critical

    /// 0 (lowest) … 5 (critical).
    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: WLMPriority, rhs: WLMPriority) -> Bool { lhs.rank < rhs.rank }
}

/// A query monitoring rule: fires when ALL its predicates hold, then takes its action.
/// - Redshift: Database Developer Guide › WLM query monitoring rules (wlm.md §2.2, §2.4, §2.5).
public struct WLMRule: Sendable, Equatable {
    /// ≤ 32 letters, digits or underscores; unique across the configuration.
    public var name: String
    /// 1 to 3 predicates.
    public var predicates: [WLMPredicate]
    public var action: WLMRuleAction

    public init(name: String, predicates: [WLMPredicate], action: WLMRuleAction) {
        self.name = name
        self.predicates = predicates
        self.action = action
    }
}

/// What a rule does when it fires. Severity when several fire in one evaluation: abort > hop > log.
public enum WLMRuleAction: Sendable, Equatable {
    case log
    /// Manual WLM only.
    case hop
    case abort
    /// Automatic WLM only; the target priority is the rule's `value`.
    case changePriority(WLMPriority)

    /// The JSON / STL_WLM_RULE_ACTION spelling.
    public var name: String {
        switch self {
        case .log: return "log"
        case .hop: return "hop"
        case .abort: return "abort"
        case .changePriority: return "change_query_priority"
        }
    }

    /// Higher wins when several rules fire in the same evaluation.
    public var severity: Int {
        switch self {
        case .log: return 0
        case .changePriority: return 1
        case .hop: return 2
        case .abort: return 3
        }
    }
}

/// `metric_name operator value`, e.g. `query_execution_time > 50`.
public struct WLMPredicate: Sendable, Equatable {
    public enum Operator: String, Sendable, Codable { case greaterThan = ">", equal = "=", lessThan = "<" }
    public enum Value: Sendable, Equatable {
        case number(Double)
        case priority(WLMPriority)
    }

    public var metric: QMRMetric
    public var op: Operator
    public var value: Value

    public init(metric: QMRMetric, op: Operator, value: Value) {
        self.metric = metric
        self.op = op
        self.value = value
    }
}

/// The metrics a rule may test, with the units wlm.md §2.4 documents (seconds, rows, 1 MB blocks, %).
public enum QMRMetric: String, Sendable, Codable, CaseIterable {
    /// CPU seconds used by the query (not elapsed).
    case queryCPUTime = "query_cpu_time"
    /// 1 MB blocks read.
    case queryBlocksRead = "query_blocks_read"
    /// Rows emitted by scan steps.
    case scanRowCount = "scan_row_count"
    /// Elapsed execution seconds, queue time excluded.
    case queryExecutionTime = "query_execution_time"
    /// Seconds waiting in a queue (the hop action is not supported with it).
    case queryQueueTime = "query_queue_time"
    /// Percent of CPU capacity.
    case queryCPUUsagePercent = "query_cpu_usage_percent"
    /// MB spilled for intermediate results.
    case queryTempBlocksToDisk = "query_temp_blocks_to_disk"
    /// Elapsed seconds of a single segment.
    case segmentExecutionTime = "segment_execution_time"
    case cpuSkew = "cpu_skew"
    case ioSkew = "io_skew"
    case joinRowCount = "join_row_count"
    case nestedLoopJoinRowCount = "nested_loop_join_row_count"
    case returnRowCount = "return_row_count"
    case spectrumScanRowCount = "spectrum_scan_row_count"
    case spectrumScanSizeMB = "spectrum_scan_size_mb"
    /// The query's current priority (predicate only; value is a priority name).
    case queryPriority = "query_priority"

    /// Accepts the documented names and the Serverless `max_`-prefixed spellings (`max_scan_row_count`).
    public init?(configName: String) {
        let lowered = configName.lowercased()
        if let metric = QMRMetric(rawValue: lowered) { self = metric; return }
        if lowered.hasPrefix("max_"), let metric = QMRMetric(rawValue: String(lowered.dropFirst(4))),
           metric != .queryPriority {
            self = metric
            return
        }
        return nil
    }
}

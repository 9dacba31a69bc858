import Foundation

/// Redshift's `wlm_json_configuration`, validated: the queues in priority order (the last is the default
/// queue), short query acceleration, and the query monitoring rules.
///
/// Parse it with `WLMConfiguration(json:)` (or any `Decoder`); invalid input throws a
/// `WorkloadConfigError` naming the key and position. Encoding writes the array form back.
///
/// For example:
/// ```swift
/// let wlm = try WLMConfiguration(json: #"[{"query_group":["report"],"query_concurrency":2},{"query_concurrency":5}]"#)
/// wlm.queues.map(\.serviceClass)   // [6, 7]: user queues are numbered from 6; 7 is the default queue
/// ```
/// - Redshift: Management Guide › Configuring WLM (wlm.md §2); service classes per wlm.md §4.
public struct WLMConfiguration: Sendable, Equatable {
    /// Manual WLM (you set concurrency and memory) or automatic WLM (Redshift does, with priorities).
    public enum Mode: String, Sendable, Equatable { case manual, automatic }

    public var mode: Mode
    /// User queues in configuration order; the last one is the default queue. Never empty.
    public var queues: [WLMQueue]
    /// Short query acceleration (service class 14), when the configuration enables it.
    public var shortQueryAcceleration: WLMShortQueryAcceleration?

    /// Service class of the superuser queue (1 slot, not configurable).
    public static let superuserServiceClass = 5
    /// Service class of short query acceleration.
    public static let shortQueryServiceClass = 14
    /// First user queue under manual WLM.
    public static let firstManualServiceClass = 6
    /// First queue under automatic WLM (100–107).
    public static let firstAutomaticServiceClass = 100
    /// At most 8 user queues, in both modes.
    public static let maxQueues = 8
    /// At most 50 slots summed over the manual user queues (superuser queue excluded).
    public static let maxTotalSlots = 50

    public init(mode: Mode, queues: [WLMQueue], shortQueryAcceleration: WLMShortQueryAcceleration? = nil) {
        precondition(!queues.isEmpty, "a WLM configuration has at least the default queue")
        self.mode = mode
        self.queues = queues
        self.shortQueryAcceleration = shortQueryAcceleration
    }

    /// `{"auto_wlm": true}`: Redshift's default parameter group (one automatic default queue).
    public static let automaticDefault = WLMConfiguration(mode: .automatic, queues: [
        WLMQueue(serviceClass: firstAutomaticServiceClass, name: "Default queue", isDefault: true, concurrency: nil),
    ])

    /// `{"query_concurrency": 5}`: the simplest manual configuration.
    public static let manualDefault = WLMConfiguration(mode: .manual, queues: [
        WLMQueue(serviceClass: firstManualServiceClass, name: "Default queue", isDefault: true, concurrency: 5),
    ])

    /// The default (last) queue.
    public var defaultQueue: WLMQueue { queues[queues.count - 1] }

    /// The queue with this service class, if it is a configured user queue.
    public func queue(serviceClass: Int) -> WLMQueue? { queues.first { $0.serviceClass == serviceClass } }

    /// The display name of any service class this configuration uses (5, 14, or a user queue).
    public func serviceClassName(_ serviceClass: Int) -> String {
        switch serviceClass {
        case Self.superuserServiceClass: return "Service class for super user"
        case Self.shortQueryServiceClass: return "Short query queue"
        default: return queue(serviceClass: serviceClass)?.name ?? "Service class \(serviceClass)"
        }
    }

    /// Every rule, with the service class of the queue that owns it.
    public var allRules: [(serviceClass: Int, rule: WLMRule)] {
        queues.flatMap { queue in queue.rules.map { (queue.serviceClass, $0) } }
    }
}

/// One WLM queue (a service class).
public struct WLMQueue: Sendable, Equatable {
    public enum ConcurrencyScaling: String, Sendable, Equatable { case auto, off }

    /// 6, 7, … under manual WLM; 100, 101, … under automatic WLM.
    public var serviceClass: Int
    /// `name`, or `Queue N` / `Default queue`.
    public var name: String
    public var isDefault: Bool
    /// `query_concurrency` (slots, 1–50; default 5) under manual WLM; nil (Redshift decides) under automatic.
    public var concurrency: Int?
    /// `memory_percent_to_use`; nil: an equal share of what the configured queues leave.
    public var memoryPercent: Int?
    /// `max_execution_time` in ms (manual WLM, execution only, queue wait excluded); 0 = none.
    public var maxExecutionTimeMillis: Int
    public var userGroups: [String]
    public var userGroupWildcard: Bool
    public var queryGroups: [String]
    public var queryGroupWildcard: Bool
    /// Automatic WLM; `normal` under manual WLM (shown as `n/a` in the system tables).
    public var priority: WLMPriority
    public var concurrencyScaling: ConcurrencyScaling
    public var rules: [WLMRule]

    public init(serviceClass: Int, name: String, isDefault: Bool = false, concurrency: Int? = 5,
                memoryPercent: Int? = nil, maxExecutionTimeMillis: Int = 0,
                userGroups: [String] = [], userGroupWildcard: Bool = false,
                queryGroups: [String] = [], queryGroupWildcard: Bool = false,
                priority: WLMPriority = .normal, concurrencyScaling: ConcurrencyScaling = .off, rules: [WLMRule] = []) {
        self.serviceClass = serviceClass
        self.name = name
        self.isDefault = isDefault
        self.concurrency = concurrency
        self.memoryPercent = memoryPercent
        self.maxExecutionTimeMillis = maxExecutionTimeMillis
        self.userGroups = userGroups
        self.userGroupWildcard = userGroupWildcard
        self.queryGroups = queryGroups
        self.queryGroupWildcard = queryGroupWildcard
        self.priority = priority
        self.concurrencyScaling = concurrencyScaling
        self.rules = rules
    }
}

/// The `{"short_query_queue": true, "max_execution_time": N}` element.
public struct WLMShortQueryAcceleration: Sendable, Equatable {
    /// Maximum run time of a short query in ms: 0 = dynamic, else 1000–20000.
    public var maxExecutionTimeMillis: Int
    public init(maxExecutionTimeMillis: Int = 0) { self.maxExecutionTimeMillis = maxExecutionTimeMillis }
}

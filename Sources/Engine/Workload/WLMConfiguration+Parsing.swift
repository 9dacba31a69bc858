import Foundation

/// Reading and validating `wlm_json_configuration` (wlm.md §2.1–§2.2).
extension WLMConfiguration {
    static let queueKeys: Set<String> = [
        "auto_wlm", "priority", "queue_type", "name", "concurrency_scaling", "query_concurrency",
        "memory_percent_to_use", "max_execution_time", "user_group", "user_group_wild_card",
        "query_group", "query_group_wild_card", "rules",
    ]
    static let shortQueryKeys: Set<String> = ["short_query_queue", "max_execution_time"]

    /// Parses the JSON text of the parameter (the array form, a single object such as `{"auto_wlm": true}`,
    /// or either of them quoted as a JSON string, the way parameter groups store it).
    public init(json: String) throws {
        try self.init(data: Data(json.utf8))
    }

    /// Parses JSON bytes; see `init(json:)`.
    public init(data: Data) throws {
        try self.init(parsing: WorkloadJSON.parse(data, what: "the WLM configuration"))
    }

    /// Loads a `--wlm` file; errors name the file and the offending key.
    public static func load(path: String) throws -> WLMConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkloadConfigError("cannot read WLM configuration \(path)")
        }
        do { return try WLMConfiguration(data: data) } catch let error as WorkloadConfigError {
            throw WorkloadConfigError("invalid WLM configuration \(path): \(error.message)")
        }
    }

    /// Validates a parsed JSON tree.
    public init(parsing value: WorkloadJSON) throws {
        var elements: [WorkloadJSON]
        switch value {
        case .array(let items): elements = items
        case .object: elements = [value]
        case .string(let text): try self.init(json: text); return
        default: throw WorkloadConfigError("the WLM configuration must be a JSON array of queues, not \(value.typeName)")
        }
        var sqa: WLMShortQueryAcceleration?
        var sawShortQueryElement = false
        var queueObjects: [WorkloadObject] = []
        for element in elements {
            if case .object(let fields) = element, fields["short_query_queue"] != nil {
                let object = try WorkloadObject(element, place: "the short_query_queue element")
                guard !sawShortQueryElement else { throw WorkloadConfigError("short_query_queue appears more than once") }
                sawShortQueryElement = true
                sqa = try Self.parseShortQuery(object)
            } else {
                queueObjects.append(try WorkloadObject(element, place: "queue \(queueObjects.count + 1)"))
            }
        }
        elements.removeAll()
        guard !queueObjects.isEmpty else { throw WorkloadConfigError("the WLM configuration has no queue (at least the default queue is required)") }
        guard queueObjects.count <= Self.maxQueues else {
            throw WorkloadConfigError("queue \(Self.maxQueues + 1): at most \(Self.maxQueues) queues are allowed, found \(queueObjects.count)")
        }
        let mode = try Self.mode(of: queueObjects)
        var queues: [WLMQueue] = []
        for (index, object) in queueObjects.enumerated() {
            let queue = try Self.parseQueue(object, index: index, isDefault: index == queueObjects.count - 1, mode: mode)
            if let other = queues.firstIndex(where: { $0.name.lowercased() == queue.name.lowercased() }) {
                throw object.fail("name", "\"\(queue.name)\" is already used by queue \(other + 1)")
            }
            queues.append(queue)
        }
        try Self.validateTotals(queues, mode: mode)
        self.init(mode: mode, queues: queues, shortQueryAcceleration: sqa)
    }

    private static func parseShortQuery(_ object: WorkloadObject) throws -> WLMShortQueryAcceleration? {
        try object.rejectUnknownKeys(allowed: shortQueryKeys)
        let enabled = try object.bool("short_query_queue") ?? false
        let maxTime = try object.int("max_execution_time") ?? 0
        guard maxTime == 0 || (1000...20000).contains(maxTime) else {
            throw object.fail("max_execution_time", "must be 0 (dynamic) or between 1000 and 20000 ms")
        }
        return enabled ? WLMShortQueryAcceleration(maxExecutionTimeMillis: maxTime) : nil
    }

    /// Automatic when any queue says `"auto_wlm": true` or `"queue_type": "auto"`; mixing is an error.
    private static func mode(of objects: [WorkloadObject]) throws -> Mode {
        var automatic = false
        for object in objects {
            if try object.bool("auto_wlm") == true { automatic = true }
            switch try object.string("queue_type") {
            case nil, "manual": break
            case "auto": automatic = true
            case let other?: throw object.fail("queue_type", "must be \"auto\" or \"manual\", not \"\(other)\"")
            }
        }
        if automatic, let manual = objects.first(where: { (try? $0.string("queue_type")) == "manual" }) {
            throw manual.fail("queue_type", "is \"manual\" but another queue uses automatic WLM; all queues must use the same mode")
        }
        return automatic ? .automatic : .manual
    }

    private static func parseQueue(_ object: WorkloadObject, index: Int, isDefault: Bool, mode: Mode) throws -> WLMQueue {
        try object.rejectUnknownKeys(allowed: queueKeys)
        let serviceClass = (mode == .manual ? firstManualServiceClass : firstAutomaticServiceClass) + index
        let name = try object.string("name") ?? (isDefault ? "Default queue" : "Queue \(index + 1)")
        guard !name.isEmpty, name.count <= 64,
              name.allSatisfy({ $0 == " " || $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
            throw object.fail("name", "must be 1 to 64 letters, digits, underscores or spaces")
        }
        var queue = WLMQueue(serviceClass: serviceClass, name: name, isDefault: isDefault,
                             concurrency: mode == .manual ? 5 : nil)
        if mode == .manual {
            queue.concurrency = try object.int("query_concurrency", in: 1...50) ?? 5
            let memory = try object.int("memory_percent_to_use", in: 0...100)
            queue.memoryPercent = memory == 0 ? nil : memory
            queue.maxExecutionTimeMillis = try object.int("max_execution_time", in: 0...86_400_000) ?? 0
            if let priority = try object.string("priority"), priority.lowercased() != "normal" {
                throw object.fail("priority", "applies to automatic WLM only")
            }
        } else {
            for key in ["query_concurrency", "memory_percent_to_use", "max_execution_time"] where object.has(key) {
                throw object.fail(key, "applies to manual WLM only (automatic WLM manages it)")
            }
            if let text = try object.string("priority") {
                guard let priority = WLMPriority(rawValue: text.lowercased()), priority != .critical else {
                    throw object.fail("priority", "must be one of highest, high, normal, low, lowest")
                }
                queue.priority = priority
            }
        }
        switch try object.string("concurrency_scaling") {
        case nil, "off": queue.concurrencyScaling = .off
        case "auto": queue.concurrencyScaling = .auto
        case let other?: throw object.fail("concurrency_scaling", "must be \"auto\" or \"off\", not \"\(other)\"")
        }
        queue.userGroups = try object.strings("user_group") ?? []
        queue.userGroupWildcard = try object.flag("user_group_wild_card") ?? false
        queue.queryGroups = try object.strings("query_group") ?? []
        queue.queryGroupWildcard = try object.flag("query_group_wild_card") ?? false
        if isDefault, mode == .manual, !queue.userGroups.isEmpty || !queue.queryGroups.isEmpty {
            let key = queue.userGroups.isEmpty ? "query_group" : "user_group"
            throw object.fail(key, "must be empty: the default (last) queue can't list user or query groups")
        }
        queue.rules = try (object.array("rules") ?? []).enumerated().map { ruleIndex, rule in
            try parseRule(rule, place: "\(object.place) rule \(ruleIndex + 1)", mode: mode)
        }
        if queue.rules.count > 25 { throw object.fail("rules", "has \(queue.rules.count) rules; at most 25 per queue") }
        return queue
    }

    private static func validateTotals(_ queues: [WLMQueue], mode: Mode) throws {
        if mode == .manual {
            let slots = queues.reduce(0) { $0 + ($1.concurrency ?? 0) }
            guard slots <= maxTotalSlots else {
                throw WorkloadConfigError("query_concurrency totals \(slots) slots over all queues; at most \(maxTotalSlots) are allowed")
            }
            let memory = queues.reduce(0) { $0 + ($1.memoryPercent ?? 0) }
            guard memory <= 100 else {
                throw WorkloadConfigError("memory_percent_to_use totals \(memory)% over all queues; at most 100 is allowed")
            }
        }
        let rules = queues.flatMap(\.rules)
        guard rules.count <= 25 else { throw WorkloadConfigError("rules: \(rules.count) rules in total; at most 25 are allowed") }
        var seen = Set<String>()
        for rule in rules where !seen.insert(rule.name.lowercased()).inserted {
            throw WorkloadConfigError("rule \"\(rule.name)\": duplicate rule_name; rule names must be unique across the configuration")
        }
    }
}

/// Reading and validating query monitoring rules (wlm.md §2.2 "Rule object", §2.4).
extension WLMConfiguration {
    static let ruleKeys: Set<String> = ["rule_name", "predicate", "action", "value"]
    static let predicateKeys: Set<String> = ["metric_name", "operator", "value"]

    static func parseRule(_ value: WorkloadJSON, place: String, mode: Mode) throws -> WLMRule {
        var object = try WorkloadObject(value, place: place)
        guard let name = try object.string("rule_name") else { throw object.fail("rule_name", "is required") }
        guard !name.isEmpty, name.count <= 32, name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
            throw object.fail("rule_name", "must be 1 to 32 letters, digits or underscores")
        }
        object = try WorkloadObject(value, place: "rule \"\(name)\"")
        try object.rejectUnknownKeys(allowed: ruleKeys)
        guard let predicateValues = try object.array("predicate"), !predicateValues.isEmpty else {
            throw object.fail("predicate", "is required (1 to 3 predicates)")
        }
        guard predicateValues.count <= 3 else {
            throw WorkloadConfigError("rule \"\(name)\": at most 3 predicates, found \(predicateValues.count)")
        }
        let predicates = try predicateValues.enumerated().map { index, item in
            try parsePredicate(WorkloadObject(item, place: "rule \"\(name)\" predicate \(index + 1)"))
        }
        guard let actionName = try object.string("action") else { throw object.fail("action", "is required") }
        let action: WLMRuleAction
        switch actionName.lowercased() {
        case "log": action = .log
        case "abort": action = .abort
        case "hop":
            guard mode == .manual else { throw object.fail("action", "\"hop\" applies to manual WLM only") }
            if predicates.contains(where: { $0.metric == .queryQueueTime }) {
                throw object.fail("action", "\"hop\" is not supported with query_queue_time")
            }
            action = .hop
        case "change_query_priority":
            guard mode == .automatic else { throw object.fail("action", "\"change_query_priority\" applies to automatic WLM only") }
            guard let text = try object.string("value") else {
                throw object.fail("value", "is required with change_query_priority (highest, high, normal, low, lowest)")
            }
            guard let priority = WLMPriority(rawValue: text.lowercased()), priority != .critical else {
                throw object.fail("value", "must be one of highest, high, normal, low, lowest")
            }
            action = .changePriority(priority)
        default:
            throw object.fail("action", "must be log, hop, abort or change_query_priority, not \"\(actionName)\"")
        }
        if object.has("value"), case .changePriority = action {} else if object.has("value") {
            throw object.fail("value", "is only allowed with change_query_priority")
        }
        return WLMRule(name: name, predicates: predicates, action: action)
    }

    private static func parsePredicate(_ object: WorkloadObject) throws -> WLMPredicate {
        try object.rejectUnknownKeys(allowed: predicateKeys)
        guard let metricName = try object.string("metric_name") else { throw object.fail("metric_name", "is required") }
        guard let metric = QMRMetric(configName: metricName) else {
            throw object.fail("metric_name", "\"\(metricName)\" is not a query monitoring metric")
        }
        guard let operatorText = try object.string("operator") else { throw object.fail("operator", "is required") }
        guard let op = WLMPredicate.Operator(rawValue: operatorText) else {
            throw object.fail("operator", "must be >, = or <, not \"\(operatorText)\"")
        }
        if metric == .queryPriority {
            guard let text = try object.string("value"), let priority = WLMPriority(rawValue: text.lowercased()) else {
                throw object.fail("value", "must be a priority (lowest, low, normal, high, highest) for query_priority")
            }
            return WLMPredicate(metric: metric, op: op, value: .priority(priority))
        }
        guard let number = try object.double("value") else { throw object.fail("value", "is required") }
        guard number >= 0, number.isFinite else { throw object.fail("value", "must be a number ≥ 0") }
        return WLMPredicate(metric: metric, op: op, value: .number(number))
    }
}

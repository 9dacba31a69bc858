import Foundation

/// `Codable`: decoding validates (errors are `WorkloadConfigError`s naming the key); encoding writes the
/// canonical `wlm_json_configuration` array, which parses back to an equal value.
extension WLMConfiguration: Codable {
    public init(from decoder: Decoder) throws {
        try self.init(parsing: WorkloadJSON(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try jsonValue.encode(to: encoder)
    }

    /// The configuration as Redshift's JSON array.
    public var jsonValue: WorkloadJSON {
        var elements = queues.map { queue -> WorkloadJSON in
            var fields: [String: WorkloadJSON] = [
                "name": .string(queue.name),
                "queue_type": .string(mode == .manual ? "manual" : "auto"),
                "user_group": .array(queue.userGroups.map(WorkloadJSON.string)),
                "user_group_wild_card": .number(queue.userGroupWildcard ? 1 : 0),
                "query_group": .array(queue.queryGroups.map(WorkloadJSON.string)),
                "query_group_wild_card": .number(queue.queryGroupWildcard ? 1 : 0),
                "concurrency_scaling": .string(queue.concurrencyScaling.rawValue),
            ]
            if mode == .manual {
                fields["query_concurrency"] = .number(Double(queue.concurrency ?? 5))
                if let memory = queue.memoryPercent { fields["memory_percent_to_use"] = .number(Double(memory)) }
                if queue.maxExecutionTimeMillis > 0 { fields["max_execution_time"] = .number(Double(queue.maxExecutionTimeMillis)) }
            } else {
                fields["auto_wlm"] = .bool(true)
                fields["priority"] = .string(queue.priority.rawValue)
            }
            if !queue.rules.isEmpty { fields["rules"] = .array(queue.rules.map(\.jsonValue)) }
            return .object(fields)
        }
        if let sqa = shortQueryAcceleration {
            var fields: [String: WorkloadJSON] = ["short_query_queue": .bool(true)]
            if sqa.maxExecutionTimeMillis > 0 { fields["max_execution_time"] = .number(Double(sqa.maxExecutionTimeMillis)) }
            elements.append(.object(fields))
        }
        return .array(elements)
    }
}

extension WLMRule {
    /// The rule object as it appears in `rules`.
    public var jsonValue: WorkloadJSON {
        var fields: [String: WorkloadJSON] = [
            "rule_name": .string(name),
            "action": .string(action.name),
            "predicate": .array(predicates.map { predicate in
                let value: WorkloadJSON
                switch predicate.value {
                case .number(let number): value = .number(number)
                case .priority(let priority): value = .string(priority.rawValue)
                }
                return .object(["metric_name": .string(predicate.metric.rawValue),
                                "operator": .string(predicate.op.rawValue), "value": value])
            }),
        ]
        if case .changePriority(let priority) = action { fields["value"] = .string(priority.rawValue) }
        return .object(fields)
    }
}

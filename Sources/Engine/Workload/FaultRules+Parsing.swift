import Foundation

/// Reading fault rules from JSON (or any `Decoder`, e.g. the YAML config file); errors name the rule and key.
extension FaultRuleSet: Decodable {
    static let ruleKeys: Set<String> = ["name", "operation", "sql_pattern", "user", "database", "query_group",
                                        "probability", "action", "error_code", "message", "latency_ms", "after_ms"]
    static let actionKeys: [String: Set<String>] = [
        "fail": ["error_code", "message"], "latency": ["latency_ms"], "abort": ["after_ms"], "throttle": [],
    ]

    public init(from decoder: Decoder) throws {
        try self.init(parsing: WorkloadJSON(from: decoder))
    }

    /// Parses `[rule, …]` or `{"faults": [rule, …]}`.
    public init(data: Data) throws {
        try self.init(parsing: WorkloadJSON.parse(data, what: "the fault rules"))
    }

    /// Validates a parsed tree.
    public init(parsing value: WorkloadJSON) throws {
        var items: [WorkloadJSON]
        switch value {
        case .array(let array): items = array
        case .object(let fields) where fields.keys.sorted() == ["faults"]:
            guard case .array(let array) = fields["faults"]! else { throw WorkloadConfigError("faults must be an array of rules") }
            items = array
        default: throw WorkloadConfigError("fault rules must be an array of rules, not \(value.typeName)")
        }
        var names = Set<String>()
        var rules: [FaultRule] = []
        for (index, item) in items.enumerated() {
            let rule = try Self.parseRule(item, index: index + 1)
            guard names.insert(rule.name).inserted else {
                throw WorkloadConfigError("fault rule \(index + 1): name \"\(rule.name)\" is used twice")
            }
            rules.append(rule)
        }
        items.removeAll()
        self.init(rules: rules)
    }

    private static func parseRule(_ item: WorkloadJSON, index: Int) throws -> FaultRule {
        var object = try WorkloadObject(item, place: "fault rule \(index)")
        let name = try object.string("name") ?? "fault_\(index)"
        if object.has("name") { object = try WorkloadObject(item, place: "fault rule \(index) (\"\(name)\")") }
        try object.rejectUnknownKeys(allowed: ruleKeys)
        var regex: NSRegularExpression?
        if let pattern = try object.string("sql_pattern") {
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                throw object.fail("sql_pattern", "is not a valid regular expression: \(pattern)")
            }
        }
        let probability = try object.double("probability") ?? 1
        guard probability > 0, probability <= 1 else { throw object.fail("probability", "must be greater than 0 and at most 1") }
        guard let action = try object.string("action") else { throw object.fail("action", "is required (fail, latency, abort or throttle)") }
        guard let allowed = actionKeys[action] else {
            throw object.fail("action", "must be fail, latency, abort or throttle, not \"\(action)\"")
        }
        for key in actionKeys.values.reduce(Set(), { $0.union($1) }).subtracting(allowed).sorted() where object.has(key) {
            throw object.fail(key, "does not apply to action \"\(action)\"")
        }
        let effect: FaultAction.Effect
        switch action {
        case "fail":
            guard let code = try object.string("error_code"), !code.isEmpty else {
                throw object.fail("error_code", "is required with action \"fail\" (an AWS exception name or a SQLSTATE)")
            }
            effect = .fail(FaultError(code: code, message: try object.string("message") ?? "injected fault"))
        case "latency":
            guard let millis = try object.int("latency_ms", in: 0...86_400_000) else { throw object.fail("latency_ms", "is required with action \"latency\"") }
            effect = .addLatency(millis: millis)
        case "abort":
            guard let millis = try object.int("after_ms", in: 0...86_400_000) else { throw object.fail("after_ms", "is required with action \"abort\"") }
            effect = .abort(afterMillis: millis)
        default:
            effect = .throttle
        }
        return FaultRule(name: name, operation: try object.string("operation"), user: try object.string("user"),
                         database: try object.string("database"), queryGroup: try object.string("query_group"),
                         sqlPattern: regex, probability: probability, effect: effect)
    }

    /// Loads a JSON file of fault rules; errors name the file, rule and key.
    public static func load(path: String) throws -> FaultRuleSet {
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkloadConfigError("cannot read fault rules \(path)") }
        do { return try FaultRuleSet(data: data) } catch let error as WorkloadConfigError {
            throw WorkloadConfigError("invalid fault rules \(path): \(error.message)")
        }
    }
}

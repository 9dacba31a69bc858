import Foundation

/// What a statement or call looks like to fault rules.
public struct FaultContext: Sendable, Equatable {
    /// The Data API operation, e.g. `ExecuteStatement` (without the `RedshiftData.` prefix).
    public var operation: String
    public var sql: String?
    public var user: String?
    public var database: String?
    public var queryGroup: String?

    public init(operation: String, sql: String? = nil, user: String? = nil, database: String? = nil, queryGroup: String? = nil) {
        self.operation = operation
        self.sql = sql
        self.user = user
        self.database = database
        self.queryGroup = queryGroup
    }
}

/// An error a fault rule injects. A code ending in `Exception` (`InternalServerException`) is returned as a
/// Data API error on the call; any other code is a SQLSTATE and the statement becomes FAILED with `message`.
public struct FaultError: Sendable, Equatable {
    public var code: String
    public var message: String
    public var isServiceError: Bool { code.hasSuffix("Exception") }
}

/// One injected effect, with the rule that asked for it.
public struct FaultAction: Sendable, Equatable {
    public enum Effect: Sendable, Equatable {
        /// Fail the call (service error) or the statement (SQL error).
        case fail(FaultError)
        /// Add this much latency before the statement finishes.
        case addLatency(millis: Int)
        /// Abort the statement (status ABORTED) this long after it starts.
        case abort(afterMillis: Int)
        /// Answer `ThrottlingException` ("Rate exceeded").
        case throttle
    }
    public var rule: String
    public var effect: Effect
}

/// One fault rule: every given matcher must match; then, with `probability`, the action applies.
public struct FaultRule: @unchecked Sendable, Equatable {        // NSRegularExpression is immutable and thread-safe
    public var name: String
    /// Shell wildcards (`*`, `?`, case-insensitive) for the operation, user, database and query group.
    public var operation: String?
    public var user: String?
    public var database: String?
    public var queryGroup: String?
    /// Searched anywhere in the SQL text; use `^…$` to anchor and `(?i)` to ignore case.
    public var sqlPattern: NSRegularExpression?
    /// 0 < p ≤ 1; 1 = always.
    public var probability: Double
    public var effect: FaultAction.Effect

    public static func == (lhs: FaultRule, rhs: FaultRule) -> Bool {
        lhs.name == rhs.name && lhs.operation == rhs.operation && lhs.user == rhs.user && lhs.database == rhs.database
            && lhs.queryGroup == rhs.queryGroup && lhs.sqlPattern?.pattern == rhs.sqlPattern?.pattern
            && lhs.probability == rhs.probability && lhs.effect == rhs.effect
    }

    /// Whether the matchers match (probability not applied).
    public func matches(_ context: FaultContext) -> Bool {
        func wild(_ pattern: String?, _ value: String?) -> Bool {
            guard let pattern else { return true }
            guard let value else { return false }
            return WLMWildcard.matches(pattern, value, wildcards: true)
        }
        guard wild(operation, context.operation), wild(user, context.user), wild(database, context.database),
              wild(queryGroup, context.queryGroup) else { return false }
        guard let regex = sqlPattern else { return true }
        guard let sql = context.sql else { return false }
        return regex.firstMatch(in: sql, range: NSRange(sql.startIndex..., in: sql)) != nil
    }
}

/// The fault-injection rules of the configuration: an immutable value, so a reload (SIGHUP or the admin
/// endpoint) builds a new set and swaps it in one assignment under the caller's lock.
///
/// For example (`faults` in the config file; YAML works too):
/// ```json
/// [{"name": "flaky_reports", "operation": "ExecuteStatement", "sql_pattern": "(?i)from\\s+reports",
///   "probability": 0.25, "action": "fail", "error_code": "XX000", "message": "simulated failure"},
///  {"user": "tenant_b", "action": "latency", "latency_ms": 800},
///  {"operation": "GetStatementResult", "action": "throttle"}]
/// ```
public struct FaultRuleSet: Sendable, Equatable {
    public var rules: [FaultRule]

    public init(rules: [FaultRule] = []) { self.rules = rules }

    public static let empty = FaultRuleSet()

    /// The actions of every matching rule, in rule order. A rule with probability < 1 draws one number
    /// from `random` (only when its matchers match), so the same seed and the same sequence of calls
    /// give the same faults. For per-statement determinism under concurrency, pass
    /// `SeededRandom(seed: seed, stream: statementId)`.
    public func match(_ context: FaultContext, random: inout some RandomNumberGenerator) -> [FaultAction] {
        var actions: [FaultAction] = []
        for rule in rules where rule.matches(context) {
            if rule.probability < 1 {
                let draw = Double(random.next() >> 11) * 0x1.0p-53
                guard draw < rule.probability else { continue }
            }
            actions.append(FaultAction(rule: rule.name, effect: rule.effect))
        }
        return actions
    }
}

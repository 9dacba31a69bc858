/// Who is asking, as queue assignment sees it: the user, their groups, superuser status and the
/// session's `query_group` (from `SET query_group TO '…'`; nil when unset).
public struct WLMRoutingContext: Sendable, Hashable {
    public var user: String
    public var groups: [String]
    public var isSuperuser: Bool
    public var queryGroup: String?

    public init(user: String, groups: [String] = [], isSuperuser: Bool = false, queryGroup: String? = nil) {
        self.user = user
        self.groups = groups
        self.isSuperuser = isSuperuser
        self.queryGroup = queryGroup
    }
}

/// Queue assignment: first match wins.
/// - Redshift: Database Developer Guide › WLM queue assignment rules (wlm.md §3.1, §3.3).
extension WLMConfiguration {
    /// The service class a new statement goes to.
    ///
    /// 1. A superuser whose query group is `superuser` → the superuser queue (5).
    /// 2. The first non-default queue, in configuration order, listing one of the user's groups or the
    ///    session's query group (shell wildcards `*`/`?`, case-insensitive, when the wild_card flag is 1).
    /// 3. Otherwise the default (last) queue.
    ///
    /// For example, with `[{"query_group":["report*"],"query_group_wild_card":1},{}]`, a session that ran
    /// `SET query_group TO 'Report_daily'` is routed to service class 6; anything else to 7.
    public func route(_ context: WLMRoutingContext) -> Int {
        if context.isSuperuser, context.queryGroup?.lowercased() == "superuser" { return Self.superuserServiceClass }
        return queues.first { !$0.isDefault && $0.matches(context) }?.serviceClass ?? defaultQueue.serviceClass
    }

    /// `route(_:)` spelled out.
    public func route(user: String, groups: [String], isSuperuser: Bool, queryGroup: String?) -> Int {
        route(WLMRoutingContext(user: user, groups: groups, isSuperuser: isSuperuser, queryGroup: queryGroup))
    }

    /// Where a hopped query goes (manual WLM): the next queue AFTER `serviceClass`, in configuration
    /// order, whose groups match; nil when none does. A hop never falls back to the default queue
    /// (wlm.md §3.3), so a query with no other matching queue is cancelled.
    public func hopTarget(from serviceClass: Int, context: WLMRoutingContext) -> Int? {
        guard mode == .manual, let index = queues.firstIndex(where: { $0.serviceClass == serviceClass }) else { return nil }
        return queues[(index + 1)...].first { !$0.isDefault && $0.matches(context) }?.serviceClass
    }
}

extension WLMQueue {
    /// Whether one of the user's groups or the session's query group is listed by this queue.
    public func matches(_ context: WLMRoutingContext) -> Bool {
        let userMatch = userGroups.contains { pattern in
            context.groups.contains { WLMWildcard.matches(pattern, $0, wildcards: userGroupWildcard) }
        }
        if userMatch { return true }
        guard let label = context.queryGroup else { return false }
        return queryGroups.contains { WLMWildcard.matches($0, label, wildcards: queryGroupWildcard) }
    }
}

/// WLM's group matching: exact without wildcards; Unix-shell `*` and `?`, case-insensitive, with them.
/// - Redshift: `dba_*` matches `DBA_primary`; `dba?1` matches `dba11` and `dba21` but not `dba12`.
public enum WLMWildcard {
    public static func matches(_ pattern: String, _ name: String, wildcards: Bool) -> Bool {
        guard wildcards else { return pattern == name }
        return glob(Array(pattern.lowercased()), Array(name.lowercased()))
    }

    /// Iterative glob with single-star backtracking: linear in practice, no recursion.
    static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1; t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

import Testing
@testable import Engine

/// Queue assignment (wlm.md §3.1): superuser queue, first matching queue in order, default queue.
@Suite struct WorkloadRoutingTests {
    /// Queue 1 (6): query groups report* (wildcards); queue 2 (7): user groups admin, dba;
    /// queue 3 (8): query group QG_B; queue 4 (9): user groups dba?1 (wildcards); default (10).
    static let wlm = try! WLMConfiguration(json: """
    [{"query_group": ["report*"], "query_group_wild_card": 1},
     {"user_group": ["admin", "dba"]},
     {"query_group": ["QG_B"]},
     {"user_group": ["dba?1", "analyst"], "user_group_wild_card": 1},
     {}]
    """)

    struct Case: Sendable, CustomStringConvertible {
        let groups: [String]
        let superuser: Bool
        let queryGroup: String?
        let expected: Int
        var description: String { "\(groups) su=\(superuser) qg=\(queryGroup ?? "unset") → \(expected)" }
        init(_ groups: [String], _ superuser: Bool, _ queryGroup: String?, _ expected: Int) {
            self.groups = groups; self.superuser = superuser; self.queryGroup = queryGroup; self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case([], true, "superuser", 5),                 // superuser + query group superuser
        Case([], false, "superuser", 10),               // not a superuser: label has no effect
        Case(["admin"], true, nil, 7),                  // superuser without the label: normal rules
        Case([], false, "report", 6),
        Case([], false, "Report_daily", 6),             // wildcards are case-insensitive
        Case([], false, "reporting", 6),
        Case([], false, "daily_report", 10),
        Case(["dba"], false, nil, 7),
        Case(["DBA"], false, nil, 10),                  // exact match without wildcards
        Case(["analyst"], false, "QG_B", 8),            // docs example: query group QG_B wins (queue 3 before 4)
        Case(["analyst"], false, nil, 9),
        Case(["dba11"], false, nil, 9),                 // dba?1 matches dba11 and dba21 …
        Case(["dba21"], false, nil, 9),
        Case(["dba12"], false, nil, 10),                // … but not dba12
        Case(["admin"], false, "report", 6),            // first matching queue in order wins
        Case(["nobody"], false, "qg_b", 10),            // exact query-group match is case-sensitive
        Case([], false, nil, 10),
    ]

    @Test(arguments: cases)
    func routes(_ c: Case) {
        #expect(Self.wlm.route(user: "u", groups: c.groups, isSuperuser: c.superuser, queryGroup: c.queryGroup) == c.expected)
    }

    @Test func automaticQueuesNumberFrom100() throws {
        let wlm = try WLMConfiguration(json: WorkloadConfigurationTests.automaticExample)
        #expect(wlm.route(user: "u", groups: ["ingest"], isSuperuser: false, queryGroup: nil) == 100)
        #expect(wlm.route(user: "u", groups: ["reporting"], isSuperuser: false, queryGroup: nil) == 101)
        #expect(wlm.route(user: "u", groups: ["other"], isSuperuser: false, queryGroup: nil) == 102)
    }

    @Test func hopTargetIsTheNextMatchingQueueNeverTheDefault() {
        let analyst = WLMRoutingContext(user: "a", groups: ["analyst"], queryGroup: "QG_B")
        #expect(Self.wlm.hopTarget(from: 8, context: analyst) == 9)
        #expect(Self.wlm.hopTarget(from: 9, context: analyst) == nil)
        #expect(Self.wlm.hopTarget(from: 10, context: analyst) == nil)
    }

    @Test(arguments: [("a*b?c", "AxxbYc", true), ("*", "", true), ("?", "", false), ("a*", "b", false),
                      ("*x*y", "axbxy", true), ("dba_*", "DBA_primary", true)])
    func wildcards(pattern: String, name: String, expected: Bool) {
        #expect(WLMWildcard.matches(pattern, name, wildcards: true) == expected)
    }
}

import Foundation
import RedshiftSQL

/// Rows of the query logs.
extension SystemTableView {
    /// The Redshift build SYS_QUERY_HISTORY reports (the one VERSION() names).
    static let redshiftVersion = "1.0.77467"
    /// STV_RECENTS keeps this many finished statements.
    static let recentCount = 100

    /// - Redshift: r_STL_QUERY: label `default` when no query group is set; starttime to endtime
    ///   covers queueing and execution.
    func stlQuery() -> [[SQLiteValue]] {
        entries().filter { $0.queryType.isQuery }.map { entry in
            [SystemValue.int(entry.userId), .integer(entry.queryId), SystemValue.prefix(entry.label ?? "default", 320),
             .integer(entry.xid), .integer(entry.pid), SystemValue.prefix(entry.database, 32),
             SystemValue.prefix(entry.sql, 4000), SystemValue.timestamp(entry.submitted), SystemValue.timestamp(entry.end),
             SystemValue.bool(entry.aborted), .integer(0), .integer(0)]
        }
    }

    /// - Redshift: r_STL_QUERYTEXT: 200-character pieces, `sequence` from 0.
    func stlQueryText() -> [[SQLiteValue]] {
        entries().filter { $0.queryType.isQuery }.flatMap { entry in
            Self.chunks(entry.sql).enumerated().map { sequence, text in
                [SystemValue.int(entry.userId), .integer(entry.xid), .integer(entry.pid), .integer(entry.queryId),
                 SystemValue.int(sequence), .text(text)]
            }
        }
    }

    /// - Redshift: r_SVL_QLOG: `source_query` names the query whose cached result was reused.
    func svlQLog() -> [[SQLiteValue]] {
        entries().filter { $0.queryType.isQuery }.map { entry in
            [SystemValue.int(entry.userId), .integer(entry.queryId), .integer(entry.xid), .integer(entry.pid),
             SystemValue.timestamp(entry.submitted), SystemValue.timestamp(entry.end), .integer(entry.elapsedMicros),
             SystemValue.bool(entry.aborted), SystemValue.prefix(entry.label ?? "default", 320), SystemValue.prefix(entry.sql, 60),
             entry.sourceQuery.map { .integer($0) } ?? .null, .text("0 - Ran on the main cluster"), .null]
        }
    }

    /// - Redshift: r_STV_RECENTS: statements running now, then the latest finished ones (`Done`, pid -1).
    func stvRecents() -> [[SQLiteValue]] {
        let now = service.clock.now()
        var rows: [[SQLiteValue]] = running().map { query in
            let start = query.started ?? query.submitted
            return [SystemValue.int(userId(query.user)), .text("Running"), SystemValue.timestamp(start),
                    .integer(max(0, Int64(now.timeIntervalSince(start) * 1e6))), SystemValue.prefix(query.user, 50),
                    SystemValue.prefix(query.database, 50), SystemValue.prefix(query.sql, 600), .integer(query.pid)]
        }
        for entry in entries().suffix(Self.recentCount) {
            rows.append([SystemValue.int(entry.userId), .text("Done"), SystemValue.timestamp(entry.submitted),
                         .integer(entry.elapsedMicros), SystemValue.prefix(entry.user, 50), SystemValue.prefix(entry.database, 50),
                         SystemValue.prefix(entry.sql, 600), .integer(-1)])
        }
        return rows
    }

    /// - Redshift: r_STV_INFLIGHT: statements executing now (not the queued ones); label empty when
    ///   no query group is set.
    func stvInflight() -> [[SQLiteValue]] {
        let xids = history.runningTransactions()
        return running().filter { $0.started != nil && !$0.isQueued }.map { query in
            [SystemValue.int(userId(query.user)), .integer(0), .integer(query.queryId), SystemValue.prefix(query.label ?? "", 320),
             .integer(xids[query.statementId] ?? 0), .integer(query.pid), SystemValue.timestamp(query.started ?? query.submitted),
             SystemValue.prefix(query.sql, 100), .integer(0), .integer(0), .integer(0)]
        }
    }

    /// - Redshift: SYS_QUERY_HISTORY: elapsed_time = queue_time + planning_time + execution_time (µs);
    ///   running statements have status `queued` or `running` and no end_time.
    func sysQueryHistory() -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = entries().map { entry in
            let execution = max(0, entry.executionMicros - entry.planningMicros)
            return [SystemValue.int(entry.userId), .integer(entry.queryId), SystemValue.prefix(entry.label ?? "", 320),
                    .integer(entry.xid), .integer(entry.pid), SystemValue.prefix(entry.database, 128),
                    .text(entry.queryType.rawValue), .text(entry.status), SystemValue.bool(entry.resultCacheHit),
                    SystemValue.timestamp(entry.submitted), SystemValue.timestamp(entry.end), .integer(entry.elapsedMicros),
                    .integer(entry.queueMicros), .integer(execution), SystemValue.text(entry.error.map { String($0.prefix(512)) }),
                    .integer(entry.returnedRows), .integer(entry.returnedBytes), SystemValue.prefix(entry.sql, 4000),
                    .text(Self.redshiftVersion), .null, .text("primary"), .integer(entry.compileMicros),
                    .integer(entry.planningMicros), .integer(0), SystemValue.int(entry.serviceClass),
                    .text(entry.serviceClassName), .text(entry.queryPriority),
                    .text(entry.serviceClass == WLMConfiguration.shortQueryServiceClass ? "true" : "false"),
                    entry.sourceQuery.map { .integer($0) } ?? .null]
        }
        let now = service.clock.now()
        let xids = history.runningTransactions()
        for query in running() {
            let elapsed = max(0, Int64(now.timeIntervalSince(query.submitted) * 1e6))
            let execution = query.started.map { max(0, Int64(now.timeIntervalSince($0) * 1e6)) } ?? 0
            let sql = query.sql
            rows.append([SystemValue.int(userId(query.user)), .integer(query.queryId), SystemValue.prefix(query.label ?? "", 320),
                         .integer(xids[query.statementId] ?? 0), .integer(query.pid), SystemValue.prefix(query.database, 128),
                         .text(QueryType(query.statement).rawValue), .text(query.isQueued ? "queued" : "running"), SystemValue.bool(false),
                         SystemValue.timestamp(query.submitted), .null, .integer(elapsed), .integer(max(0, elapsed - execution)),
                         .integer(execution), .null, .integer(0), .integer(0), SystemValue.prefix(sql, 4000),
                         .text(Self.redshiftVersion), .null, .text("primary"), .integer(0), .integer(0), .integer(0), .null, .null,
                         .null, .text("false"), .null])
        }
        return rows
    }

    /// - Redshift: r_SVV_RLS_APPLIED_POLICY: one row per policy applied to a relation a query read;
    ///   the default deny gives polname NULL and poldefault `f`. command: s select, u update,
    ///   d delete, i insert, y utility (CTAS), k unknown (MERGE: unverified).
    func rlsAppliedPolicy() -> [[SQLiteValue]] {
        history.entries(on: target).flatMap { entry in
            entry.appliedPolicies.map { applied -> [SQLiteValue] in
                let command: String
                switch entry.queryType {
                case .select, .unload: command = "s"
                case .update: command = "u"
                case .delete: command = "d"
                case .insert, .copy: command = "i"
                case .ctas, .ddl, .utility: command = "y"
                case .merge, .other: command = "k"
                }
                return [.text(entry.user), .integer(entry.queryId), .integer(entry.xid), .integer(entry.pid), SystemValue.timestamp(entry.end),
                        .text(command), .text(entry.database), .text(applied.schema), .text(applied.relation),
                        SystemValue.text(applied.policy), applied.policy == nil ? .text("f") : .null]
            }
        }
    }

    /// - Redshift: SYS_QUERY_DETAIL: the emulator has no plan steps to report; each finished query
    ///   gets one `return` step (segment 0, step 0) spanning its execution, with the rows returned.
    func sysQueryDetail() -> [[SQLiteValue]] {
        entries().filter { $0.queryType.isQuery }.map { entry in
            [SystemValue.int(entry.userId), .integer(entry.queryId), .integer(1), .integer(0), .integer(0), .integer(0),
             .text("return"), .null, .null, .text("f"), SystemValue.timestamp(entry.queueEnd), SystemValue.timestamp(entry.end),
             .integer(entry.executionMicros), .text(""), .integer(entry.returnedBytes), .integer(entry.returnedRows),
             .integer(entry.returnedBytes), .integer(entry.returnedRows), .integer(0), .text("step")]
        }
    }
}

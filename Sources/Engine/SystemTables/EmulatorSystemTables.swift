import Foundation
import RedshiftSQL

/// The engine tables of one cluster/workgroup, filled from the emulator's own activity: the query
/// log (`WorkloadGate.history`), the statements in flight and the live WLM scheduler.
///
/// Visibility follows each table's page: superusers see every row; other users only their own
/// (STL_QUERY, STV_WLM_QUERY_STATE, SYS_QUERY_HISTORY …), and nothing of the superuser-only
/// STV_WLM_SERVICE_CLASS_CONFIG / STV_WLM_SERVICE_CLASS_STATE (c_visibility-of-data).
struct EmulatorSystemTables: SystemTableSource, Sendable {
    let service: RedshiftEngine
    let target: Target

    func rows(of relation: SystemRelation, for identity: StatementIdentity) -> [[SQLiteValue]] {
        let view = SystemTableView(service: service, target: target, identity: identity)
        switch relation.name {
        case "stv_wlm_query_state": return view.wlmQueryState()
        case "stv_wlm_query_queue_state": return view.wlmQueryQueueState()
        case "stv_wlm_service_class_config": return identity.isSuperuser ? view.serviceClassConfig() : []
        case "stv_wlm_service_class_state": return identity.isSuperuser ? view.serviceClassState() : []
        case "stl_wlm_query": return view.wlmQuery()
        case "stl_wlm_rule_action": return view.ruleActions()
        case "stl_query": return view.stlQuery()
        case "stl_querytext": return view.stlQueryText()
        case "svl_qlog": return view.svlQLog()
        case "stv_recents": return view.stvRecents()
        case "stv_inflight": return view.stvInflight()
        case "sys_query_history": return view.sysQueryHistory()
        case "sys_query_detail": return view.sysQueryDetail()
        case "svv_rls_applied_policy": return view.rlsAppliedPolicy()  // rows gated by the Analyzer (maySeeRows)
        case "stv_sessions", "stl_sessions", "sys_session_history", "stl_connection_log": return view.sessionRows(of: relation.name)
        case "stl_unload_log": return view.stlUnloadLog()
        case "sys_unload_history": return view.sysUnloadHistory()
        case "sys_unload_detail": return view.sysUnloadDetail()
        case "stl_load_errors", "sys_load_error_detail", "stl_load_commits", "sys_load_history": return view.loadRows(of: relation.name)
        case "svl_s3query_summary", "svl_s3partition_summary", "sys_external_query_detail": return view.spectrumRows(of: relation.name)
        default: return []
        }
    }
}

/// A statement that has not ended yet, as STV_INFLIGHT, STV_RECENTS and SYS_QUERY_HISTORY show it.
struct RunningQuery {
    var statementId: String
    /// The statement WLM tracks (the batch for a sub-statement).
    var wlmId: String
    var queryId: Int64
    var pid: Int64
    var user: String
    var database: String
    var statement: ParsedStatement
    /// The text the system tables show (secrets masked).
    var sql: String { statement.logText }
    var submitted: Date
    var started: Date?
    var label: String?
    var isQueued: Bool
}

/// The data one statement's system tables are built from, read once per relation.
struct SystemTableView {
    let service: RedshiftEngine
    let target: Target
    let identity: StatementIdentity

    var history: QueryHistory { service.workload.history }
    var configuration: WLMConfiguration { service.workload.displayedConfiguration }

    func visible(_ user: String) -> Bool { identity.isSuperuser || user == identity.user }

    /// Finished statements this user may see, oldest first.
    func entries() -> [QueryLogEntry] { history.entries(on: target).filter { visible($0.user) } }

    func userId(_ user: String) -> Int {
        history.userId(database: identity.database, user: user, isSuperuser: service.isSuperuser(user))
    }

    /// Statements not ended yet on this target, visible to this user, in submission order.
    func running() -> [RunningQuery] {
        let records = service.statements.state.withLock { state in
            state.inFlight.filter { $0.context.target == target && !$0.isTerminal }.compactMap { record -> RunningQuery? in
                let current = record.isBatch ? record.subStatements.first { $0.status == .started } ?? record : record
                return RunningQuery(statementId: current.id, wlmId: record.id, queryId: current.redshiftQueryId,
                                    pid: record.redshiftPid, user: record.context.dbUser, database: record.context.database,
                                    statement: current.parsed ?? record.subStatements.first?.statement ?? current.statement,
                                    submitted: record.createdAt, started: current.startedAt,
                                    label: current.runningOn?.queryGroup,
                                    isQueued: record.status == .submitted || record.status == .picked)
            }
        }
        return records.filter { visible($0.user) }
    }

    /// The text split in 200-character pieces (STL_QUERYTEXT, sequence from 0).
    static func chunks(_ text: String, size: Int = 200) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces.isEmpty ? [""] : pieces
    }
}

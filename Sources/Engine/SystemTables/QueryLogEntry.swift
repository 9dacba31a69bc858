import Foundation
import RedshiftSQL

/// One statement that ended, as the query logs show it (STL_QUERY, SVL_QLOG, STL_WLM_QUERY's last
/// attempt, SYS_QUERY_HISTORY …).
///
/// Its times come from the statement's own timeline: `submitted` is DescribeStatement's CreatedAt,
/// `elapsedMicros` its Duration, so queue time + execution time = Duration exactly.
struct QueryLogEntry: Sendable {
    var statementId: String
    var target: Target
    /// The statement's RedshiftQueryId.
    var queryId: Int64
    var xid: Int64
    var pid: Int64
    var userId: Int
    var user: String
    var database: String
    /// `SET query_group` when it ran; nil when unset.
    var label: String?
    var sql: String
    var queryType: QueryType
    var submitted: Date
    /// Waiting for a WLM slot (all attempts).
    var queueMicros: Int64
    /// Duration: submission to end.
    var elapsedMicros: Int64
    var planningMicros: Int64 = 0
    var compileMicros: Int64 = 0
    /// `success`, `failed` or `canceled` (SYS_QUERY_HISTORY.status).
    var status: String
    var error: String?
    var returnedRows: Int64
    var returnedBytes: Int64
    var serviceClass: Int
    var serviceClassName: String
    var slots: Int
    var queryPriority: String
    var resultCacheHit = false
    /// For a result-cache hit: the query whose result was reused.
    var sourceQuery: Int64?
    /// When the last WLM attempt entered its queue (after a hop, the new queue), µs after `submitted`,
    /// and how long it waited there; without hops 0 and `queueMicros`.
    var lastAttemptOffsetMicros: Int64 = 0
    var lastAttemptQueueMicros: Int64?
    /// RLS policies the statement's rewrite applied (SVV_RLS_APPLIED_POLICY).
    var appliedPolicies: [AppliedPolicy] = []

    var aborted: Bool { status != "success" }
    var executionMicros: Int64 { max(0, elapsedMicros - queueMicros) }
    var queueEnd: Date { submitted.addingTimeInterval(Double(queueMicros) / 1e6) }
    var end: Date { submitted.addingTimeInterval(Double(elapsedMicros) / 1e6) }
}

/// SYS_QUERY_HISTORY.query_type, from the statement's first words; STL_QUERY shows `isQuery` types only.
/// - Redshift: SYS_QUERY_HISTORY (SELECT, INSERT, UPDATE, UNLOAD, COPY, COMMAND, DDL, UTILITY, CTAS,
///   OTHER); DELETE and MERGE are spelled like the others (unverified). r_STL_QUERY: DDL and utility
///   statements are not in STL_QUERY.
enum QueryType: String, Sendable {
    case select = "SELECT", insert = "INSERT", update = "UPDATE", delete = "DELETE", merge = "MERGE"
    case copy = "COPY", unload = "UNLOAD", ctas = "CTAS", ddl = "DDL", utility = "UTILITY", other = "OTHER"

    var isQuery: Bool {
        switch self {
        case .select, .insert, .update, .delete, .merge, .copy, .unload, .ctas: return true
        case .ddl, .utility, .other: return false
        }
    }

    /// The type of a parsed statement: its class, and for DML its verb.
    init(_ statement: ParsedStatement) {
        switch statement.statementClass {
        case .query: self = .select
        case .createTableAs: self = .ctas
        case .copy: self = .copy
        case .unload: self = .unload
        case .ddl: self = .ddl
        case .transaction, .setting, .maintenance, .utility: self = .utility
        case .dml:
            // The verb of the DML: the first of these words (after any WITH clause).
            let words = statement.fingerprint.split(separator: " ")
            let verb = words.first { ["insert", "update", "delete", "merge"].contains($0) }
            self = verb.flatMap { QueryType(rawValue: $0.uppercased()) } ?? .other
        }
    }
}

/// One STL_WLM_RULE_ACTION row.
struct RuleActionEntry: Sendable {
    var target: Target
    var queryId: Int64
    var user: String
    var userId: Int
    var serviceClass: Int
    var serviceClassName: String
    var rule: String
    /// `log`, `hop(reassign)`, `hop(restart)`, `abort`, `change_query_priority` or `none`.
    var action: String
    var actionValue: String
    var recorded: Date
}

/// An STL_WLM_QUERY row of an attempt that ended by a hop (final_state `Evicted`).
struct EvictedAttempt: Sendable {
    var target: Target
    var statementId: String
    /// The query id of this attempt (a restart gives the next attempt a new one).
    var queryId: Int64
    var serviceClass: Int
    var serviceClassName: String
    var slots: Int
    var queueStart: Date
    var queueEnd: Date
    var execEnd: Date
    var queryPriority: String
}

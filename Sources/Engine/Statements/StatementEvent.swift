import Foundation
import RedshiftSQL

/// A statement that reached a terminal state, as recordings (`serve --record`) and system tables
/// see it. Batches produce one event per sub-statement.
public struct StatementEvent: Sendable, Equatable {
    public var statementId: String
    /// The batch's id for a sub-statement.
    public var batchId: String?
    public var sessionId: String?
    /// `cluster` or `workgroup`, and its name.
    public var targetKind: String
    public var targetName: String
    public var database: String
    public var dbUser: String
    /// The caller's access key id.
    public var accessKeyId: String
    public var sql: String
    public var parameters: [String: String]
    public var statementName: String?
    /// The session's `query_group` setting when the statement ran, if any.
    public var queryGroup: String?
    public var submittedAt: Date
    public var startedAt: Date?
    public var endedAt: Date
    /// FINISHED, FAILED or ABORTED.
    public var status: String
    public var error: String?
    public var resultRows: Int64
    public var resultBytes: Int64
    public var redshiftQueryId: Int64
    public var redshiftPid: Int64
    /// The rows of a FINISHED statement with a result set, for sinks that fingerprint results
    /// (`serve --record`); nil otherwise.
    public var result: StatementResultRows? = nil
    /// The door it came through.
    public var door: StatementDoor = .dataAPI
    /// What kind of statement it is (a query, DML, COPY, UNLOAD…).
    public var statementClass: StatementClass = .utility
    /// The WLM queue (service class name) it ran in, when it reached one.
    public var queue: String? = nil
    /// Microseconds it waited in its WLM queue.
    public var queueWaitMicros: Int64 = 0
    /// The SQLite statements it became and the policies that applied (FINISHED statements).
    public var translation = TranslationSummary()
}

/// What a statement's translation became: its SQLite statements, and the RLS and masking policies
/// that decided what its user saw.
public struct TranslationSummary: Sendable, Equatable {
    public var sqliteSQL: [String] = []
    /// `schema.relation` and the RLS policy applied to it (nil: no policy admits the user — the default deny).
    public var rowLevelSecurity: [AppliedPolicy] = []
    public var masking: [AppliedMasking] = []

    public init() {}

    init(_ translation: Translation) {
        sqliteSQL = translation.steps.map(\.sql)
        rowLevelSecurity = translation.appliedPolicies
        masking = translation.appliedMasking
    }
}

/// The door a statement came through: metrics and logs label statements with it.
public enum StatementDoor: String, Sendable, Equatable, CaseIterable {
    case dataAPI = "data-api"
    case postgresql
    /// The web console's SQL editor.
    case console
}

/// Receives every finished statement. Called off the statement's path; must not block for long.
public protocol StatementEventSink: Sendable {
    func statementEnded(_ event: StatementEvent)
    /// A cluster-endpoint connection's session opened or closed (default: ignored).
    func connectionChanged(_ event: ConnectionEvent)
}

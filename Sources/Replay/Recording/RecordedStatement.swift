import Foundation

/// One statement of a recording (one line, `"kind":"statement"`). A batch gives one per
/// sub-statement, sharing `batchId`.
///
/// Latency is `endedAt - submittedAt` (submission to a terminal status, as the server reports it).
/// Fields a source does not know are absent: an activity log knows neither end time nor status.
public struct RecordedStatement: Codable, Sendable, Equatable {
    /// Stable across runs for the same input: the statement id for `serve`/`proxy`, the session
    /// and sequence number for imports. `replay` keeps the baseline's id, so `compare` pairs by it.
    public var eventId: String
    /// Session (connection) the statement ran in. Statements of one session run in order.
    public var sessionId: String
    /// 1-based position within the session.
    public var sequence: Int
    public var user: String
    public var database: String
    public var clusterIdentifier: String?
    public var workgroupName: String?
    /// The caller's access key id (serve, proxy).
    public var accessKeyId: String?
    /// `SET query_group` / `query_label`, when known.
    public var queryGroup: String?
    /// The transaction: `xid` from logs, `transaction_id` from SYS views, the batch id for a
    /// BatchExecuteStatement run as one transaction.
    public var transactionId: String?
    /// The batch a sub-statement belongs to, and its 1-based position there.
    public var batchId: String?
    public var batchIndex: Int?
    public var statementName: String?
    public var sql: String
    /// Named parameters in the Data API's form (`:name` in `sql`).
    public var parameters: [RecordedParameter]?
    public var submittedAt: RecordingTime
    public var startedAt: RecordingTime?
    public var endedAt: RecordingTime?
    /// Duration as the server reported it (DescribeStatement `Duration`, `elapsed_time`), µs.
    public var durationMicros: Int64?
    /// FINISHED, FAILED or ABORTED; absent when the source does not know the outcome.
    public var status: String?
    /// Redshift's error text (`ERROR: …`) of a FAILED statement.
    public var error: String?
    /// The AWS exception when the call itself was refused (e.g. `ValidationException`).
    public var errorCode: String?
    public var resultRows: Int64?
    public var resultBytes: Int64?
    /// Optional hash of the typed result rows, for result comparisons.
    public var resultFingerprint: String?
    public var redshiftQueryId: Int64?
    /// Redshift process id (the log's `pid`, DescribeStatement's `RedshiftPid`).
    public var redshiftPid: Int64?
    /// `replay` only (since format 1.2): start-time drift of the call that sent the statement,
    /// actual send minus due time, µs.
    public var driftMicros: Int64?

    public init(eventId: String, sessionId: String, sequence: Int, user: String, database: String, sql: String,
                submittedAt: RecordingTime) {
        self.eventId = eventId
        self.sessionId = sessionId
        self.sequence = sequence
        self.user = user
        self.database = database
        self.sql = sql
        self.submittedAt = submittedAt
    }

    /// Microseconds from submission to end, when the end is known.
    public var latencyMicros: Int64? {
        endedAt.map { $0.microsecondsSinceEpoch - submittedAt.microsecondsSinceEpoch }
    }
}

/// A named parameter, as in the Data API's `SqlParameter`.
public struct RecordedParameter: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A session (connection) with its lifetime: from the connection log, or implied by a recording.
public struct RecordedSession: Codable, Sendable, Equatable {
    public var sessionId: String
    public var user: String
    public var database: String
    public var startedAt: RecordingTime?
    public var endedAt: RecordingTime?
    public var redshiftPid: Int64?
    public var applicationName: String?
    public var remoteHost: String?
    public var authMethod: String?
    /// Since 1.3 (`serve --record`, a cluster-endpoint connection): `connect` on the line written
    /// when the connection opened (no `endedAt`), `disconnect` on the one written when it closed.
    /// A later line of the same `sessionId` completes an earlier one (``merging(_:)``).
    public var event: String?
    /// Since 1.3: the target the connection was made to.
    public var clusterIdentifier: String?
    public var workgroupName: String?

    public init(sessionId: String, user: String, database: String) {
        self.sessionId = sessionId
        self.user = user
        self.database = database
    }

    /// This session completed by a later line of the same session (its known fields win).
    public func merging(_ later: RecordedSession) -> RecordedSession {
        var merged = later
        merged.startedAt = later.startedAt ?? startedAt
        merged.endedAt = later.endedAt ?? endedAt
        merged.redshiftPid = later.redshiftPid ?? redshiftPid
        merged.applicationName = later.applicationName ?? applicationName
        merged.remoteHost = later.remoteHost ?? remoteHost
        merged.authMethod = later.authMethod ?? authMethod
        merged.clusterIdentifier = later.clusterIdentifier ?? clusterIdentifier
        merged.workgroupName = later.workgroupName ?? workgroupName
        return merged
    }
}

/// A change to a database user (one line, `"kind":"user"`): a CREATE, ALTER, DROP or RENAME USER
/// from Redshift's user log (`STL_USERLOG` / `SYS_USERLOG` fields). Replays can use these lines to
/// seed the emulator's users, since replayed sessions run as their original users.
public struct RecordedUserEvent: Codable, Sendable, Equatable {
    /// When the change was logged.
    public var time: RecordingTime
    /// Redshift's user id (`userid`).
    public var userId: Int64
    /// The user's name after the change (`username`).
    public var user: String
    /// The name before a rename (`oldusername`); absent for other actions.
    public var oldUser: String?
    /// `create`, `alter`, `drop` or `rename`.
    public var action: String
    /// The user's privileges after the change: CREATEDB, superuser, update system catalogs.
    public var createdb: Bool
    public var superuser: Bool
    public var catupdate: Bool
    /// Password expiry (`valuntil`); absent when none (or `infinity`).
    public var validUntil: RecordingTime?
    /// Process (session) and transaction of the statement that made the change.
    public var pid: Int64?
    public var xid: Int64?

    public init(time: RecordingTime, userId: Int64, user: String, action: String, createdb: Bool = false,
                superuser: Bool = false, catupdate: Bool = false) {
        self.time = time
        self.userId = userId
        self.user = user
        self.action = action
        self.createdb = createdb
        self.superuser = superuser
        self.catupdate = catupdate
    }
}

/// One line after the header.
public enum RecordingLine: Sendable, Equatable {
    case statement(RecordedStatement)
    case session(RecordedSession)
    /// Since format 1.1.
    case user(RecordedUserEvent)
}

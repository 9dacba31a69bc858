import Foundation

/// A statement as it is at one instant: what DescribeStatement, ListStatements and the console
/// report. A value: reading it takes no lock.
public struct StatementSnapshot: Sendable {
    public var id: String
    public var context: StatementContext
    public var createdAt: Date
    public var updatedAt: Date
    public var status: StatementStatus
    /// The SQL as submitted (nil on a batch parent).
    public var queryString: String?
    /// The batch's SQLs (batch parent only).
    public var queryStrings: [String]?
    public var parameters: [StatementParameter]?
    public var statementName: String?
    public var resultFormat: ResultFormat
    /// A batch's mode (batch parent only).
    public var batchMode: BatchMode?
    public var error: String?
    /// The error's SQLSTATE (`42P01`) when the statement failed running; nil otherwise.
    public var errorCode: String?
    /// The error's 1-based character position in the SQL, when known.
    public var errorPosition: Int?
    public var redshiftPid: Int64
    public var redshiftQueryId: Int64
    public var redshiftQueryUuid: String?
    public var hasResultSet: Bool
    /// -1 until known.
    public var resultRows: Int64
    public var resultSize: Int64
    /// Nanoseconds from submission to the end; -1 until it ended.
    public var durationNanos: Int64
    /// Submission order: newest statements have the highest.
    public var sequence: Int64
    public var subStatements: [StatementSnapshot]
    /// RAISE INFO/NOTICE/… a procedure it called sent, in order (the PG door's NoticeResponses).
    public var notices: [StatementNotice] = []
    /// The door it came through.
    public var door: StatementDoor = .dataAPI

    public var isBatch: Bool { queryStrings != nil }
}

extension StatementRecord {
    /// The record's snapshot. Read under the store's lock.
    var snapshot: StatementSnapshot {
        var snapshot = summary
        snapshot.subStatements = subStatements.map(\.snapshot)
        snapshot.notices = notices
        return snapshot
    }

    /// The snapshot without its sub-statements: what a listing filters on.
    var summary: StatementSnapshot {
        StatementSnapshot(id: id, context: context, createdAt: createdAt, updatedAt: updatedAt, status: status,
                          queryString: queryString, queryStrings: queryStrings, parameters: parameters,
                          statementName: statementName, resultFormat: resultFormat, batchMode: batchMode, error: error,
                          errorCode: errorCode, errorPosition: errorPosition,
                          redshiftPid: redshiftPid, redshiftQueryId: redshiftQueryId,
                          redshiftQueryUuid: redshiftQueryUuid, hasResultSet: hasResultSet, resultRows: resultRows,
                          resultSize: resultSize, durationNanos: durationNanos, sequence: sequence,
                          subStatements: [], door: door)
    }
}

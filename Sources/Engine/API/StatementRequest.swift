import Foundation
import RedshiftSQL

/// A statement (or a batch) a door submits: what to run, where, as whom.
public struct StatementRequest: Sendable {
    /// Where it runs.
    public enum Placement: Sendable {
        /// In an open session (it carries its target, database and user).
        /// `database`, when given, must be the session's; `keepAliveSeconds` > 0 renews its keep-alive.
        case session(id: String, database: String?, keepAliveSeconds: Int?)
        /// In a new Redshift session: kept open `keepAliveSeconds` when > 0 (a Data API session),
        /// else ended with the statement.
        case new(target: Target, database: String, user: String, keepAliveSeconds: Int?)
    }

    /// The statements, parsed once by the door (`Translator.parse`): one, or a batch's.
    public var statements: [ParsedStatement]
    public var isBatch: Bool
    public var placement: Placement
    public var caller: Caller
    /// Named parameters; nil when the request had none (a `:name` in the SQL is then a syntax error).
    public var parameters: [StatementParameter]?
    public var statementName: String?
    /// The Secrets Manager ARN the request named, for DescribeStatement and ListStatements.
    public var secretArn: String?
    public var resultFormat: ResultFormat
    public var batchMode: BatchMode?
    /// The door's operation name, which fault rules match (`ExecuteStatement`).
    public var operation: String
    /// The door it came through (metrics, logs and the console label statements with it).
    public var door: StatementDoor

    public init(statements: [ParsedStatement], isBatch: Bool, placement: Placement, caller: Caller,
                parameters: [StatementParameter]? = nil, statementName: String? = nil, secretArn: String? = nil,
                resultFormat: ResultFormat = .json, batchMode: BatchMode? = nil, operation: String = "ExecuteStatement",
                door: StatementDoor = .dataAPI) {
        self.statements = statements
        self.isBatch = isBatch
        self.placement = placement
        self.caller = caller
        self.parameters = parameters
        self.statementName = statementName
        self.secretArn = secretArn
        self.resultFormat = resultFormat
        self.batchMode = batchMode
        self.operation = operation
        self.door = door
    }

    /// The texts as submitted.
    public var sqls: [String] { statements.map(\.text) }
}

import Foundation

/// An error the engine raises for a request (not for SQL: a statement's SQL error makes the
/// statement FAILED). Each door maps it to its protocol: the Data API to an AWS exception, the
/// PostgreSQL door to an ErrorResponse.
///
/// The messages are the real service's texts where it has one (reference data-api.md §12).
public struct EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as far as a door needs to know to choose its own error.
    public enum Kind: Equatable, Sendable {
        /// The request is malformed or names something in a state that does not allow it.
        case invalidRequest
        /// A statement, session or secret the request names does not exist.
        case notFound
        /// Too many statements in flight on the target.
        case activeStatementsExceeded
        /// Too many open sessions on the target.
        case activeSessionsExceeded
        /// A cluster-endpoint connection over the cluster's connection limit or the user's
        /// CONNECTION LIMIT; the PostgreSQL door answers FATAL 53300 (too_many_connections).
        case tooManyConnections
        /// Too many requests waiting for one statement.
        case activeWaitingRequestsExceeded
        /// A fault rule throttled the request.
        case throttled
        /// A fault rule answers with a service error; `code` names it (e.g. `InternalServerException`).
        case injected(code: String)
    }

    public var kind: Kind
    public var message: String
    /// The id of what was not found (a statement, a session, a secret's ARN).
    public var resourceId: String?

    public init(_ kind: Kind, _ message: String, resourceId: String? = nil) {
        self.kind = kind
        self.message = message
        self.resourceId = resourceId
    }

    public var description: String { message }

    static func invalid(_ message: String) -> EngineError { EngineError(.invalidRequest, message) }

    /// `Query does not exist.`: an id the engine does not know (reference §12).
    static func statementNotFound(_ id: String) -> EngineError {
        EngineError(.notFound, "Query does not exist.", resourceId: id)
    }
}

import DataAPIModel
import Engine

extension DataAPIError {
    /// The AWS exception the Data API answers an engine error with.
    init(_ error: EngineError) {
        switch error.kind {
        case .invalidRequest: self.init(.validation, error.message)
        case .notFound: self.init(.resourceNotFound, error.message, resourceId: error.resourceId)
        case .activeStatementsExceeded: self.init(.activeStatementsExceeded, error.message)
        case .activeSessionsExceeded: self.init(.activeSessionsExceeded, error.message)
        case .tooManyConnections: self.init(.activeSessionsExceeded, error.message)   // only cluster-endpoint connections meet it
        case .activeWaitingRequestsExceeded: self.init(.activeWaitingRequestsExceeded, error.message)
        case .throttled: self.init(.throttling, error.message)
        case .injected(let code): self.init(DataAPIErrorCode(rawValue: code) ?? .internalServer, error.message)
        }
    }
}

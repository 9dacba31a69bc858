import Foundation

/// An error the Data API answers with: an AWS error code, its message and the modeled members.
///
/// Rendered as `{"__type": code, "message": text, ...}` with the code also in `x-amzn-ErrorType`,
/// the way botocore and the other SDKs read AWS JSON 1.1 errors (reference data-api.md §1.4).
public struct DataAPIError: Error, Equatable, Sendable {
    public var code: DataAPIErrorCode
    public var message: String
    /// `ResourceId` of ResourceNotFoundException, `StatementId` of Execute/BatchExecuteStatementException.
    public var resourceId: String?
    public var statementId: String?

    public init(_ code: DataAPIErrorCode, _ message: String, resourceId: String? = nil, statementId: String? = nil) {
        self.code = code
        self.message = message
        self.resourceId = resourceId
        self.statementId = statementId
    }

    public static func validation(_ message: String) -> DataAPIError { DataAPIError(.validation, message) }

    /// A required member is absent.
    public static func missing(_ field: String) -> DataAPIError { .validation("\(field) must not be null") }

    /// `Query does not exist.`: a well-formed id the service does not know (reference §12).
    public static func queryNotFound(_ id: String) -> DataAPIError {
        DataAPIError(.resourceNotFound, "Query does not exist.", resourceId: id)
    }

    /// The JSON body of the error response.
    public func body() -> Data {
        var object: [String: String] = ["__type": code.rawValue, "message": message]
        if let resourceId { object["ResourceId"] = resourceId }
        if let statementId { object["StatementId"] = statementId }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}

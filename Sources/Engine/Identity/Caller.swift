import Foundation

/// Who sent a request, as far as a door can tell: for the Data API, the SigV4 access key id.
///
/// Statements are listed per caller, as the real service lists them per IAM identity.
public struct Caller: Sendable, Hashable {
    /// The access key id from `Authorization: AWS4-HMAC-SHA256 Credential=<id>/...`, or "anonymous".
    public var accessKeyId: String

    public init(accessKeyId: String) { self.accessKeyId = accessKeyId }

    public static let anonymous = Caller(accessKeyId: "anonymous")
}

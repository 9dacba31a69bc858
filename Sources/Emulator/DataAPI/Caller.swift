import Foundation

/// Who sent a request, as far as the Data API front end can tell: the SigV4 access key id.
///
/// Statements are listed per caller, as the real service lists them per IAM identity.
public struct Caller: Sendable, Hashable {
    /// The access key id from `Authorization: AWS4-HMAC-SHA256 Credential=<id>/...`, or "anonymous".
    public var accessKeyId: String

    public init(accessKeyId: String) { self.accessKeyId = accessKeyId }

    public static let anonymous = Caller(accessKeyId: "anonymous")

    /// Extracts the access key id from an `Authorization` header value.
    public init(authorization: String?) {
        guard let authorization,
              let range = authorization.range(of: "Credential=") else { self = .anonymous; return }
        let rest = authorization[range.upperBound...]
        let id = rest.prefix { $0 != "/" && $0 != "," && $0 != " " }
        self.accessKeyId = id.isEmpty ? "anonymous" : String(id)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ObjectStore

/// How the endpoint's answers and failures become `ObjectStoreError`s.
enum S3Errors {
    /// An error answer: NoSuchBucket, NoSuchKey, 403 (AccessDenied, a bad signature, an unknown key id)
    /// and the rest. `missingIsKey`: a bare 404 (HEAD has no body) means the key, not the bucket.
    static func fromResponse(status: HTTPResponseStatus, body: Data, subject: String, missingIsKey: Bool = true) -> ObjectStoreError {
        from(S3ErrorBody(xml: body), status: status, subject: subject, missingIsKey: missingIsKey)
    }

    /// The same for an error already parsed (DeleteObjects reports one per key inside a 200 answer).
    static func from(_ error: S3ErrorBody?, status: HTTPResponseStatus, subject: String, missingIsKey: Bool = true) -> ObjectStoreError {
        switch (error?.code, status.code) {
        case ("NoSuchBucket", _):
            return ObjectStoreError(.noSuchBucket, "The specified bucket does not exist")
        case ("NoSuchKey", _):
            return ObjectStoreError(.noSuchKey, "The specified key does not exist.")
        case ("AccessDenied", _), (_, 403):
            return ObjectStoreError(.accessDenied, "Access denied to \(subject) by the S3 endpoint (403 \(describe(error)))")
        case (nil, 404):
            return missingIsKey ? ObjectStoreError(.noSuchKey, "The specified key does not exist.")
                                : ObjectStoreError(.noSuchBucket, "The specified bucket does not exist")
        default:
            return ObjectStoreError(.other, "The S3 endpoint answered \(status.code) for \(subject): \(describe(error))")
        }
    }

    /// The request never got an answer: connection refused, a timeout, a reset, TLS.
    static func unreachable(_ error: any Error, endpoint: S3Endpoint) -> ObjectStoreError {
        ObjectStoreError(.unreachable, "Cannot reach the S3 endpoint \(endpoint.url): \(reason(error))")
    }

    private static func describe(_ error: S3ErrorBody?) -> String {
        guard let error else { return "no error details" }
        return error.message.isEmpty ? error.code : "\(error.code): \(error.message)"
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .readTimeout, .writeTimeout, .deadlineExceeded: return "the request timed out"
            case .remoteConnectionClosed: return "the connection was closed by the endpoint"
            default: break
            }
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        return text
    }
}

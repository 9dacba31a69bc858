import Foundation
import ObjectStore

/// An S3 API endpoint, addressed path-style (`http://host:port/bucket/key`): moto's server,
/// LocalStack, MinIO or AWS itself.
public struct S3Endpoint: Sendable, Equatable {
    /// The URL as configured.
    public let url: String
    public let region: String
    /// nil: requests go unsigned (anonymous), which S3-compatible test servers accept.
    public let credentials: S3Credentials?
    /// `http` or `https`.
    let scheme: String
    /// The `Host` header: the host, with the port unless it is the scheme's default.
    let hostHeader: String
    /// The URL without a trailing `/`, before `/bucket/key`.
    let base: String
    /// The decoded path before `/bucket` (empty, or e.g. `/s3` behind a proxy).
    let basePath: String

    public init(url: String, region: String, credentials: S3Credentials?) throws {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else {
            throw ObjectStoreError(.other, "The S3 endpoint \(url.debugDescription) is not an http:// or https:// URL")
        }
        self.url = url
        self.region = region
        self.credentials = credentials
        self.scheme = scheme
        let defaultPort = scheme == "https" ? 443 : 80
        let hostName = host.contains(":") ? "[\(host)]" : host   // an IPv6 literal
        hostHeader = parsed.port.map { $0 == defaultPort ? hostName : "\(hostName):\($0)" } ?? hostName
        var path = parsed.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
        base = "\(scheme)://\(hostHeader)" + path.split(separator: "/").map { "/" + SignatureEncoding.segment(String($0)) }.joined()
    }

    /// The decoded path of a bucket or an object.
    func path(bucket: String, key: String?) -> String {
        basePath + "/" + bucket + (key.map { "/" + $0 } ?? "")
    }

    /// The URL to send for `path` (from `path(bucket:key:)`) and an encoded query string.
    func requestURL(path: String, query: String) -> String {
        let encodedPath = String(path.dropFirst(basePath.count)).split(separator: "/", omittingEmptySubsequences: false)
            .map { SignatureEncoding.segment(String($0)) }.joined(separator: "/")
        return base + encodedPath + (query.isEmpty ? "" : "?" + query)
    }
}

/// AWS credentials for signing.
public struct S3Credentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; nil unless both keys are set.
    public static func fromEnvironment(_ environment: [String: String]) -> S3Credentials? {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return S3Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
    }
}

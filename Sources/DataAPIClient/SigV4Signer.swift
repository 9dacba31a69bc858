import DataAPIModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// AWS credentials: an access key pair and, for temporary credentials, a session token.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; nil without a key pair.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AWSCredentials? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token)
    }
}

/// Signs requests with AWS Signature Version 4 (header form), as botocore does: every header
/// given is signed, plus `host`, `x-amz-date` and, with temporary credentials,
/// `x-amz-security-token`. The math is the emulator's own verifier's (`SigV4` in DataAPIModel).
///
/// For example, signing a Data API call:
///
/// ```swift
/// let signer = SigV4Signer(credentials: creds, region: "us-east-1", service: "redshift-data")
/// let headers = signer.sign(method: "POST", url: endpoint, headers: [
///     ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "RedshiftData.ExecuteStatement")],
///     body: body)   // [("X-Amz-Date", …), ("Authorization", "AWS4-HMAC-SHA256 Credential=…")]
/// ```
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String = "redshift-data") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The headers to add to the request: `X-Amz-Date`, `X-Amz-Security-Token` (temporary
    /// credentials) and `Authorization`.
    public func sign(method: String, url: URL, headers: [(String, String)], body: Data,
                     date: Date = Date()) -> [(String, String)] {
        let amzDate = Self.amzDate(date)
        var values: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            let trimmed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            values[key] = values[key].map { "\($0),\(trimmed)" } ?? trimmed
        }
        values["host"] = Self.authority(of: url)
        values["x-amz-date"] = amzDate
        var added = [("X-Amz-Date", amzDate)]
        if let token = credentials.sessionToken {
            values["x-amz-security-token"] = token
            added.append(("X-Amz-Security-Token", token))
        }
        let signedHeaders = values.keys.sorted()
        let scope = "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
        let path = url.path.isEmpty ? "/" : url.path
        let signature = SigV4.signature(secret: credentials.secretAccessKey, method: method, path: path,
                                        query: url.query ?? "", headers: values, signedHeaders: signedHeaders,
                                        payload: body, amzDate: amzDate, scope: scope)
        added.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"))
        return added
    }

    /// `host[:port]`, the port only when it is not the scheme's default (as HTTP clients send it).
    public static func authority(of url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        if (url.scheme == "https" && port == 443) || (url.scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    public static func amzDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

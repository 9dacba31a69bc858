import AWSSigning
import Foundation

/// Signs S3 requests with Signature Version 4 (service `s3`), the header way: `x-amz-date`,
/// `x-amz-content-sha256` (required by S3), `x-amz-security-token` with temporary credentials, and
/// `Authorization`. Every header handed in is signed.
struct S3RequestSigner: Sendable {
    let credentials: S3Credentials
    let region: String

    /// The hash S3 wants for an empty body.
    static let emptyPayloadHash = SignatureV4.sha256Hex([UInt8]())

    /// The headers to send: `headers` (lower-case names, including `host`) plus the signature's.
    /// `path` is decoded; `query` is canonical (from `SignatureV4.canonicalQuery(items:)`).
    func sign(method: String, path: String, query: String, headers: [String: String], payloadHash: String,
              date: Date) -> [String: String] {
        let (amzDate, day) = Self.timestamps(date)
        var signed = headers
        signed["x-amz-date"] = amzDate
        signed["x-amz-content-sha256"] = payloadHash
        if let token = credentials.sessionToken { signed["x-amz-security-token"] = token }
        let names = signed.keys.sorted()
        let scope = "\(day)/\(region)/s3/aws4_request"
        let canonical = SignatureV4.canonicalRequest(method: method, path: path, query: query, headers: signed,
                                                     signedHeaders: names, payloadHash: payloadHash)
        let signature = SignatureV4.signature(secret: credentials.secretAccessKey, canonicalRequest: canonical,
                                              amzDate: amzDate, scope: scope)
        signed["authorization"] = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        return signed
    }

    /// `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd`, UTC.
    static func timestamps(_ date: Date) -> (amzDate: String, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let day = "\(c.year ?? 1970)\(two(c.month))\(two(c.day))"
        return ("\(day)T\(two(c.hour))\(two(c.minute))\(two(c.second))Z", day)
    }
}

import Crypto
import Foundation

/// The Signature Version 4 computation: canonical request, string to sign, and the key derived along
/// the credential scope. Protocol-neutral: the Data API's signer and verifier (`SigV4` in
/// DataAPIModel) and the S3 store (`S3RequestSigner`) build on it.
public enum SignatureV4 {
    /// The hex signature of a request. `headers` maps lower-cased signed header names to their
    /// canonical (trimmed) values; `payloadHash` is the hex SHA-256 of the body (or S3's
    /// `UNSIGNED-PAYLOAD`); `scope` is `date/region/service/aws4_request`.
    public static func signature(secret: String, method: String, path: String, query: String, headers: [String: String],
                                 signedHeaders: [String], payloadHash: String, amzDate: String, scope: String) -> String {
        let request = canonicalRequest(method: method, path: path, query: query, headers: headers,
                                       signedHeaders: signedHeaders, payloadHash: payloadHash)
        return signature(secret: secret, canonicalRequest: request, amzDate: amzDate, scope: scope)
    }

    /// The hex signature of a canonical request.
    public static func signature(secret: String, canonicalRequest: String, amzDate: String, scope: String) -> String {
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope,
                            hex(SHA256.hash(data: Data(canonicalRequest.utf8)))].joined(separator: "\n")
        return hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(secret: secret, scope: scope)))
    }

    /// The canonical request: method, canonical URI and query, signed headers, payload hash.
    /// `path` is the decoded path (each segment is URI-encoded once here); `query` is a raw query string.
    public static func canonicalRequest(method: String, path: String, query: String, headers: [String: String],
                                        signedHeaders: [String], payloadHash: String) -> String {
        let canonicalHeaders = signedHeaders.map { "\($0):\(headers[$0] ?? "")\n" }.joined()
        return [method, canonicalURI(path), canonicalQuery(query), canonicalHeaders,
                signedHeaders.joined(separator: ";"), payloadHash].joined(separator: "\n")
    }

    /// `HMAC("AWS4" + secret, date)`, then region, service and `aws4_request` in turn.
    public static func signingKey(secret: String, scope: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in scope.split(separator: "/") {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Each segment of `path` URI-encoded; `/` for an empty path.
    public static func canonicalURI(_ path: String) -> String {
        path.isEmpty ? "/" : path.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0)) }.joined(separator: "/")
    }

    /// A raw query string's parameters decoded, URI-encoded and sorted.
    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        return canonicalQuery(items: query.split(separator: "&").map { item -> (String, String) in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]).removingPercentEncoding ?? String(pair[0])
            let value = pair.count > 1 ? (String(pair[1]).removingPercentEncoding ?? String(pair[1])) : ""
            return (name, value)
        })
    }

    /// Decoded query parameters, URI-encoded and sorted by name, then value: the canonical query
    /// string, which is also a valid query string to send.
    public static func canonicalQuery(items: [(name: String, value: String)]) -> String {
        items.map { (uriEncode($0.name), uriEncode($0.value)) }
            .sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters kept, everything else percent-encoded (UTF-8).
    public static func uriEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")

    /// The hex SHA-256 of `data`.
    public static func sha256Hex(_ data: some DataProtocol) -> String { hex(SHA256.hash(data: data)) }

    /// Lower-case hex of `digest`.
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

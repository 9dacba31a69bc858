import Crypto
import Foundation

/// The Signature Version 4 computation, shared by the server's verifier (`SignatureVerifier`) and
/// the client's signer (`SigV4Signer` in DataAPIClient): canonical request, string to sign, and
/// the key derived along the credential scope.
public enum SigV4 {
    /// The hex signature of a request: canonical request, string to sign, key derived from `secret`
    /// along `scope` (`date/region/service/aws4_request`). `headers` maps lower-cased signed header
    /// names to their canonical (trimmed) values.
    public static func signature(secret: String, method: String, path: String, query: String, headers: [String: String],
                                 signedHeaders: [String], payload: Data, amzDate: String, scope: String) -> String {
        let request = canonicalRequest(method: method, path: path, query: query, headers: headers,
                                       signedHeaders: signedHeaders, payload: payload)
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope,
                            hex(SHA256.hash(data: Data(request.utf8)))].joined(separator: "\n")
        return hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(secret: secret, scope: scope)))
    }

    /// The canonical request: method, canonical URI and query, signed headers, payload hash.
    public static func canonicalRequest(method: String, path: String, query: String, headers: [String: String],
                                        signedHeaders: [String], payload: Data) -> String {
        let canonicalHeaders = signedHeaders.map { "\($0):\(headers[$0] ?? "")\n" }.joined()
        return [method, canonicalURI(path), canonicalQuery(query), canonicalHeaders,
                signedHeaders.joined(separator: ";"), hex(SHA256.hash(data: payload))].joined(separator: "\n")
    }

    /// `HMAC("AWS4" + secret, date)`, then region, service and `aws4_request` in turn.
    public static func signingKey(secret: String, scope: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in scope.split(separator: "/") {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    public static func canonicalURI(_ path: String) -> String {
        path.isEmpty ? "/" : path.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0)) }.joined(separator: "/")
    }

    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        return query.split(separator: "&").map { item -> (String, String) in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]).removingPercentEncoding ?? String(pair[0])
            let value = pair.count > 1 ? (String(pair[1]).removingPercentEncoding ?? String(pair[1])) : ""
            return (uriEncode(name), uriEncode(value))
        }.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    public static func uriEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")

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

import Crypto
import DataAPIModel
import Foundation
import HTTPTypes

/// Checks AWS Signature Version 4 on incoming requests (opt-in: `verify_signatures` in the config).
///
/// Computes the signature the way AWS does (canonical request, string to sign, derived key) from the
/// configured secret of the request's access key id, and answers AWS's errors on a mismatch.
public struct SignatureVerifier: Sendable {
    /// Secret access key by access key id.
    let credentials: [String: String]

    public init(credentials: [String: String]) { self.credentials = credentials }

    func verify(method: String, path: String, query: String, authority: String?, headers: HTTPFields, body: Data) throws {
        guard let authorization = headers[.authorization] else {
            throw DataAPIError(.missingAuthenticationToken, "Missing Authentication Token")
        }
        guard let parsed = SigV4Authorization(authorization) else {
            throw DataAPIError(.invalidSignature, "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.")
        }
        guard let secret = credentials[parsed.accessKeyId] else {
            throw DataAPIError(.unrecognizedClient, "The security token included in the request is invalid.")
        }
        guard let amzDate = headers[HTTPField.Name("X-Amz-Date")!] else {
            throw DataAPIError(.invalidSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        let expected = SigV4.signature(secret: secret, method: method, path: path, query: query,
                                       headers: SigV4.headerValues(parsed.signedHeaders, headers: headers, authority: authority),
                                       signedHeaders: parsed.signedHeaders, payload: body, amzDate: amzDate,
                                       scope: parsed.scope)
        guard expected == parsed.signature else {
            throw DataAPIError(.invalidSignature, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
        }
    }
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct SigV4Authorization {
    var accessKeyId: String
    /// `date/region/service/aws4_request`.
    var scope: String
    var signedHeaders: [String]
    var signature: String

    init?(_ header: String) {
        guard header.hasPrefix("AWS4-HMAC-SHA256 ") else { return nil }
        var values: [String: String] = [:]
        for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = values["Credential"], let signed = values["SignedHeaders"],
              let signature = values["Signature"], let slash = credential.firstIndex(of: "/") else { return nil }
        accessKeyId = String(credential[..<slash])
        scope = String(credential[credential.index(after: slash)...])
        signedHeaders = signed.split(separator: ";").map { $0.lowercased() }
        self.signature = signature
    }
}

/// The Signature Version 4 computation, shared by verification and the recording proxy's signer.
public enum SigV4 {
    /// The hex signature of a request: canonical request, string to sign, key derived from `secret`
    /// along `scope` (`date/region/service/aws4_request`). `headers` maps lower-cased signed header
    /// names to their canonical (trimmed) values.
    public static func signature(secret: String, method: String, path: String, query: String, headers: [String: String],
                          signedHeaders: [String], payload: Data, amzDate: String, scope: String) -> String {
        let canonicalHeaders = signedHeaders.map { "\($0):\(headers[$0] ?? "")\n" }.joined()
        let canonicalRequest = [method, canonicalURI(path), canonicalQuery(query), canonicalHeaders,
                                signedHeaders.joined(separator: ";"), hex(SHA256.hash(data: payload))].joined(separator: "\n")
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope,
                            hex(SHA256.hash(data: Data(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in scope.split(separator: "/") {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// Values of the signed headers: lower-cased names, trimmed values, repeated headers joined by ",".
    public static func headerValues(_ names: [String], headers: HTTPFields, authority: String?) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if name == "host" { values[name] = authority ?? headers[HTTPField.Name("Host")!] ?? ""; continue }
            guard let fieldName = HTTPField.Name(name) else { continue }
            values[name] = headers[values: fieldName]
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
                .joined(separator: ",")
        }
        return values
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
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

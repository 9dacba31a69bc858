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

    public func verify(method: String, path: String, query: String, authority: String?, headers: HTTPFields, body: Data) throws {
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

/// The request side of the shared SigV4 computation (`SigV4` lives in DataAPIModel).
extension SigV4 {
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
}

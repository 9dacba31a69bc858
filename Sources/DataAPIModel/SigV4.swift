import AWSSigning
import Crypto
import Foundation

/// The Signature Version 4 computation, shared by the server's verifier (`SignatureVerifier`) and
/// the client's signer (`SigV4Signer` in DataAPIClient): the math of AWSSigning's `SignatureV4`,
/// with the payload hashed here.
public enum SigV4 {
    /// The hex signature of a request: canonical request, string to sign, key derived from `secret`
    /// along `scope` (`date/region/service/aws4_request`). `headers` maps lower-cased signed header
    /// names to their canonical (trimmed) values.
    public static func signature(secret: String, method: String, path: String, query: String, headers: [String: String],
                                 signedHeaders: [String], payload: Data, amzDate: String, scope: String) -> String {
        SignatureV4.signature(secret: secret, method: method, path: path, query: query, headers: headers,
                              signedHeaders: signedHeaders, payloadHash: SignatureV4.sha256Hex(payload),
                              amzDate: amzDate, scope: scope)
    }

    /// The canonical request: method, canonical URI and query, signed headers, payload hash.
    public static func canonicalRequest(method: String, path: String, query: String, headers: [String: String],
                                        signedHeaders: [String], payload: Data) -> String {
        SignatureV4.canonicalRequest(method: method, path: path, query: query, headers: headers,
                                     signedHeaders: signedHeaders, payloadHash: SignatureV4.sha256Hex(payload))
    }

    /// `HMAC("AWS4" + secret, date)`, then region, service and `aws4_request` in turn.
    public static func signingKey(secret: String, scope: String) -> SymmetricKey {
        SignatureV4.signingKey(secret: secret, scope: scope)
    }

    public static func canonicalURI(_ path: String) -> String { SignatureV4.canonicalURI(path) }

    public static func canonicalQuery(_ query: String) -> String { SignatureV4.canonicalQuery(query) }

    public static func uriEncode(_ text: String) -> String { SignatureV4.uriEncode(text) }

    /// Lower-case hex of `digest`.
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 { SignatureV4.hex(digest) }
}

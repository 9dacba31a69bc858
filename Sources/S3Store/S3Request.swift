import AWSSigning
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request to the endpoint, before it is addressed and signed.
struct S3Request: Sendable {
    var method: HTTPMethod
    var bucket: String
    /// nil: a bucket-level request (ListObjectsV2, DeleteObjects, HEAD bucket).
    var key: String?
    var query: [(name: String, value: String)] = []
    /// Extra headers, lower-case names (`range`, `content-md5`, …); all of them are signed.
    var headers: [String: String] = [:]
    var body: ByteBuffer?
    /// The body's hex SHA-256 when the caller already has it (streamed uploads).
    var payloadHash: String?

    /// What errors name: `s3://bucket/key` or `s3://bucket`.
    var subject: String { "s3://\(bucket)" + (key.map { "/\($0)" } ?? "") }

    /// The request for async-http-client: addressed path-style, signed when there are credentials.
    func prepared(for endpoint: S3Endpoint, date: Date = Date()) -> HTTPClientRequest {
        let path = endpoint.path(bucket: bucket, key: key)
        let canonicalQuery = SignatureV4.canonicalQuery(items: query)
        var request = HTTPClientRequest(url: endpoint.requestURL(path: path, query: canonicalQuery))
        request.method = method
        var headers = self.headers
        headers["host"] = endpoint.hostHeader
        if let credentials = endpoint.credentials {
            let hash = payloadHash ?? body.map { SignatureV4.sha256Hex(Array($0.readableBytesView)) } ?? S3RequestSigner.emptyPayloadHash
            headers = S3RequestSigner(credentials: credentials, region: endpoint.region)
                .sign(method: method.rawValue, path: path, query: canonicalQuery, headers: headers, payloadHash: hash, date: date)
        }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(body)
        } else if method == .PUT || method == .POST {
            request.headers.add(name: "content-length", value: "0")
        }
        return request
    }
}

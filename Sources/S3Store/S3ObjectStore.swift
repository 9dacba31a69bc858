import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import ObjectStore

/// An object store on an S3 API endpoint: ListObjectsV2 (with continuation tokens), HEAD, GET
/// (streamed, or ranged for `read`), PUT (multipart above `partSize`) and DeleteObjects, path-style
/// and signed with SigV4.
///
/// Its calls block the calling thread until the endpoint answers (see `BlockingBridge`): call them
/// from a dispatch queue or a thread of your own (COPY and UNLOAD run on their connection's serial
/// queue), not from a Swift concurrency task, whose cooperative thread they would hold meanwhile.
///
/// For example:
/// ```swift
/// let store = S3ObjectStore(endpoint: try S3Endpoint(url: "http://127.0.0.1:5000", region: "us-east-1",
///                                                     credentials: .fromEnvironment(environment)))
/// let files = try store.list(bucket: "tickit", prefix: "allusers/")
/// await S3HTTPClient.shutdown()   // at exit
/// ```
public final class S3ObjectStore: ObjectStore {
    public let endpoint: S3Endpoint
    let transport: S3Transport
    /// Objects larger than this are uploaded in parts of this size (S3's minimum part is 5 MiB).
    let partSize: Int
    /// ListObjectsV2's `max-keys` (nil: the endpoint's default, 1,000): small in tests of paging.
    let listPageSize: Int?

    /// A store on `endpoint` that sends through `client` (the process's shared one by default).
    public init(endpoint: S3Endpoint, client: HTTPClient = S3HTTPClient.shared, partSize: Int = 16 * 1024 * 1024,
                listPageSize: Int? = nil) {
        self.endpoint = endpoint
        self.listPageSize = listPageSize
        self.transport = S3Transport(client: client, endpoint: endpoint)
        self.partSize = max(partSize, 5 * 1024 * 1024)
    }

    public func list(bucket: String, prefix: String) throws -> [ObjectInfo] {
        let transport = self.transport
        let pageSize = listPageSize
        return try BlockingBridge.wait {
            var objects: [ObjectInfo] = []
            var token: String?
            repeat {
                var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", prefix)]
                if let pageSize { query.append(("max-keys", "\(pageSize)")) }
                if let token { query.append(("continuation-token", token)) }
                let request = S3Request(method: .GET, bucket: bucket, key: nil, query: query)
                let (_, body) = try await transport.send(request)
                guard let page = ListObjectsPage(xml: body, bucket: bucket) else {
                    throw ObjectStoreError(.other, "The S3 endpoint's list of s3://\(bucket)/\(prefix) is not a ListBucketResult")
                }
                objects += page.objects
                token = page.continuationToken
            } while token != nil
            return objects.sorted { $0.location < $1.location }
        }
    }

    public func head(_ location: S3Location) throws -> ObjectInfo? {
        try Self.requireKey(location)
        let transport = self.transport
        return try BlockingBridge.wait {
            let request = S3Request(method: .HEAD, bucket: location.bucket, key: location.key)
            let response = try await transport.open(request)
            switch response.status.code {
            case 200:
                let size = response.headers.first(name: "content-length").flatMap { Int64($0) } ?? 0
                let modified = response.headers.first(name: "last-modified").flatMap(S3Time.parseHTTPDate)
                return ObjectInfo(location: location, size: size, lastModified: modified)
            case 404:   // HEAD has no body: ask whether the bucket is there, as the directory store tells
                _ = try await transport.send(S3Request(method: .HEAD, bucket: location.bucket, key: nil))
                return nil
            default:
                throw S3Errors.fromResponse(status: response.status, body: Data(), subject: location.description)
            }
        }
    }

    public func reader(for location: S3Location) throws -> any ByteReader {
        try Self.requireKey(location)
        let transport = self.transport
        let response = try BlockingBridge.wait { () -> HTTPClientResponse in
            let response = try await transport.open(S3Request(method: .GET, bucket: location.bucket, key: location.key))
            guard response.status.code == 200 else {
                let body = (try? await response.body.collect(upTo: 1024 * 1024)).map { Data($0.readableBytesView) } ?? Data()
                throw S3Errors.fromResponse(status: response.status, body: body, subject: location.description)
            }
            return response
        }
        return S3ObjectReader(body: response.body, endpoint: endpoint)
    }

    public func read(_ location: S3Location, offset: Int64, length: Int) throws -> [UInt8] {
        try Self.requireKey(location)
        guard length > 0, offset >= 0 else { return [] }
        let transport = self.transport
        return try BlockingBridge.wait {
            let range = "bytes=\(offset)-\(offset + Int64(length) - 1)"
            let request = S3Request(method: .GET, bucket: location.bucket, key: location.key, headers: ["range": range])
            let (head, body) = try await transport.send(request, maxBytes: length + 1024, accept: [200, 206, 416])
            if head.status.code == 416 { return [] }   // InvalidRange: the offset is at or past the end
            if head.status.code == 200 {   // a server that ignores Range sends the whole object
                return Array(body.dropFirst(Int(offset)).prefix(length))
            }
            return Array(body.prefix(length))
        }
    }

    public func writer(for location: S3Location) throws -> any ObjectWriter {
        try Self.requireKey(location)
        let transport = self.transport
        try BlockingBridge.wait {   // an unknown bucket fails now, not after the whole object is written
            _ = try await transport.send(S3Request(method: .HEAD, bucket: location.bucket, key: nil))
        }
        return try S3ObjectWriter(location: location, transport: transport, partSize: partSize)
    }

    public func delete(_ locations: [S3Location]) throws {
        let transport = self.transport
        for (bucket, group) in Dictionary(grouping: locations, by: \.bucket) {
            for start in stride(from: 0, to: group.count, by: 1000) {
                let batch = group[start..<min(start + 1000, group.count)]
                let body = "<Delete><Quiet>true</Quiet>"
                    + batch.map { "<Object><Key>\(XMLTree.escape($0.key))</Key></Object>" }.joined() + "</Delete>"
                let bytes = Data(body.utf8)
                let md5 = Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
                let request = S3Request(method: .POST, bucket: bucket, key: nil, query: [("delete", "")],
                                        headers: ["content-md5": md5, "content-type": "application/xml"],
                                        body: ByteBuffer(bytes: bytes))
                try BlockingBridge.wait {
                    let (_, answer) = try await transport.send(request)
                    if let root = XMLTree.parse(answer), let failed = root.child("Error") {
                        let error = S3ErrorBody(code: failed.value("Code") ?? "", message: failed.value("Message") ?? "")
                        throw S3Errors.from(error, status: .ok, subject: "s3://\(bucket)/\(failed.value("Key") ?? "")")
                    }
                }
            }
        }
    }

    public var summary: String { "endpoint \(endpoint.url) (\(endpoint.region))" }

    private static func requireKey(_ location: S3Location) throws {
        guard !location.key.isEmpty else { throw ObjectStoreError(.invalidKey, "\(location) names a bucket, not an object") }
    }
}

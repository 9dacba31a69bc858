import AWSSigning
import Crypto
import Foundation
import NIOCore
import ObjectStore

/// Buffers an object in a temporary file, then uploads it at `finish()`: one PUT up to `partSize`,
/// a multipart upload above it (aborted on failure). Nothing appears before `finish()`; `abort()`
/// removes the temporary file.
final class S3ObjectWriter: ObjectWriter {
    private let location: S3Location
    private let transport: S3Transport
    private let partSize: Int
    private let path: String
    private var file: FileHandle?
    private var size = 0
    private var hasher = SHA256()

    init(location: S3Location, transport: S3Transport, partSize: Int) throws {
        self.location = location
        self.transport = transport
        self.partSize = partSize
        path = FileManager.default.temporaryDirectory.appendingPathComponent("emulatord-s3-upload-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forUpdatingAtPath: path) else {
            throw ObjectStoreError(.other, "Cannot create a temporary file for \(location)")
        }
        self.file = file
    }

    deinit { abort() }

    func write(_ bytes: [UInt8]) throws {
        guard let file else { throw ObjectStoreError(.other, "\(location): the writer is closed") }
        do { try file.write(contentsOf: bytes) } catch {
            throw ObjectStoreError(.other, "Cannot buffer \(location): \(error.localizedDescription)")
        }
        hasher.update(data: bytes)
        size += bytes.count
    }

    @discardableResult func finish() throws -> ObjectInfo {
        guard let file else { throw ObjectStoreError(.other, "\(location): the writer is closed") }
        defer { abort() }
        if size <= partSize {
            let body = try chunk(of: file, at: 0, length: size)
            let hash = SignatureV4.hex(hasher.finalize())
            let request = S3Request(method: .PUT, bucket: location.bucket, key: location.key,
                                    body: ByteBuffer(bytes: body), payloadHash: hash)
            let transport = self.transport
            try BlockingBridge.wait { _ = try await transport.send(request) }
        } else {
            try uploadInParts(file)
        }
        return ObjectInfo(location: location, size: Int64(size), lastModified: Date())
    }

    func abort() {
        guard let file else { return }
        try? file.close()
        self.file = nil
        try? FileManager.default.removeItem(atPath: path)
    }

    private func chunk(of file: FileHandle, at offset: Int, length: Int) throws -> Data {
        do {
            try file.seek(toOffset: UInt64(offset))
            return try file.read(upToCount: length) ?? Data()
        } catch {
            throw ObjectStoreError(.other, "Cannot read back \(location): \(error.localizedDescription)")
        }
    }

    /// CreateMultipartUpload, UploadPart for each `partSize` slice, CompleteMultipartUpload; the
    /// upload is aborted when any step fails, so no parts are left behind.
    private func uploadInParts(_ file: FileHandle) throws {
        let transport = self.transport
        let location = self.location
        let start = S3Request(method: .POST, bucket: location.bucket, key: location.key, query: [("uploads", "")])
        let uploadId = try BlockingBridge.wait { () -> String in
            let (_, body) = try await transport.send(start)
            guard let id = XMLTree.parse(body)?.value("UploadId") else {
                throw ObjectStoreError(.other, "The S3 endpoint did not start a multipart upload of \(location)")
            }
            return id
        }
        do {
            var parts: [String] = []
            for (index, offset) in stride(from: 0, to: size, by: partSize).enumerated() {
                let body = try chunk(of: file, at: offset, length: min(partSize, size - offset))
                let request = S3Request(method: .PUT, bucket: location.bucket, key: location.key,
                                        query: [("partNumber", "\(index + 1)"), ("uploadId", uploadId)],
                                        body: ByteBuffer(bytes: body))
                let etag = try BlockingBridge.wait { try await transport.send(request).head.headers.first(name: "etag") ?? "" }
                parts.append("<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(XMLTree.escape(etag))</ETag></Part>")
            }
            let manifest = "<CompleteMultipartUpload>" + parts.joined() + "</CompleteMultipartUpload>"
            let complete = S3Request(method: .POST, bucket: location.bucket, key: location.key, query: [("uploadId", uploadId)],
                                     headers: ["content-type": "application/xml"], body: ByteBuffer(string: manifest))
            try BlockingBridge.wait {
                let (head, body) = try await transport.send(complete)
                if let error = S3ErrorBody(xml: body) {   // S3 may report a failed completion inside a 200
                    throw S3Errors.from(error, status: head.status, subject: location.description)
                }
            }
        } catch {
            let cancel = S3Request(method: .DELETE, bucket: location.bucket, key: location.key, query: [("uploadId", uploadId)])
            _ = try? BlockingBridge.wait { _ = try await transport.send(cancel) }
            throw error
        }
    }
}

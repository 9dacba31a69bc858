import AsyncHTTPClient
import NIOCore
import ObjectStore

/// An object's body as it streams from the endpoint, read through the blocking `ByteReader`
/// protocol: each refill waits for the next chunk (async-http-client applies back-pressure, so at
/// most a few chunks are held). Dropping the reader early cancels the download.
final class S3ObjectReader: ByteReader {
    private let chunks: ChunkSource
    private let endpoint: S3Endpoint
    private var pending = ByteBuffer()
    private var finished = false

    init(body: HTTPClientResponse.Body, endpoint: S3Endpoint) {
        chunks = ChunkSource(iterator: body.makeAsyncIterator())
        self.endpoint = endpoint
    }

    func read(maxLength: Int) throws -> [UInt8] {
        while pending.readableBytes == 0 {
            if finished { return [] }
            let chunks = self.chunks
            do {
                guard let next = try BlockingBridge.wait({ try await chunks.next() }) else {
                    finished = true
                    return []
                }
                pending = next
            } catch {
                throw S3Errors.unreachable(error, endpoint: endpoint)
            }
        }
        return pending.readBytes(length: min(maxLength, pending.readableBytes)) ?? []
    }

    /// The body's iterator, used by one bridged task at a time (each `read` waits for its task).
    private final class ChunkSource: @unchecked Sendable {
        private var iterator: HTTPClientResponse.Body.AsyncIterator

        init(iterator: HTTPClientResponse.Body.AsyncIterator) { self.iterator = iterator }

        func next() async throws -> ByteBuffer? {
            var iterator = self.iterator
            defer { self.iterator = iterator }
            return try await iterator.next()
        }
    }
}

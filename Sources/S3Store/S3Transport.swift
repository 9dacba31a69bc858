import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ObjectStore

/// Sends signed requests to one endpoint over a shared `HTTPClient`; every failure comes back as an
/// `ObjectStoreError`.
struct S3Transport: Sendable {
    let client: HTTPClient
    let endpoint: S3Endpoint
    /// How long a request may take until its answer's head arrives.
    var timeout: TimeAmount = .seconds(60)

    /// The answer's head and a body still to be read: for streamed GETs.
    func open(_ request: S3Request) async throws -> HTTPClientResponse {
        do {
            return try await client.execute(request.prepared(for: endpoint), timeout: timeout)
        } catch {
            throw S3Errors.unreachable(error, endpoint: endpoint)
        }
    }

    /// The whole answer (its body up to `maxBytes`); error statuses throw.
    func send(_ request: S3Request, maxBytes: Int = 64 * 1024 * 1024,
              accept: Set<UInt> = [200, 204, 206]) async throws -> (head: HTTPClientResponse, body: Data) {
        let response = try await open(request)
        let body: Data
        do {
            body = Data(try await response.body.collect(upTo: maxBytes).readableBytesView)
        } catch {
            throw S3Errors.unreachable(error, endpoint: endpoint)
        }
        guard accept.contains(response.status.code) else {
            throw S3Errors.fromResponse(status: response.status, body: body, subject: request.subject,
                                        missingIsKey: request.key != nil)
        }
        return (response, body)
    }
}

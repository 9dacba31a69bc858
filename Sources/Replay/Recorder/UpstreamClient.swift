import DataAPIClient
import Foundation

/// An answer from the upstream Data API endpoint, passed back to the client unchanged.
public typealias UpstreamResponse = HTTPReply

/// Sends Data API calls to the upstream endpoint (the shared client's URLSession transport,
/// keep-alive connections, concurrent), re-signed with SigV4 when credentials are configured.
public final class UpstreamClient: @unchecked Sendable {
    public let url: URL
    let signer: SigV4Signer?
    private let transport: URLSessionHTTPTransport

    public init(url: URL, signer: SigV4Signer?) {
        self.url = url
        self.signer = signer
        transport = URLSessionHTTPTransport(url: url, maximumConnections: 64, timeout: 300)
    }

    /// POSTs one call. `passthrough` are the client's headers (used unchanged when there is no
    /// signer). The answer keeps Content-Type and every `x-amzn-*` header.
    public func send(target: String, contentType: String, body: Data, passthrough: [(String, String)]) async throws -> UpstreamResponse {
        var headers = [("Content-Type", contentType), ("X-Amz-Target", target)]
        if let signer {
            headers += signer.sign(method: "POST", url: url, headers: headers, body: body)
            headers += passthrough.filter { $0.0.lowercased() == "user-agent" }
        } else {
            let own = Set(["host", "content-length", "connection", "content-type", "x-amz-target"])
            headers += passthrough.filter { !own.contains($0.0.lowercased()) }
        }
        var answer = try await transport.send(headers: headers, body: body)
        answer.headers = answer.headers.filter {
            let lower = $0.0.lowercased()
            return lower == "content-type" || lower.hasPrefix("x-amzn-")
        }
        return answer
    }
}

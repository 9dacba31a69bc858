import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An answer from the upstream Data API endpoint, passed back to the client unchanged.
public struct UpstreamResponse: Sendable {
    public var status: Int
    /// Content-Type and every `x-amzn-*` header, as received.
    public var headers: [(String, String)]
    public var body: Data
}

/// Sends Data API calls to the upstream endpoint (URLSession, keep-alive connections), re-signed
/// with SigV4 when credentials are configured.
public final class UpstreamClient: @unchecked Sendable {
    public let url: URL
    let signer: SigV4Signer?
    private let session: URLSession

    public init(url: URL, signer: SigV4Signer?) {
        self.url = url
        self.signer = signer
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 300
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// POSTs one call. `passthrough` are the client's headers (used unchanged when there is no signer).
    public func send(target: String, contentType: String, body: Data, passthrough: [(String, String)]) async throws -> UpstreamResponse {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        let signed = [("Content-Type", contentType), ("X-Amz-Target", target)]
        for (name, value) in signed { request.setValue(value, forHTTPHeaderField: name) }
        if let signer {
            for (name, value) in signer.sign(method: "POST", url: url, headers: signed, body: body) {
                request.setValue(value, forHTTPHeaderField: name)
            }
            for (name, value) in passthrough where name.lowercased() == "user-agent" {
                request.setValue(value, forHTTPHeaderField: name)
            }
        } else {
            for (name, value) in passthrough {
                let lower = name.lowercased()
                guard lower != "host", lower != "content-length", lower != "connection" else { continue }
                request.setValue(value, forHTTPHeaderField: name)
            }
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw InputError(path: url.absoluteString, message: "not an HTTP response")
        }
        var headers: [(String, String)] = []
        for (key, value) in http.allHeaderFields {
            guard let name = key as? String else { continue }
            let lower = name.lowercased()
            if lower == "content-type" || lower.hasPrefix("x-amzn-") { headers.append((name, "\(value)")) }
        }
        return UpstreamResponse(status: http.statusCode, headers: headers, body: data)
    }
}

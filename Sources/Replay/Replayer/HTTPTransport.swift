import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP answer: status and body.
public struct HTTPReply: Sendable {
    public var status: Int
    public var body: [UInt8]
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Sends one POST and blocks until the answer: one instance per replay worker thread, so that
/// each keeps its own keep-alive connection.
public protocol HTTPTransport: AnyObject {
    func post(headers: [(String, String)], body: [UInt8]) throws -> HTTPReply
}

/// HTTPS targets (the real Data API): URLSession, bridged to the worker thread with a semaphore.
public final class URLSessionHTTPTransport: HTTPTransport {
    private let url: URL
    private let session: URLSession

    public init(url: URL) {
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 4
        configuration.timeoutIntervalForRequest = 120
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    public func post(headers: [(String, String)], body: [UInt8]) throws -> HTTPReply {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<HTTPReply, Error> = .failure(TransportError("no answer"))
        session.dataTask(with: request) { data, response, error in
            if let error { outcome = .failure(error) } else if let http = response as? HTTPURLResponse {
                outcome = .success(HTTPReply(status: http.statusCode, body: Array(data ?? Data())))
            }
            done.signal()
        }.resume()
        done.wait()
        return try outcome.get()
    }
}

/// A transport failure (connection refused, reset, malformed answer).
public struct TransportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP answer: status, headers as received, body.
public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (without case).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// Sends one POST to the transport's URL and blocks until the answer. Not shared between threads:
/// one instance per worker thread, so that each keeps its own keep-alive connection.
public protocol HTTPTransport: AnyObject {
    func post(headers: [(String, String)], body: Data) throws -> HTTPReply
}

/// A transport failure: connection refused, reset or closed mid-answer, timeout, malformed answer.
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// HTTPS targets (the real Data API, a recording proxy's upstream): URLSession with keep-alive
/// connections. `send` is async (the recording proxy's handlers); `post` blocks the calling thread
/// (a replay worker) on it.
public final class URLSessionHTTPTransport: HTTPTransport, @unchecked Sendable {
    public let url: URL
    private let session: URLSession

    public init(url: URL, maximumConnections: Int = 4, timeout: TimeInterval = 120) {
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnections
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    private func request(headers: [(String, String)], body: Data) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return request
    }

    private static func reply(_ data: Data?, _ response: URLResponse?) throws -> HTTPReply {
        guard let http = response as? HTTPURLResponse else { throw TransportError("not an HTTP response") }
        var headers: [(String, String)] = []
        for (key, value) in http.allHeaderFields {
            if let name = key as? String { headers.append((name, "\(value)")) }
        }
        return HTTPReply(status: http.statusCode, headers: headers, body: data ?? Data())
    }

    public func send(headers: [(String, String)], body: Data) async throws -> HTTPReply {
        let (data, response) = try await session.data(for: request(headers: headers, body: body))
        return try Self.reply(data, response)
    }

    public func post(headers: [(String, String)], body: Data) throws -> HTTPReply {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<HTTPReply, Error> = .failure(TransportError("no answer"))
        session.dataTask(with: request(headers: headers, body: body)) { data, response, error in
            if let error {
                outcome = .failure(error)
            } else {
                outcome = Result { try Self.reply(data, response) }
            }
            done.signal()
        }.resume()
        done.wait()
        return try outcome.get()
    }
}

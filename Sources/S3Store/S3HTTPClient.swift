import AsyncHTTPClient
import Foundation

/// The process's one `HTTPClient` for S3 endpoints, made on first use: no redirects, a 10-second
/// connect timeout, a 60-second read timeout, a refused connection reported at once (not retried
/// until the deadline), and up to 64 connections per endpoint (each open reader holds one).
/// `serve` shuts it down at exit; a later use makes a new one.
public enum S3HTTPClient {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var client: HTTPClient?

    /// The shared client.
    public static var shared: HTTPClient {
        lock.withLock {
            if let client { return client }
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                         timeout: .init(connect: .seconds(10), read: .seconds(60)))
            configuration.decompression = .disabled
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
            configuration.connectionPool.retryConnectionEstablishment = false
            let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            client = made
            return made
        }
    }

    /// Shuts the shared client down (if one was made), waiting for its connections to close.
    public static func shutdown() async {
        let current = lock.withLock { () -> HTTPClient? in
            defer { client = nil }
            return client
        }
        try? await current?.shutdown()
    }
}

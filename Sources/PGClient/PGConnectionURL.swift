import Foundation

/// Where and as whom to connect: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]`
/// (also `postgres://`), as libpq reads it. User and password may be percent-encoded; the port
/// defaults to 5439 (Redshift's); `sslmode` is `disable` (the default), `allow` or `prefer`
/// (connect without TLS); `require` and stricter are refused (TLS is not implemented).
public struct PGConnectionURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: String

    public init(host: String, port: Int = 5439, user: String, password: String? = nil, database: String,
                sslMode: String = "disable") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// Parses a connection URL; throws ``PGClientError/badURL(_:)`` with what is wrong.
    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["postgresql", "postgres"].contains(scheme) else {
            throw PGClientError.badURL("expected postgresql://USER[:PASSWORD]@HOST:PORT/DB, got '\(text)'")
        }
        guard let host = components.host, !host.isEmpty else { throw PGClientError.badURL("'\(text)' names no host") }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding ?? $0 }), !user.isEmpty else {
            throw PGClientError.badURL("'\(text)' names no user (postgresql://USER@HOST:PORT/DB)")
        }
        var path = components.percentEncodedPath
        if path.hasPrefix("/") { path.removeFirst() }
        guard let database = path.removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw PGClientError.badURL("'\(text)' names no database (postgresql://USER@HOST:PORT/DB)")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw PGClientError.badURL("port \(port) is out of range")
        }
        var sslMode = "disable"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let mode = item.value ?? ""
                switch mode {
                case "disable", "allow", "prefer": sslMode = mode
                case "require", "verify-ca", "verify-full":
                    throw PGClientError.badURL("sslmode=\(mode) is not supported (TLS is not implemented); use sslmode=disable")
                default: throw PGClientError.badURL("unknown sslmode '\(mode)'")
                }
            default:
                throw PGClientError.badURL("unknown connection parameter '\(item.name)' (only sslmode is read)")
            }
        }
        self.init(host: host, port: components.port ?? 5439, user: user,
                  password: components.password.map { $0.removingPercentEncoding ?? $0 }, database: database, sslMode: sslMode)
    }

    /// The URL without its password.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)" }
}

/// Why a connection or a call failed (not an SQL error: those are ``PGServerError`` results).
public enum PGClientError: Error, Equatable, CustomStringConvertible {
    /// The connection URL is malformed.
    case badURL(String)
    /// The server could not be reached, or the connection broke.
    case connection(String)
    /// The server refused the login (wrong password, unknown database or user).
    case authentication(String)
    /// The server sent something this client does not understand.
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .badURL(let message): return "bad connection URL: \(message)"
        case .connection(let message): return message
        case .authentication(let message): return message
        case .protocolViolation(let message): return "protocol error: \(message)"
        }
    }
}

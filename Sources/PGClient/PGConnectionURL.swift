import Foundation

/// Where and as whom to connect: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]`
/// (also `postgres://`), as libpq reads it. User and password may be percent-encoded; the port
/// defaults to 5439 (Redshift's). `sslmode` as libpq reads it: `disable` (the default here, as
/// the emulator answers SSLRequest `N`) and `allow` connect without TLS; `prefer` uses TLS when the
/// server offers it; `require` insists on TLS without checking the certificate; `verify-ca` checks
/// its chain and `verify-full` also the host name, against `sslrootcert` (a PEM file; Redshift's CA
/// bundle) or the system's trusted roots.
public struct PGConnectionURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: String
    /// `sslrootcert`: trusted roots (PEM) for `verify-ca` and `verify-full`.
    public var sslRootCertificate: String?

    public init(host: String, port: Int = 5439, user: String, password: String? = nil, database: String,
                sslMode: String = "disable", sslRootCertificate: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
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
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let mode = item.value ?? ""
                guard Self.sslModes.contains(mode) else {
                    throw PGClientError.badURL("unknown sslmode '\(mode)' (\(Self.sslModes.joined(separator: ", ")))")
                }
                sslMode = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw PGClientError.badURL("sslrootcert names no file") }
                rootCertificate = path
            default:
                throw PGClientError.badURL("unknown connection parameter '\(item.name)' (sslmode and sslrootcert are read)")
            }
        }
        self.init(host: host, port: components.port ?? 5439, user: user,
                  password: components.password.map { $0.removingPercentEncoding ?? $0 }, database: database, sslMode: sslMode,
                  sslRootCertificate: rootCertificate)
    }

    /// libpq's `sslmode` values.
    public static let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    /// True when the client asks the server for TLS first (SSLRequest).
    var requestsTLS: Bool { !["disable", "allow"].contains(sslMode) }

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

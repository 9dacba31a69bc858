import Foundation

/// A small blocking PostgreSQL v3 client for one thread: the replayer's connection to a cluster
/// endpoint (this emulator's, a Redshift cluster's, or a PostgreSQL server's).
///
/// It negotiates TLS as `sslmode` asks (SSLRequest; OpenSSL), authenticates with trust, cleartext,
/// MD5, SCRAM-SHA-256 or Redshift's SHA-256 digest (authentication code 13), runs statements with the simple query protocol or, when there are
/// parameters, with the extended one (Parse/Bind/Execute/Sync, values bound as text, never spliced
/// into the SQL), and reads text results.
///
/// ```swift
/// let client = try PGClient(url: PGConnectionURL(parsing: "postgresql://awsuser:pw@127.0.0.1:5439/dev"))
/// let result = try client.query("select $1::int + 1", parameters: ["41"])
/// print(result.tag, result.error)
/// client.close()
/// ```
public final class PGClient {
    public let url: PGConnectionURL
    /// BackendKeyData's process id (Redshift: the session's pid).
    public private(set) var processId: Int32 = 0
    /// ParameterStatus values the server sent (`server_version`, `client_encoding`, …).
    public private(set) var parameters: [String: String] = [:]
    /// ReadyForQuery's status after the last call.
    public private(set) var transactionStatus: Character = "I"
    private let socket: PGSocket

    /// Connects and logs in as `url.user` to `url.database`. Throws ``PGClientError``: `connection`
    /// when the server cannot be reached, `authentication` when it refuses the login.
    /// - Parameters:
    ///   - connectTimeout: seconds for connecting and logging in.
    ///   - queryTimeout: seconds a call may wait for the server afterwards; 0: as long as it takes
    ///     (a statement may run for hours).
    public init(url: PGConnectionURL, connectTimeout: TimeInterval = 30, queryTimeout: TimeInterval = 0) throws {
        self.url = url
        socket = try PGSocket(host: url.host, port: url.port, timeout: connectTimeout)
        do { try startup() } catch {
            socket.close()
            throw error
        }
        socket.setTimeout(queryTimeout)
    }

    deinit { socket.close() }

    /// Sends Terminate and closes the socket.
    public func close() {
        if socket.isOpen { try? socket.send(PGFrontend.terminate) }
        socket.close()
    }

    public var isOpen: Bool { socket.isOpen }

    /// Runs `sql`: with the simple query protocol when `parameters` is nil, else with the extended
    /// protocol, `$1`… bound to the values. `onRow` sees each DataRow's values (text, nil for NULL).
    /// An SQL error is the result's `error`; a broken connection throws.
    public func query(_ sql: String, parameters: [String?]? = nil,
                      onRow: ((_ columns: [PGColumn], _ values: [ArraySlice<UInt8>?]) -> Void)? = nil) throws -> PGResult {
        if let parameters {
            try socket.send(PGFrontend.extendedQuery(sql, parameters: parameters, describe: onRow != nil))
        } else {
            try socket.send(PGFrontend.query(sql))
        }
        var result = PGResult()
        var completed = false
        while true {
            let (type, body) = try readMessage()
            var reader = PGBody(body)
            switch type {
            case "T":
                result.columns = try Self.rowDescription(&reader)
                result.rowsReceived = 0
            case "D":
                if completed {
                    completed = false
                    result.rowsReceived = 0
                }
                result.rowsReceived += 1
                if let onRow {
                    let count = Int(try reader.int16())
                    var values: [ArraySlice<UInt8>?] = []
                    values.reserveCapacity(count)
                    for _ in 0..<count {
                        let length = Int(try reader.int32())
                        values.append(length < 0 ? nil : try reader.take(length))
                    }
                    onRow(result.columns, values)
                }
            case "C":
                result.tag = try reader.cString()
                completed = true
            case "E":
                result.error = try Self.serverError(&reader)
            case "I", "N", "S", "A", "1", "2", "3", "n", "t", "s":
                continue
            case "G":
                try socket.send(PGFrontend.copyFail("COPY FROM STDIN is not replayed"))
            case "H", "d", "c":
                continue
            case "Z":
                let status = try reader.byte()
                result.transactionStatus = Character(UnicodeScalar(status))
                transactionStatus = result.transactionStatus
                return result
            default:
                socket.close()
                throw PGClientError.protocolViolation("unexpected message '\(type)' from \(url.host):\(url.port)")
            }
        }
    }

    // MARK: Startup

    /// Whether the connection is encrypted.
    public private(set) var usesTLS = false

    private func startup() throws {
        if url.requestsTLS { try negotiateTLS() }
        try socket.send(PGFrontend.startup(user: url.user, database: url.database))
        var scram: SCRAMSHA256?
        while true {
            let (type, body) = try readMessage()
            var reader = PGBody(body)
            switch type {
            case "R":
                let code = try reader.int32()
                switch code {
                case 0: continue
                case 3: try socket.send(PGFrontend.password(try password()))
                case 5:
                    let salt = Array(try reader.take(4))
                    try socket.send(PGFrontend.password(SCRAMSHA256.md5Answer(user: url.user, password: try password(), salt: salt)))
                case 13:
                    // Redshift's extensible digest (AUTH_REQ_DIGEST): algorithm 0 is SHA-256.
                    let algorithm = try reader.int32()
                    let salt = Array(try reader.take(Int(try reader.int32())))
                    let serverNonce = Array(try reader.take(Int(try reader.int32())))
                    guard algorithm == 0 else {
                        throw PGClientError.authentication("the server asks for digest algorithm \(algorithm); only SHA-256 (0) is supported")
                    }
                    let clientNonce = Array(String(Int64(Date().timeIntervalSince1970 * 1000)).utf8)
                    let digest = SCRAMSHA256.redshiftDigest(password: try password(), salt: salt, serverNonce: serverNonce,
                                                            clientNonce: clientNonce)
                    try socket.send(PGFrontend.digestAnswer(digest, clientNonce: clientNonce))
                case 10:
                    var mechanisms: [String] = []
                    while case let name = try reader.cString(), !name.isEmpty { mechanisms.append(name) }
                    guard mechanisms.contains("SCRAM-SHA-256") else {
                        throw PGClientError.authentication("the server offers SASL \(mechanisms.joined(separator: ", ")); only SCRAM-SHA-256 is supported")
                    }
                    var exchange = SCRAMSHA256(password: try password())
                    try socket.send(PGFrontend.saslInitial(mechanism: "SCRAM-SHA-256", exchange.clientFirst()))
                    scram = exchange
                case 11:
                    guard var exchange = scram else { throw PGClientError.protocolViolation("SASLContinue without SASL") }
                    let final = try exchange.clientFinal(serverFirst: String(decoding: reader.rest, as: UTF8.self))
                    try socket.send(PGFrontend.saslResponse(final))
                    scram = exchange
                case 12:
                    guard let exchange = scram else { throw PGClientError.protocolViolation("SASLFinal without SASL") }
                    try exchange.verify(serverFinal: String(decoding: reader.rest, as: UTF8.self))
                default:
                    throw PGClientError.authentication("the server asks for an authentication method this client does not support (code \(code))")
                }
            case "E":
                let error = try Self.serverError(&reader)
                throw PGClientError.authentication("\(url.host):\(url.port) refused the connection: \(error.message) (SQLSTATE \(error.code))")
            case "S":
                let name = try reader.cString()
                parameters[name] = try reader.cString()
            case "K":
                processId = try reader.int32()
            case "N":
                continue
            case "Z":
                transactionStatus = Character(UnicodeScalar(try reader.byte()))
                return
            default:
                throw PGClientError.protocolViolation("unexpected message '\(type)' during startup")
            }
        }
    }

    /// SSLRequest: `S` starts TLS; `N` continues in the clear unless the mode requires TLS.
    private func negotiateTLS() throws {
        try socket.send(PGFrontend.sslRequest)
        let answer = try socket.read(1).first!
        switch answer {
        case UInt8(ascii: "S"):
            guard !socket.hasBufferedBytes else {
                throw PGClientError.protocolViolation("bytes after the SSLRequest answer (a man in the middle?)")
            }
            let verify: PGSocket.Verification = switch url.sslMode {
            case "verify-full": .chainAndHost
            case "verify-ca": .chain
            default: .none
            }
            try socket.startTLS(verify: verify, serverName: url.host, rootCertificate: url.sslRootCertificate)
            usesTLS = true
        case UInt8(ascii: "N"):
            if url.sslMode != "prefer" {
                socket.close()
                throw PGClientError.connection("\(url.host):\(url.port) does not accept TLS connections and sslmode=\(url.sslMode) requires one")
            }
        default:
            socket.close()
            throw PGClientError.protocolViolation("unexpected answer to SSLRequest from \(url.host):\(url.port)")
        }
    }

    private func password() throws -> String {
        guard let password = url.password else {
            throw PGClientError.authentication("\(url.host):\(url.port) asks for a password for user \"\(url.user)\" and the URL has none")
        }
        return password
    }

    // MARK: Messages

    /// The next backend message: its type and body.
    private func readMessage() throws -> (Character, ArraySlice<UInt8>) {
        let head = try socket.read(5)
        let type = Character(UnicodeScalar(head[head.startIndex]))
        let length = head.dropFirst().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard length >= 4, length < 1 << 30 else {
            socket.close()
            throw PGClientError.protocolViolation("a message of length \(length) from \(url.host):\(url.port) (not a PostgreSQL server?)")
        }
        return (type, try socket.read(Int(length) - 4))
    }

    private static func rowDescription(_ reader: inout PGBody) throws -> [PGColumn] {
        let count = Int(try reader.int16())
        var columns: [PGColumn] = []
        for _ in 0..<max(0, count) {
            let name = try reader.cString()
            _ = try reader.int32()
            _ = try reader.int16()
            let type = try reader.int32()
            _ = try reader.int16()
            _ = try reader.int32()
            _ = try reader.int16()
            columns.append(PGColumn(name: name, typeOID: type))
        }
        return columns
    }

    private static func serverError(_ reader: inout PGBody) throws -> PGServerError {
        var error = PGServerError(severity: "ERROR", code: "XX000", message: "")
        while true {
            let field = try reader.byte()
            if field == 0 { break }
            let value = try reader.cString()
            switch Character(UnicodeScalar(field)) {
            case "S": error.severity = value
            case "C": error.code = value
            case "M": error.message = value
            case "D": error.detail = value
            case "P": error.position = Int(value)
            default: continue
            }
        }
        return error
    }
}

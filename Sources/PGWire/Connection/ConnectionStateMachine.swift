import Engine
import RedshiftSQL

/// The protocol state of one cluster-endpoint connection: a pure value that takes each frontend
/// message (and each outcome of the work it asked for) and answers with the action to take.
///
/// It owns startup, authentication, the extended protocol's prepared statements and portals, the
/// skip-until-Sync rule after an error and ReadyForQuery's transaction status. It does no I/O:
/// `PGConnection` carries out its actions against the engine and the socket.
///
/// ```swift
/// var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
/// machine.received(.startup(protocolVersion: 196608, parameters: ["user": "u", "database": "dev"]))
/// // .send([.authenticationMD5Password(salt: [1, 2, 3, 4])])
/// machine.received(.password("md5…"))   // .openSession(Startup(user: "u", database: "dev", …))
/// machine.credential                    // .md5(response: "md5…", salt: [1, 2, 3, 4]): for engine.authenticate
/// ```
///
/// With `choosesChallenge`, the StartupMessage is answered `.chooseChallenge` first: the engine
/// says how the user's password must be asked for (`challengeChosen`), MD5 or Redshift's SHA-256
/// digest.
public struct ConnectionStateMachine: Sendable {
    /// What the StartupMessage asked for.
    public struct Startup: Sendable, Equatable {
        public var user: String
        public var database: String
        public var parameters: [String: String]
    }

    /// A statement made by Parse.
    public struct PreparedStatement: Sendable, Equatable {
        public var name: String
        public var query: String
        public var parameterTypes: [Int32]
    }

    /// A portal made by Bind: a statement, its parameter values as text (nil: NULL) and Bind's
    /// result-column format codes.
    public struct Portal: Sendable, Equatable {
        /// Which Bind made it (a new Bind to the same name makes a new portal).
        public var id = 0
        public var name: String
        public var statement: PreparedStatement
        public var parameters: [String?]
        public var resultFormats: [Int16] = []
    }

    /// What the connection must do next.
    public enum Action: Sendable, Equatable {
        /// Write these messages and flush.
        case send([BackendMessage])
        /// Write these messages, flush and close the connection.
        case sendAndClose([BackendMessage])
        /// Ask the engine how to challenge this user (`LoginChallenge`); then call `challengeChosen`.
        case chooseChallenge(Startup)
        /// Check `credential` (`engine.authenticate`) and open the engine session; then call
        /// `sessionOpened` or `sessionFailed`.
        case openSession(Startup)
        /// Cancel the statement the connection with this pid and key runs; then close.
        case cancel(processId: Int32, secretKey: Int32)
        /// Run a simple query string; then call `simpleQueryEnded`.
        case runSimpleQuery(String)
        /// Answer Describe of a statement (ParameterDescription, then RowDescription or NoData);
        /// on failure call `extendedFailed`.
        case describeStatement(PreparedStatement)
        /// Answer Describe of a portal (RowDescription or NoData); on failure call `extendedFailed`.
        /// Answer Describe of a portal no Bind made: a cursor DECLARE opened (SQL cursors are portals
        /// in PostgreSQL, and psycopg 3 describes its named cursors so): RowDescription of its
        /// columns, or `portal "name" does not exist` (34000) through `extendedFailed`.
        case describeCursor(String)
        case describePortal(Portal)
        /// Run a portal (DataRows and CommandComplete); then call `statementEnded` or `extendedFailed`.
        case execute(Portal, maxRows: Int32)
        /// Close the connection.
        case close
        /// Nothing to do.
        case none
    }

    enum Phase: Sendable, Equatable {
        case awaitingStartup
        case choosingChallenge(Startup)
        case awaitingPassword(Startup)
        case openingSession
        case ready
        case closed
    }

    private(set) var phase = Phase.awaitingStartup
    /// After an error in the extended protocol, every message is skipped until Sync.
    private(set) var skippingUntilSync = false
    /// ReadyForQuery's status as of the last statement.
    public private(set) var transactionStatus = BackendMessage.TransactionStatus.idle
    private(set) var statements: [String: PreparedStatement] = [:]
    private(set) var portals: [String: Portal] = [:]
    private var portalsBound = 0
    /// The `server_protocol_version` answered to a StartupMessage's `client_protocol_version`
    /// (redshift_connector); nil when the client did not ask.
    public private(set) var redshiftProtocol: Int?
    private let salt: [UInt8]
    private let serverNonce: [UInt8]
    private let choosesChallenge: Bool
    /// How the password was asked for (MD5 unless `challengeChosen` said otherwise).
    public private(set) var challenge = LoginChallenge.md5
    /// What the client answered to the password challenge: `engine.authenticate` checks it before
    /// the session opens.
    public private(set) var credential: LoginCredential?
    /// NegotiateProtocolVersion, sent with the challenge once it is chosen.
    private var pendingNegotiation: [BackendMessage] = []

    /// A connection that has not sent its StartupMessage; `salt` is AuthenticationMD5Password's,
    /// `serverNonce` the SHA-256 digest challenge's. With `choosesChallenge` the StartupMessage is
    /// answered `.chooseChallenge` (else the challenge is MD5).
    public init(salt: [UInt8], serverNonce: [UInt8] = [], choosesChallenge: Bool = false) {
        self.salt = salt
        self.serverNonce = serverNonce
        self.choosesChallenge = choosesChallenge
    }

    /// A message from the client.
    public mutating func received(_ message: FrontendMessage) -> Action {
        switch (phase, message) {
        case (.closed, _):
            return .none
        case (_, .terminate):
            phase = .closed
            return .close
        case (.awaitingStartup, .sslRequest), (.awaitingStartup, .gssEncryptionRequest):
            return .send([.encryptionResponse(accepted: false)])
        case (.awaitingStartup, .cancelRequest(let pid, let key)):
            phase = .closed
            return .cancel(processId: pid, secretKey: key)
        case (.awaitingStartup, .startup(let version, let parameters)):
            guard version >> 16 == 3 else {
                return fatal("0A000", "unsupported frontend protocol \(version >> 16).\(version & 0xFFFF): server supports 3.0 to 3.0")
            }
            guard let user = parameters["user"], !user.isEmpty else {
                return fatal("28000", "no PostgreSQL user name specified in startup packet")
            }
            let database = parameters["database"].flatMap { $0.isEmpty ? nil : $0 } ?? user
            let startup = Startup(user: user, database: database, parameters: parameters)
            redshiftProtocol = ResultPresentation.negotiated(parameters["client_protocol_version"])
            // A newer 3.x minor or `_pq_.` options: PostgreSQL's NegotiateProtocolVersion, then 3.0.
            let options = parameters.keys.filter { $0.hasPrefix("_pq_.") }.sorted()
            let negotiation: [BackendMessage] = version & 0xFFFF > 0 || !options.isEmpty
                ? [.negotiateProtocolVersion(newestMinor: 0, unrecognizedOptions: options)] : []
            if choosesChallenge {
                phase = .choosingChallenge(startup)
                pendingNegotiation = negotiation
                return .chooseChallenge(startup)
            }
            phase = .awaitingPassword(startup)
            return .send(negotiation + [.authenticationMD5Password(salt: salt)])
        case (.awaitingPassword(let startup), .password(let text)):
            // Checked by engine.authenticate before the session opens (any password by default).
            credential = challenge == .md5 ? LoginCredential.passwordMessage(text, md5Salt: salt) : .cleartext(text)
            phase = .openingSession
            return .openSession(startup)
        case (.awaitingPassword(let startup), .copyData(let bytes)):
            guard case .sha256(let storedSalt) = challenge, let answer = Self.digestAnswer(bytes) else {
                return fatal("08P01", "invalid password packet")
            }
            credential = .sha256(proof: answer.digest, salt: storedSalt, serverNonce: serverNonce, clientNonce: answer.nonce)
            phase = .openingSession
            return .openSession(startup)
        case (.ready, _):
            return receivedWhenReady(message)
        default:
            return fatal("08P01", "unexpected message \(Self.describe(message)) during startup")
        }
    }

    /// How the user of `.chooseChallenge` must prove the password: the AuthenticationRequest.
    public mutating func challengeChosen(_ chosen: LoginChallenge) -> Action {
        guard case .choosingChallenge(let startup) = phase else { return .none }
        phase = .awaitingPassword(startup)
        challenge = chosen
        defer { pendingNegotiation = [] }
        switch chosen {
        case .md5: return .send(pendingNegotiation + [.authenticationMD5Password(salt: salt)])
        case .sha256(let storedSalt):
            return .send(pendingNegotiation + [.authenticationSHA256Digest(salt: storedSalt, nonce: serverNonce)])
        }
    }

    /// The engine session is open: the rest of the startup answer.
    public mutating func sessionOpened(processId: Int32, secretKey: Int32,
                                       parameters: [(name: String, value: String)]) -> Action {
        guard phase == .openingSession else { return .none }
        phase = .ready
        var messages: [BackendMessage] = [.authenticationOk]
        messages += parameters.map { .parameterStatus(name: $0.name, value: $0.value) }
        if let redshiftProtocol {
            messages.append(.parameterStatus(name: "server_protocol_version", value: String(redshiftProtocol)))
        }
        messages += [.backendKeyData(processId: processId, secretKey: secretKey), .readyForQuery(.idle)]
        return .send(messages)
    }

    /// The engine refused the login or the session (wrong password, unknown cluster or database,
    /// too many sessions): a FATAL ErrorResponse with `code`, then the connection closes.
    public mutating func sessionFailed(code: String, message: String) -> Action {
        fatal(code, message)
    }

    /// A simple query string ended (every statement, or up to the first that failed).
    public mutating func simpleQueryEnded(_ status: BackendMessage.TransactionStatus) -> Action {
        transactionStatus = status
        endPortals()
        return .send([.readyForQuery(status)])
    }

    /// An Execute ended without error; `status` is the transaction status after it.
    public mutating func statementEnded(_ status: BackendMessage.TransactionStatus) {
        transactionStatus = status
    }

    /// Describe or Execute failed: the error, then every message is skipped until Sync.
    public mutating func extendedFailed(_ notice: BackendMessage.Notice,
                                        status: BackendMessage.TransactionStatus? = nil) -> Action {
        if let status { transactionStatus = status }
        skippingUntilSync = true
        return .send([.errorResponse(notice)])
    }

    private mutating func receivedWhenReady(_ message: FrontendMessage) -> Action {
        if skippingUntilSync {
            switch message {
            case .sync:
                skippingUntilSync = false
                endPortals()
                return .send([.readyForQuery(transactionStatus)])
            case .query:
                skippingUntilSync = false
            default:
                return .none
            }
        }
        switch message {
        case .query(let sql):
            return .runSimpleQuery(sql)
        case .parse(let name, let query, let types):
            // PostgreSQL's exec_parse_message, and Redshift's (redshift_connector issue #21).
            if Translator.splitStatements(query).count > 1 {
                return extendedFailed(.init(code: "42601", message: "cannot insert multiple commands into a prepared statement"))
            }
            statements[name] = PreparedStatement(name: name, query: query, parameterTypes: types)
            return .send([.parseComplete])
        case .bind(let bind):
            guard let statement = statements[bind.statement] else {
                return extendedFailed(.init(code: "26000", message: "prepared statement \"\(bind.statement)\" does not exist"))
            }
            let values: [String?]
            switch Self.parameterValues(bind, statement: statement) {
            case .success(let decoded): values = decoded
            case .failure(let failure): return extendedFailed(.init(code: failure.code, message: failure.message))
            }
            if let bad = bind.resultFormats.first(where: { $0 != 0 && $0 != 1 }) {
                return extendedFailed(.init(code: "08P01", message: "unsupported format code: \(bad)"))
            }
            portalsBound += 1
            portals[bind.portal] = Portal(id: portalsBound, name: bind.portal, statement: statement, parameters: values,
                                          resultFormats: bind.resultFormats)
            return .send([.bindComplete])
        case .describe(.statement, let name):
            guard let statement = statements[name] else {
                return extendedFailed(.init(code: "26000", message: "prepared statement \"\(name)\" does not exist"))
            }
            return .describeStatement(statement)
        case .describe(.portal, let name):
            guard let portal = portals[name] else { return .describeCursor(name) }
            return .describePortal(portal)
        case .execute(let name, let maxRows):
            guard let portal = portals[name] else {
                return extendedFailed(.init(code: "34000", message: "portal \"\(name)\" does not exist"))
            }
            return .execute(portal, maxRows: maxRows)
        case .close(.statement, let name):
            statements[name] = nil
            return .send([.closeComplete])
        case .close(.portal, let name):
            portals[name] = nil
            return .send([.closeComplete])
        case .sync:
            endPortals()
            return .send([.readyForQuery(transactionStatus)])
        case .flush:
            return .none
        case .unknown(let type):
            return fatal("08P01", "invalid frontend message type \(type)")
        default:
            return fatal("08P01", "unexpected message \(Self.describe(message))")
        }
    }

    /// At Sync or the end of a simple query: the unnamed portal ends, and every portal ends with
    /// the transaction (PostgreSQL's portals live until the end of their transaction; outside a
    /// block, Sync ends the implicit one). Inside a block, named portals stay for the next
    /// Execute (pgjdbc's fetch size).
    private mutating func endPortals() {
        if transactionStatus == .inTransaction {
            portals[""] = nil
        } else {
            portals.removeAll()
        }
    }

    /// Bind's values as text (nil: NULL): binary ones read by their statement's parameter types.
    /// The counts must agree as PostgreSQL checks them (08P01).
    static func parameterValues(_ bind: FrontendMessage.Bind, statement: PreparedStatement)
        -> Result<[String?], BinaryParameter.Failure> {
        let expected = max(statement.parameterTypes.count, PositionalParameters.count(in: statement.query))
        guard bind.parameters.count == expected else {
            return .failure(.init(code: "08P01", message: "bind message supplies \(bind.parameters.count) parameters, but prepared statement \"\(statement.name)\" requires \(expected)"))
        }
        let formats = bind.parameterFormats
        guard formats.count <= 1 || formats.count == bind.parameters.count else {
            return .failure(.init(code: "08P01", message: "bind message has \(formats.count) parameter formats but \(bind.parameters.count) parameters"))
        }
        var values: [String?] = []
        for (index, bytes) in bind.parameters.enumerated() {
            let format = formats.isEmpty ? 0 : formats.count == 1 ? formats[0] : formats[index]
            let oid = index < statement.parameterTypes.count ? statement.parameterTypes[index] : PGTypeOID.unspecified
            guard let bytes else { values.append(nil); continue }
            switch format {
            case 0:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return .failure(.init(code: "22021", message: "invalid byte sequence for encoding \"UTF8\""))
                }
                values.append(TextParameter.normalized(text, oid: oid))
            case 1:
                do {
                    values.append(try BinaryParameter.text(of: bytes, oid: oid))
                } catch {
                    return .failure(.init(code: error.code, message: error.message + " in bind parameter \(index + 1)"))
                }
            default:
                return .failure(.init(code: "08P01", message: "unsupported format code: \(format)"))
            }
        }
        return .success(values)
    }

    private mutating func fatal(_ code: String, _ message: String) -> Action {
        phase = .closed
        return .sendAndClose([.errorResponse(.init(severity: "FATAL", code: code, message: message))])
    }

    /// The answer to AUTH_REQ_DIGEST: Int32 length, the digest, Int32 length, the client nonce.
    private static func digestAnswer(_ bytes: [UInt8]) -> (digest: [UInt8], nonce: [UInt8])? {
        var rest = bytes[...]
        func chunk() -> [UInt8]? {
            guard rest.count >= 4 else { return nil }
            let length = rest.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            rest = rest.dropFirst(4)
            guard length <= rest.count else { return nil }
            defer { rest = rest.dropFirst(length) }
            return Array(rest.prefix(length))
        }
        guard let digest = chunk(), let nonce = chunk() else { return nil }
        return (digest, nonce)
    }

    private static func describe(_ message: FrontendMessage) -> String {
        switch message {
        case .startup: return "StartupMessage"
        case .sslRequest: return "SSLRequest"
        case .gssEncryptionRequest: return "GSSENCRequest"
        case .cancelRequest: return "CancelRequest"
        case .password: return "PasswordMessage"
        case .copyData: return "CopyData"
        case .query: return "Query"
        case .parse: return "Parse"
        case .bind: return "Bind"
        case .describe: return "Describe"
        case .execute: return "Execute"
        case .close: return "Close"
        case .sync: return "Sync"
        case .flush: return "Flush"
        case .terminate: return "Terminate"
        case .unknown(let type): return "type \(type)"
        }
    }
}

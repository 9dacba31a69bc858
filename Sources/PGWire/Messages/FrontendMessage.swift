/// A message a PostgreSQL client sends (protocol 3.0, "Message Formats" in the PostgreSQL
/// documentation, protocol-message-formats.html), including the untyped packets of startup.
public enum FrontendMessage: Sendable, Equatable {
    /// Which object Describe and Close name.
    public enum Target: UInt8, Sendable, Equatable {
        case statement = 0x53   // 'S'
        case portal = 0x50      // 'P'
    }

    /// Bind: a portal from a prepared statement and its parameter values.
    public struct Bind: Sendable, Equatable {
        public var portal: String
        public var statement: String
        /// 0 text, 1 binary: none (all text), one (for all) or one per parameter.
        public var parameterFormats: [Int16]
        /// The values' bytes; nil for NULL.
        public var parameters: [[UInt8]?]
        public var resultFormats: [Int16]

        public init(portal: String, statement: String, parameterFormats: [Int16], parameters: [[UInt8]?],
                    resultFormats: [Int16]) {
            self.portal = portal
            self.statement = statement
            self.parameterFormats = parameterFormats
            self.parameters = parameters
            self.resultFormats = resultFormats
        }
    }

    /// StartupMessage: the protocol version (196608 for 3.0) and the name/value pairs (`user`, `database`, …).
    case startup(protocolVersion: Int32, parameters: [String: String])
    /// SSLRequest (code 80877103).
    case sslRequest
    /// GSSENCRequest (code 80877104).
    case gssEncryptionRequest
    /// CancelRequest (code 80877102) with BackendKeyData's pid and key.
    case cancelRequest(processId: Int32, secretKey: Int32)
    /// 'p': PasswordMessage (the MD5 or cleartext answer).
    case password(String)
    /// 'd': CopyData; during authentication, Redshift's answer to AUTH_REQ_DIGEST uses the same type
    /// byte (the digest and the client nonce, each preceded by its length).
    case copyData([UInt8])
    /// 'Q': a simple query string (one or several statements).
    case query(String)
    /// 'P': Parse.
    case parse(name: String, query: String, parameterTypes: [Int32])
    /// 'B': Bind.
    case bind(Bind)
    /// 'D': Describe a statement or a portal.
    case describe(Target, name: String)
    /// 'E': Execute a portal, at most `maxRows` rows (0: all).
    case execute(portal: String, maxRows: Int32)
    /// 'C': Close a statement or a portal.
    case close(Target, name: String)
    /// 'S': Sync.
    case sync
    /// 'H': Flush.
    case flush
    /// 'X': Terminate.
    case terminate
    /// A type byte this server does not know.
    case unknown(type: UInt8)
}

/// When a backend's held output goes out, as a PostgreSQL backend flushes only when it is about to
/// wait for the client: once a message the client waits for has been written (ReadyForQuery, the
/// answers of startup and authentication, a FATAL error), once the client sent Flush (it then
/// waits for whatever the messages before it produced, until the next ReadyForQuery), or once
/// `flushThreshold` bytes are held (a large result streams).
///
/// A value without I/O, shared by both transports (`BackendMessageWriter` in a NIO pipeline,
/// `SocketTransport` on a plain socket), so that a `select 1` leaves in one write on either.
///
/// ```swift
/// var turn = OutputTurn()
/// turn.wrote(.commandComplete(tag: "SELECT 1"))   // held
/// turn.wrote(.readyForQuery(.idle))
/// turn.sendsNow(heldBytes: 40)                   // true: the client waits
/// turn.sent()
/// ```
struct OutputTurn: Sendable {
    /// Held bytes are sent once they reach this size.
    let flushThreshold: Int
    /// A message the client waits for was written since the last send.
    private(set) var ended = false
    /// The client sent Flush: every answer goes out until the next ReadyForQuery.
    private(set) var clientWaits = false

    init(flushThreshold: Int = 32 * 1024) {
        self.flushThreshold = flushThreshold
    }

    /// Notes a message from the client; true when it asks for the held output now (Flush).
    mutating func received(_ message: FrontendMessage) -> Bool {
        guard case .flush = message else { return false }
        clientWaits = true
        return true
    }

    /// Notes a message added to the held output.
    mutating func wrote(_ message: BackendMessage) {
        switch message {
        case .readyForQuery:
            ended = true
            clientWaits = false
        case .encryptionResponse, .authenticationMD5Password, .authenticationSHA256Digest:
            ended = true
        case .errorResponse(let notice) where notice.severity == "FATAL":
            ended = true
        default:
            break
        }
    }

    /// True when the held output (`heldBytes` of it) must go out at a flush.
    func sendsNow(heldBytes: Int) -> Bool {
        ended || clientWaits || heldBytes >= flushThreshold
    }

    /// The held output went out.
    mutating func sent() {
        ended = false
    }
}

/// How a `PGConnection` reaches its client: frontend messages in, backend messages out, held a
/// turn at a time (`PendingOutput.holdsAnswers`, `OutputTurn`).
///
/// Two implementations keep one copy of the connection's logic: `SocketTransport` (a plain
/// socket read and written directly by the connection's own thread: the usual path) and
/// `ChannelTransport` (a SwiftNIO channel: the path when the server is configured with TLS).
/// `next`, `write`, `flush` and `close` are called by the connection's task only; `terminate` and
/// `whenClosed` from anywhere.
protocol ClientTransport: AnyObject, Sendable {
    /// The next message, or nil once the client has gone (or the connection was terminated).
    /// Throws `FrontendMessageDecoder.DecodingError` on bytes that are not the protocol.
    func next() async throws -> FrontendMessage?

    /// Adds answers to the held output; a full batch (a long result) goes out at once.
    func write(_ messages: [BackendMessage]) async throws

    /// Sends the held output if the client waits for it (`OutputTurn`).
    func flush() async throws

    /// Sends everything held and ends the connection; called once, when the connection ends.
    func close() async

    /// The client's address and port, when known (for the connection log).
    var peer: (host: String, port: Int?)? { get }

    /// Runs `action` once the connection is closed, however it ends.
    func whenClosed(_ action: @escaping @Sendable () -> Void)

    /// Ends the connection from outside its task (PG_TERMINATE_BACKEND): the client gets `notice`,
    /// then the connection ends; writes of the connection itself are never interleaved with it.
    func terminate(with notice: BackendMessage.Notice) async
}

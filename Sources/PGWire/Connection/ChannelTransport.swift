import NIOCore

/// A connection's client over a SwiftNIO channel (TLS and the message codec are handlers in its
/// pipeline): used when the server is configured with TLS.
///
/// `@unchecked Sendable`: the iterator is advanced by the connection's task only.
final class ChannelTransport: ClientTransport, @unchecked Sendable {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<FrontendMessage>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<BackendMessage>
    private let output: PendingOutput

    init(_ channel: any Channel, inbound: NIOAsyncChannelInboundStream<FrontendMessage>,
         outbound: NIOAsyncChannelOutboundWriter<BackendMessage>) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.output = PendingOutput(outbound)
    }

    func next() async throws -> FrontendMessage? {
        try await inbound.next()
    }

    func write(_ messages: [BackendMessage]) async throws {
        try await output.write(messages)
    }

    func flush() async throws {
        try await output.flush()
    }

    /// Hands over what is held and closes the channel (its `BackendMessageWriter` sends
    /// everything before the close), as `executeThenClose` would.
    func close() async {
        try? await output.flush()
        outbound.finish()
        try? await channel.close()
    }

    var peer: (host: String, port: Int?)? {
        guard let address = channel.remoteAddress, let host = address.ipAddress else { return nil }
        return (host, address.port)
    }

    func whenClosed(_ action: @escaping @Sendable () -> Void) {
        channel.closeFuture.whenComplete { _ in action() }
    }

    func terminate(with notice: BackendMessage.Notice) async {
        // Straight into the pipeline (the encoder is in it, on the channel's event loop, which
        // serializes it with the connection's writes), flushed before the close.
        try? await channel.writeAndFlush(BackendMessage.errorResponse(notice))
        try? await channel.close()
    }
}

import NIOCore

/// Encodes `BackendMessage`s and sends them one turn at a time, as a PostgreSQL backend flushes its
/// output only when it is about to wait for the client.
///
/// The connection asks for a flush after every write; this handler holds the encoded bytes until
/// `OutputTurn` says the client waits for them (a `select 1` so goes out in one TCP segment
/// instead of four). The NIO channel's half of the encoding; `SocketTransport` is the other.
final class BackendMessageWriter: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = FrontendMessage
    typealias InboundOut = FrontendMessage
    typealias OutboundIn = BackendMessage
    typealias OutboundOut = ByteBuffer

    /// Held bytes are sent once they reach this size.
    var flushThreshold: Int { turn.flushThreshold }
    private var pending: ByteBuffer?
    private var promises: [EventLoopPromise<Void>] = []
    private var turn: OutputTurn

    init(flushThreshold: Int = 32 * 1024) {
        self.turn = OutputTurn(flushThreshold: flushThreshold)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if turn.received(unwrapInboundIn(data)) { send(context: context) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let message = unwrapOutboundIn(data)
        if pending == nil { pending = context.channel.allocator.buffer(capacity: 256) }
        BackendMessageEncoder.write(message, to: &pending!)
        if let promise { promises.append(promise) }
        turn.wrote(message)
    }

    func flush(context: ChannelHandlerContext) {
        guard turn.sendsNow(heldBytes: pending?.readableBytes ?? 0) else { return }
        send(context: context)
    }

    /// Writes and flushes what is held.
    private func send(context: ChannelHandlerContext) {
        turn.sent()
        guard let buffer = pending else { return }
        pending = nil
        let held = promises
        promises = []
        let written = context.writeAndFlush(wrapOutboundOut(buffer))
        for promise in held { written.cascade(to: promise) }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        send(context: context)
        context.close(mode: mode, promise: promise)
    }
}

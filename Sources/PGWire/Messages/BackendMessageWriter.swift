import NIOCore

/// Encodes `BackendMessage`s and sends them one turn at a time, as a PostgreSQL backend flushes its
/// output only when it is about to wait for the client.
///
/// The connection asks for a flush after every write; this handler holds the encoded bytes until a
/// message the client waits for has been written — ReadyForQuery, the answers of startup and
/// authentication, a FATAL error — or until the client sent Flush (it then waits for whatever the
/// messages before it produced), or until `flushThreshold` bytes are held (a large result streams).
/// A `select 1` so goes out in one TCP segment instead of four.
final class BackendMessageWriter: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = FrontendMessage
    typealias InboundOut = FrontendMessage
    typealias OutboundIn = BackendMessage
    typealias OutboundOut = ByteBuffer

    /// Held bytes are sent once they reach this size.
    let flushThreshold: Int
    private var pending: ByteBuffer?
    private var promises: [EventLoopPromise<Void>] = []
    /// A message the client waits for was written since the last flush.
    private var turnEnded = false
    /// The client sent Flush: every answer goes out until the next ReadyForQuery.
    private var clientWaits = false

    init(flushThreshold: Int = 32 * 1024) {
        self.flushThreshold = flushThreshold
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .flush = unwrapInboundIn(data) {
            clientWaits = true
            send(context: context)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let message = unwrapOutboundIn(data)
        if pending == nil { pending = context.channel.allocator.buffer(capacity: 256) }
        BackendMessageEncoder.write(message, to: &pending!)
        if let promise { promises.append(promise) }
        switch message {
        case .readyForQuery:
            turnEnded = true
            clientWaits = false
        case .encryptionResponse, .authenticationMD5Password, .authenticationSHA256Digest:
            turnEnded = true
        case .errorResponse(let notice) where notice.severity == "FATAL":
            turnEnded = true
        default:
            break
        }
    }

    func flush(context: ChannelHandlerContext) {
        guard turnEnded || clientWaits || (pending?.readableBytes ?? 0) >= flushThreshold else { return }
        send(context: context)
    }

    /// Writes and flushes what is held.
    private func send(context: ChannelHandlerContext) {
        turnEnded = false
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

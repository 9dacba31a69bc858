import NIOCore

/// Closes a connection that has not finished its startup (up to the first ReadyForQuery) within
/// the timeout: a slow or silent client, or one that stops in the middle of authentication. The
/// client gets a FATAL ErrorResponse (57014, PostgreSQL's `canceling authentication due to timeout`
/// of authentication_timeout) when it can still read one.
final class StartupTimeoutHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = BackendMessage
    typealias OutboundOut = BackendMessage

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var started = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard !started else { return }
            let notice = BackendMessage.Notice(severity: "FATAL", code: "57014",
                                               message: "canceling authentication due to timeout")
            // Written at once on a plain socket; lost if a TLS handshake never finished.
            context.writeAndFlush(wrapOutboundOut(.errorResponse(notice)), promise: nil)
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !started, case .readyForQuery = unwrapOutboundIn(data) {
            started = true
            timer?.cancel()
            timer = nil
        }
        context.write(data, promise: promise)
    }
}

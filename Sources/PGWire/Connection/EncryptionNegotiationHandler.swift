import NIOCore
import NIOSSL

/// The first handler of a connection: answers SSLRequest and GSSENCRequest, which may come before
/// the StartupMessage, on the event loop itself, so that no byte of a TLS handshake can reach the
/// message decoder.
///
/// SSLRequest is answered `S` when TLS is configured: a `NIOSSLServerHandler` takes this handler's
/// place and the client's next bytes are its ClientHello. Otherwise (and always for GSSENCRequest)
/// the answer is `N` and the client goes on in plain text (protocol-flow.html, "SSL Session
/// Encryption"). At the first other packet the handler passes everything on and leaves.
final class EncryptionNegotiationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let tls: NIOSSLContext?
    private var pending: ByteBuffer?

    init(tls: NIOSSLContext?) {
        self.tls = tls
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if var pending {
            pending.writeBuffer(&buffer)
            buffer = pending
            self.pending = nil
        }
        while true {
            guard let length = buffer.getInteger(at: buffer.readerIndex, as: Int32.self),
                  let code = buffer.getInteger(at: buffer.readerIndex + 4, as: Int32.self) else {
                pending = buffer   // fewer than 8 bytes: wait for the rest (the startup timeout bounds it)
                return
            }
            guard length == 8, code == FrontendMessageDecoder.sslRequestCode
                    || code == FrontendMessageDecoder.gssEncryptionRequestCode else {
                leave(context: context, passing: buffer)
                return
            }
            buffer.moveReaderIndex(forwardBy: 8)
            if code == FrontendMessageDecoder.sslRequestCode, let tls {
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(integer: UInt8(ascii: "S"))),
                                      promise: nil)
                do {
                    try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls),
                                                                   position: .after(self))
                } catch {
                    context.fireErrorCaught(error)
                    context.close(promise: nil)
                    return
                }
                leave(context: context, passing: buffer)
                return
            }
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(integer: UInt8(ascii: "N"))),
                                  promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending = nil
        context.fireChannelInactive()
    }

    /// Passes the unread bytes on (to the TLS handler, or the decoder) and leaves the pipeline.
    private func leave(context: ChannelHandlerContext, passing buffer: ByteBuffer) {
        if buffer.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(buffer)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

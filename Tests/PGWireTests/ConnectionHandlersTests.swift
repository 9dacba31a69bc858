import NIOCore
import NIOEmbedded
import Testing
@testable import PGWire

/// The handlers in front of the decoder: encryption negotiation (protocol-flow.html, "SSL Session
/// Encryption", "GSSAPI Session Encryption") and the startup timeout (PostgreSQL's
/// authentication_timeout, runtime-config-connection.html).
@Suite struct ConnectionHandlersTests {
    private func packet(_ code: Int32) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(8))
        buffer.writeInteger(code)
        return buffer
    }

    @Test func sslAndGSSRequestsAreDeclinedWithoutTLS() throws {
        let channel = EmbeddedChannel(handler: EncryptionNegotiationHandler(tls: nil))
        var requests = packet(FrontendMessageDecoder.gssEncryptionRequestCode)
        var ssl = packet(FrontendMessageDecoder.sslRequestCode)
        requests.writeBuffer(&ssl)
        try channel.writeInbound(requests)
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(bytes: [UInt8(ascii: "N")]))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(bytes: [UInt8(ascii: "N")]))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        // The StartupMessage (in two reads) goes on, untouched, once its first 8 bytes show it is
        // not a request; the handler leaves.
        let startup: [UInt8] = [0, 0, 0, 9, 0, 3, 0, 0, 0]
        try channel.writeInbound(ByteBuffer(bytes: startup.prefix(5)))
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(ByteBuffer(bytes: startup.dropFirst(5)))
        #expect(try channel.readInbound(as: ByteBuffer.self).map { Array($0.readableBytesView) } == startup)
        try channel.writeInbound(ByteBuffer(bytes: [1, 2]))
        #expect(try channel.readInbound(as: ByteBuffer.self).map { Array($0.readableBytesView) } == [1, 2])
        #expect(try channel.finish().isClean)
    }

    @Test func aSplitRequestWaitsForItsEightBytes() throws {
        let channel = EmbeddedChannel(handler: EncryptionNegotiationHandler(tls: nil))
        let ssl = Array(packet(FrontendMessageDecoder.sslRequestCode).readableBytesView)
        try channel.writeInbound(ByteBuffer(bytes: ssl.prefix(3)))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(ByteBuffer(bytes: ssl.dropFirst(3)))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(bytes: [UInt8(ascii: "N")]))
        _ = try channel.finish()
    }

    @Test func garbageIsPassedOnForTheDecoderToRefuse() throws {
        let channel = EmbeddedChannel(handler: EncryptionNegotiationHandler(tls: nil))
        let garbage = ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n")
        try channel.writeInbound(garbage)
        #expect(try channel.readInbound(as: ByteBuffer.self) == garbage)
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        _ = try channel.finish()
    }

    @Test func aSilentClientGetsAFatalErrorThenIsClosed() throws {
        let channel = EmbeddedChannel(handler: StartupTimeoutHandler(timeout: .seconds(60)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5439)).wait()
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(try channel.readOutbound(as: BackendMessage.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(try channel.readOutbound(as: BackendMessage.self) == .errorResponse(
            .init(severity: "FATAL", code: "57014", message: "canceling authentication due to timeout")))
        let active = channel.isActive
        #expect(!active)
    }

    @Test func readyForQueryEndsTheTimer() throws {
        let channel = EmbeddedChannel(handler: StartupTimeoutHandler(timeout: .seconds(1)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5439)).wait()
        try channel.writeOutbound(BackendMessage.readyForQuery(.idle))
        #expect(try channel.readOutbound(as: BackendMessage.self) == .readyForQuery(.idle))
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(try channel.readOutbound(as: BackendMessage.self) == nil)
        let active = channel.isActive
        #expect(active)
        _ = try channel.finish()
    }
}

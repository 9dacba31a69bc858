import NIOCore
import NIOEmbedded
import Testing
@testable import PGWire

/// Output goes out a turn at a time: held until a message the client waits for (PostgreSQL's
/// backend flushes before it reads again; protocol-flow.html: ReadyForQuery ends each cycle, and
/// Flush "forces the backend to deliver any data pending in its output buffers").
@Suite struct BackendMessageWriterTests {
    private func channel(threshold: Int = 32 * 1024) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(BackendMessageWriter(flushThreshold: threshold))
        return channel
    }

    private func outbound(_ channel: EmbeddedChannel) throws -> [ByteBuffer] {
        var buffers: [ByteBuffer] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { buffers.append(buffer) }
        return buffers
    }

    @Test func aQueryCycleIsOneWrite() throws {
        let channel = try channel()
        let messages: [BackendMessage] = [
            .rowDescription([.init(name: "?column?", typeOID: 23, typeSize: 4)]), .dataRow(["1"]),
            .commandComplete(tag: "SELECT 1"),
        ]
        for message in messages { channel.writeAndFlush(message, promise: nil) }
        #expect(try outbound(channel).isEmpty)
        channel.writeAndFlush(BackendMessage.readyForQuery(.idle), promise: nil)
        let written = try outbound(channel)
        #expect(written.count == 1)
        var expected = ByteBuffer()
        for message in messages + [.readyForQuery(.idle)] { BackendMessageEncoder.write(message, to: &expected) }
        #expect(written.first == expected)
    }

    @Test func clientFlushSendsWhatIsHeldAndWhatFollows() throws {
        let channel = try channel()
        channel.writeAndFlush(BackendMessage.parseComplete, promise: nil)
        #expect(try outbound(channel).isEmpty)
        try channel.writeInbound(FrontendMessage.flush)
        #expect(try outbound(channel).count == 1)
        #expect(try channel.readInbound(as: FrontendMessage.self) == .flush)
        channel.writeAndFlush(BackendMessage.bindComplete, promise: nil)
        #expect(try outbound(channel).count == 1)
        channel.writeAndFlush(BackendMessage.readyForQuery(.idle), promise: nil)
        channel.writeAndFlush(BackendMessage.parseComplete, promise: nil)
        #expect(try outbound(channel).count == 1, "after ReadyForQuery, output is held again")
    }

    @Test func startupAnswersAndFatalErrorsAreNotHeld() throws {
        let channel = try channel()
        channel.writeAndFlush(BackendMessage.encryptionResponse(accepted: false), promise: nil)
        #expect(try outbound(channel).count == 1)
        channel.writeAndFlush(BackendMessage.authenticationMD5Password(salt: [1, 2, 3, 4]), promise: nil)
        #expect(try outbound(channel).count == 1)
        channel.writeAndFlush(BackendMessage.errorResponse(.init(severity: "FATAL", code: "28000", message: "x")), promise: nil)
        #expect(try outbound(channel).count == 1)
    }

    @Test func largeResultsStream() throws {
        let channel = try channel(threshold: 100)
        for _ in 0..<20 { channel.writeAndFlush(BackendMessage.dataRow(["0123456789"]), promise: nil) }
        #expect(try outbound(channel).count >= 2)
    }
}

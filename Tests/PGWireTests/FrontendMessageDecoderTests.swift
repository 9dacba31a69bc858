import NIOCore
import Testing
@testable import PGWire

/// Frontend messages as protocol-message-formats.html lays them out.
@Suite struct FrontendMessageDecoderTests {
    private func startupPacket(code: Int32, body: (inout ByteBuffer) -> Void = { _ in }) -> ByteBuffer {
        var payload = ByteBuffer()
        payload.writeInteger(code)
        body(&payload)
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(payload.readableBytes + 4))
        buffer.writeBuffer(&payload)
        return buffer
    }

    private func typed(_ type: Character, _ body: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var payload = ByteBuffer()
        body(&payload)
        var buffer = ByteBuffer()
        buffer.writeInteger(type.asciiValue!)
        buffer.writeInteger(Int32(payload.readableBytes + 4))
        buffer.writeBuffer(&payload)
        return buffer
    }

    @Test func sslRequestThenStartup() throws {
        var decoder = FrontendMessageDecoder()
        var buffer = startupPacket(code: 80877103)
        #expect(try decoder.decode(buffer: &buffer) == .sslRequest)
        #expect(decoder.expectingStartup)
        buffer = startupPacket(code: 196608) {
            $0.writeNullTerminatedString("user"); $0.writeNullTerminatedString("alice")
            $0.writeNullTerminatedString("database"); $0.writeNullTerminatedString("dev")
            $0.writeInteger(UInt8(0))
        }
        #expect(try decoder.decode(buffer: &buffer) == .startup(protocolVersion: 196608,
                                                                 parameters: ["user": "alice", "database": "dev"]))
        #expect(!decoder.expectingStartup)
    }

    @Test func cancelRequest() throws {
        var decoder = FrontendMessageDecoder()
        var buffer = startupPacket(code: 80877102) { $0.writeInteger(Int32(42)); $0.writeInteger(Int32(7)) }
        #expect(try decoder.decode(buffer: &buffer) == .cancelRequest(processId: 42, secretKey: 7))
    }

    @Test func partialMessageWaitsForMoreBytes() throws {
        var decoder = FrontendMessageDecoder()
        let full = startupPacket(code: 196608) {
            $0.writeNullTerminatedString("user"); $0.writeNullTerminatedString("u"); $0.writeInteger(UInt8(0))
        }
        var head = full.getSlice(at: full.readerIndex, length: 6)!
        #expect(try decoder.decode(buffer: &head) == nil)
        #expect(head.readableBytes == 6)   // nothing consumed
        var whole = full
        #expect(try decoder.decode(buffer: &whole) == .startup(protocolVersion: 196608, parameters: ["user": "u"]))
        let query = typed("Q") { $0.writeNullTerminatedString("select 1") }
        var split = query.getSlice(at: query.readerIndex, length: 3)!
        #expect(try decoder.decode(buffer: &split) == nil)
        var rest = query
        #expect(try decoder.decode(buffer: &rest) == .query("select 1"))
    }

    @Test func queryAndExtendedMessages() throws {
        var decoder = FrontendMessageDecoder()
        var startup = startupPacket(code: 196608) { $0.writeInteger(UInt8(0)) }
        _ = try decoder.decode(buffer: &startup)
        var buffer = typed("Q") { $0.writeNullTerminatedString("select 1; select 2") }
        buffer.writeImmutableBuffer(typed("P") {
            $0.writeNullTerminatedString("s1"); $0.writeNullTerminatedString("select $1")
            $0.writeInteger(Int16(1)); $0.writeInteger(Int32(23))
        })
        buffer.writeImmutableBuffer(typed("B") {
            $0.writeNullTerminatedString(""); $0.writeNullTerminatedString("s1")
            $0.writeInteger(Int16(0))
            $0.writeInteger(Int16(2)); $0.writeInteger(Int32(1)); $0.writeString("7"); $0.writeInteger(Int32(-1))
            $0.writeInteger(Int16(0))
        })
        buffer.writeImmutableBuffer(typed("D") { $0.writeInteger(UInt8(ascii: "P")); $0.writeNullTerminatedString("") })
        buffer.writeImmutableBuffer(typed("E") { $0.writeNullTerminatedString(""); $0.writeInteger(Int32(0)) })
        buffer.writeImmutableBuffer(typed("S") { _ in })
        buffer.writeImmutableBuffer(typed("X") { _ in })
        var messages: [FrontendMessage] = []
        while let message = try decoder.decode(buffer: &buffer) { messages.append(message) }
        #expect(messages == [
            .query("select 1; select 2"),
            .parse(name: "s1", query: "select $1", parameterTypes: [23]),
            .bind(.init(portal: "", statement: "s1", parameterFormats: [], parameters: [Array("7".utf8), nil], resultFormats: [])),
            .describe(.portal, name: ""),
            .execute(portal: "", maxRows: 0),
            .sync,
            .terminate,
        ])
    }

    @Test func oversizedMessageIsRefused() throws {
        var decoder = FrontendMessageDecoder(maximumMessageLength: 100)
        var startup = startupPacket(code: 196608) { $0.writeInteger(UInt8(0)) }
        _ = try decoder.decode(buffer: &startup)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt8(ascii: "Q"))
        buffer.writeInteger(Int32(1_000))
        #expect(throws: FrontendMessageDecoder.DecodingError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test func garbageStartupIsRefused() throws {
        var decoder = FrontendMessageDecoder()
        var buffer = ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        #expect(throws: FrontendMessageDecoder.DecodingError.self) { try decoder.decode(buffer: &buffer) }
    }

    /// Found by the door fuzzer: a startup packet cut inside its parameters logged in. PostgreSQL
    /// refuses it: "invalid startup packet layout: expected terminator as last byte" (08P01).
    @Test(arguments: [["user", "alice", "database"], ["user"], ["user", "alice"]])
    func startupWithoutItsTerminatorIsRefused(strings: [String]) throws {
        var decoder = FrontendMessageDecoder()
        var buffer = startupPacket(code: 196608) { body in
            for (index, text) in strings.enumerated() {
                if index == strings.count - 1 { body.writeString(text) } else { body.writeNullTerminatedString(text) }
            }
        }
        #expect(throws: FrontendMessageDecoder.DecodingError(reason: "invalid startup packet layout: expected terminator as last byte")) {
            try decoder.decode(buffer: &buffer)
        }
        var trailing = startupPacket(code: 196608) {
            $0.writeNullTerminatedString("user"); $0.writeNullTerminatedString("u"); $0.writeInteger(UInt8(0)); $0.writeString("x")
        }
        #expect(throws: FrontendMessageDecoder.DecodingError.self) { try decoder.decode(buffer: &trailing) }
    }

    @Test func unknownTypeIsKept() throws {
        var decoder = FrontendMessageDecoder()
        var startup = startupPacket(code: 196608) { $0.writeInteger(UInt8(0)) }
        _ = try decoder.decode(buffer: &startup)
        var buffer = typed("z") { _ in }
        #expect(try decoder.decode(buffer: &buffer) == .unknown(type: UInt8(ascii: "z")))
    }
}

import NIOCore
import Testing
@testable import PGWire

/// The authentication and negotiation messages byte for byte (protocol-message-formats.html;
/// AUTH_REQ_DIGEST as redshift_connector's core.py reads it), and the bytes that must be refused.
@Suite struct AuthenticationMessagesTests {
    private func bytes(_ message: BackendMessage) -> [UInt8] {
        var buffer = ByteBuffer()
        BackendMessageEncoder.write(message, to: &buffer)
        return Array(buffer.readableBytesView)
    }

    private func afterStartup(maximumMessageLength: Int = 16 * 1024 * 1024) throws -> FrontendMessageDecoder {
        var decoder = FrontendMessageDecoder(maximumMessageLength: maximumMessageLength)
        var startup = ByteBuffer(bytes: [0, 0, 0, 9, 0, 3, 0, 0, 0])
        _ = try decoder.decode(buffer: &startup)
        return decoder
    }

    @Test func sha256DigestRequest() {
        // 'R', length, 13, algorithm 0 (SHA-256), salt length + salt, nonce length + nonce.
        #expect(bytes(.authenticationSHA256Digest(salt: [1, 2], nonce: [3])) == [
            UInt8(ascii: "R"), 0, 0, 0, 23, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 0, 0, 0, 1, 3])
    }

    @Test func negotiateProtocolVersion() {
        #expect(bytes(.negotiateProtocolVersion(newestMinor: 0, unrecognizedOptions: ["_pq_.x"])) == [
            UInt8(ascii: "v"), 0, 0, 0, 19, 0, 0, 0, 0, 0, 0, 0, 1] + Array("_pq_.x".utf8) + [0])
    }

    @Test func digestAnswerIsCopyData() throws {
        var decoder = try afterStartup()
        var buffer = ByteBuffer(bytes: [UInt8(ascii: "d"), 0, 0, 0, 7, 9, 8, 7])
        #expect(try decoder.decode(buffer: &buffer) == .copyData([9, 8, 7]))
    }

    @Test func anOversizedMessageNamesTheLimit() throws {
        var decoder = try afterStartup(maximumMessageLength: 4096)
        var buffer = ByteBuffer(bytes: [UInt8(ascii: "Q"), 0, 0, 0x10, 0x01])
        #expect(throws: FrontendMessageDecoder.DecodingError(reason: "message of 4097 bytes exceeds the limit of 4096 bytes")) {
            try decoder.decode(buffer: &buffer)
        }
        var exact = try afterStartup(maximumMessageLength: 4096)
        var fits = ByteBuffer(bytes: [UInt8(ascii: "Q"), 0, 0, 0x10, 0x00])
        #expect(try exact.decode(buffer: &fits) == nil)   // allowed: waits for its body
    }

    @Test func aNegativeLengthIsRefused() throws {
        var decoder = try afterStartup()
        var buffer = ByteBuffer(bytes: [UInt8(ascii: "Q"), 0xFF, 0xFF, 0xFF, 0xF0])
        #expect(throws: FrontendMessageDecoder.DecodingError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test func httpOnThePortIsAnInvalidStartupPacket() throws {
        var decoder = FrontendMessageDecoder()
        var buffer = ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n")
        #expect(throws: FrontendMessageDecoder.DecodingError(reason: "invalid length of startup packet")) {
            try decoder.decode(buffer: &buffer)
        }
    }
}

import NIOCore
import Testing
@testable import PGWire

/// Backend messages byte for byte (protocol-message-formats.html).
@Suite struct BackendMessageEncoderTests {
    private func bytes(_ message: BackendMessage) -> [UInt8] {
        var buffer = ByteBuffer()
        BackendMessageEncoder.write(message, to: &buffer)
        return Array(buffer.readableBytesView)
    }

    @Test func sslRefusalIsOneByte() {
        #expect(bytes(.encryptionResponse(accepted: false)) == [UInt8(ascii: "N")])
    }

    @Test func authentication() {
        #expect(bytes(.authenticationOk) == [UInt8(ascii: "R"), 0, 0, 0, 8, 0, 0, 0, 0])
        #expect(bytes(.authenticationMD5Password(salt: [1, 2, 3, 4])) == [UInt8(ascii: "R"), 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4])
    }

    @Test func readyForQuery() {
        #expect(bytes(.readyForQuery(.inTransaction)) == [UInt8(ascii: "Z"), 0, 0, 0, 5, UInt8(ascii: "T")])
    }

    @Test func dataRowWithNull() {
        #expect(bytes(.dataRow(["ab", nil])) == [UInt8(ascii: "D"), 0, 0, 0, 16, 0, 2, 0, 0, 0, 2, 97, 98, 255, 255, 255, 255])
    }

    @Test func commandComplete() {
        #expect(bytes(.commandComplete(tag: "SELECT 1")) == [UInt8(ascii: "C"), 0, 0, 0, 13] + Array("SELECT 1".utf8) + [0])
    }

    @Test func rowDescription() {
        let field = BackendMessage.Field(name: "a", typeOID: 23, typeSize: 4)
        let encoded = bytes(.rowDescription([field]))
        #expect(encoded.count == 1 + 4 + 2 + 2 + 18)
        #expect(Array(encoded[5..<7]) == [0, 1])
        #expect(Array(encoded[7..<9]) == [97, 0])
        #expect(Array(encoded[15..<19]) == [0, 0, 0, 23])
    }

    @Test func errorResponseFields() {
        let encoded = bytes(.errorResponse(.init(code: "42P01", message: "relation \"t\" does not exist", position: 15)))
        let text = String(decoding: encoded.dropFirst(5), as: UTF8.self)
        #expect(text.contains("SERROR\0"))
        #expect(text.contains("C42P01\0"))
        #expect(text.contains("Mrelation \"t\" does not exist\0"))
        #expect(text.contains("P15\0"))
        #expect(encoded.last == 0)
    }
}

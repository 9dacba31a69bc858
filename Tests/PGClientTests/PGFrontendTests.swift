@testable import PGClient
import Testing

/// Frontend messages byte for byte (PostgreSQL docs › Frontend/Backend Protocol › Message Formats).
@Suite struct PGFrontendTests {
    @Test func startupCarriesProtocol3AndTheParameters() {
        let bytes = PGFrontend.startup(user: "u", database: "d")
        #expect(Array(bytes[0..<4]) == PGFrontend.int32(Int32(bytes.count)))
        #expect(Array(bytes[4..<8]) == [0, 3, 0, 0])   // 196608: major 3, minor 0
        #expect(String(decoding: bytes[8...], as: UTF8.self) == "user\0u\0database\0d\0client_encoding\0UTF8\0\0")
    }

    @Test func sslRequestIsItsMagicCode() {
        #expect(PGFrontend.sslRequest == [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F])   // 80877103
    }

    @Test func extendedQueryBindsTextValuesAndNull() {
        let bytes = PGFrontend.extendedQuery("select $1, $2", parameters: ["it's", nil], describe: false)
        var types: [Character] = []
        var index = 0
        var bind: [UInt8] = []
        while index < bytes.count {
            let type = Character(UnicodeScalar(bytes[index]))
            let length = Int(bytes[(index + 1)..<(index + 5)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            if type == "B" { bind = Array(bytes[(index + 5)..<(index + 1 + length)]) }
            types.append(type)
            index += 1 + length
        }
        #expect(types == ["P", "B", "E", "S"])
        // portal "", statement "", 0 format codes, 2 values: "it's" (4 bytes), NULL (-1), 0 result format codes.
        #expect(bind == [0, 0, 0, 0, 0, 2, 0, 0, 0, 4] + Array("it's".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0, 0])
        #expect(PGFrontend.extendedQuery("select 1", parameters: [], describe: true).contains(UInt8(ascii: "D")))
    }
}

import Foundation

/// Frontend messages of the PostgreSQL v3 protocol, as bytes (the protocol page, "Message Formats").
enum PGFrontend {
    /// StartupMessage: protocol 3.0 and the `user` and `database` parameters.
    static func startup(user: String, database: String) -> [UInt8] {
        var body = int32(196_608)
        for (name, value) in [("user", user), ("database", database), ("client_encoding", "UTF8")] {
            body += cString(name) + cString(value)
        }
        body.append(0)
        return int32(Int32(body.count + 4)) + body
    }

    /// SSLRequest: length 8, code 80877103.
    static let sslRequest: [UInt8] = int32(8) + int32(80_877_103)

    /// PasswordMessage (cleartext or MD5 answer).
    static func password(_ text: String) -> [UInt8] { message("p", cString(text)) }

    /// SASLInitialResponse: the mechanism and the client-first message.
    static func saslInitial(mechanism: String, _ data: [UInt8]) -> [UInt8] {
        message("p", cString(mechanism) + int32(Int32(data.count)) + data)
    }

    /// Redshift's digest answer (`d`): the digest and the client nonce, each with its length.
    static func digestAnswer(_ digest: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        message("d", int32(Int32(digest.count)) + digest + int32(Int32(clientNonce.count)) + clientNonce)
    }

    /// SASLResponse.
    static func saslResponse(_ data: [UInt8]) -> [UInt8] { message("p", data) }

    static func query(_ sql: String) -> [UInt8] { message("Q", cString(sql)) }

    /// Parse (unnamed statement, parameter types left to the server), Bind (text values, NULL for
    /// nil; text results), optionally Describe portal, Execute (no row limit) and Sync.
    static func extendedQuery(_ sql: String, parameters: [String?], describe: Bool) -> [UInt8] {
        var bytes = message("P", cString("") + cString(sql) + int16(0))
        var bind = cString("") + cString("") + int16(0) + int16(Int16(parameters.count))
        for value in parameters {
            if let value {
                let data = Array(value.utf8)
                bind += int32(Int32(data.count)) + data
            } else {
                bind += int32(-1)
            }
        }
        bind += int16(0)
        bytes += message("B", bind)
        if describe { bytes += message("D", [UInt8(ascii: "P")] + cString("")) }
        bytes += message("E", cString("") + int32(0))
        bytes += message("S", [])
        return bytes
    }

    static func copyFail(_ reason: String) -> [UInt8] { message("f", cString(reason)) }

    static let terminate: [UInt8] = message("X", [])

    static func message(_ type: Character, _ body: [UInt8]) -> [UInt8] {
        [type.asciiValue!] + int32(Int32(body.count + 4)) + body
    }

    static func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    static func int32(_ value: Int32) -> [UInt8] {
        let bits = UInt32(bitPattern: value)
        return [UInt8(bits >> 24), UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 8),
                UInt8(truncatingIfNeeded: bits)]
    }

    static func int16(_ value: Int16) -> [UInt8] {
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits >> 8), UInt8(truncatingIfNeeded: bits)]
    }
}

/// Reads the fields of one backend message's body.
struct PGBody {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    mutating func int32() throws -> Int32 {
        guard bytes.endIndex - index >= 4 else { throw PGClientError.protocolViolation("message too short") }
        let value = bytes[index..<(index + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        index += 4
        return Int32(bitPattern: value)
    }

    mutating func int16() throws -> Int16 {
        guard bytes.endIndex - index >= 2 else { throw PGClientError.protocolViolation("message too short") }
        let value = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
        index += 2
        return Int16(bitPattern: value)
    }

    mutating func byte() throws -> UInt8 {
        guard index < bytes.endIndex else { throw PGClientError.protocolViolation("message too short") }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func cString() throws -> String {
        guard let end = bytes[index...].firstIndex(of: 0) else { throw PGClientError.protocolViolation("unterminated string") }
        defer { index = end + 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - index >= count else { throw PGClientError.protocolViolation("message too short") }
        defer { index += count }
        return bytes[index..<(index + count)]
    }

    var rest: ArraySlice<UInt8> { bytes[index...] }
}

import NIOCore

/// Decodes a client's byte stream into `FrontendMessage`s.
///
/// Until the StartupMessage the packets are untyped (a length, then a code or a protocol
/// version): SSLRequest, GSSENCRequest and CancelRequest may come first. After it, every message is
/// a type byte, a length that counts itself, and the body.
public struct FrontendMessageDecoder: ByteToMessageDecoder {
    public typealias InboundOut = FrontendMessage

    /// Why the stream cannot be read any further; the connection is closed.
    public struct DecodingError: Error, Equatable {
        public var reason: String
    }

    static let sslRequestCode: Int32 = 80877103
    static let gssEncryptionRequestCode: Int32 = 80877104
    static let cancelRequestCode: Int32 = 80877102
    static let protocolVersion3: Int32 = 196608

    /// True until the StartupMessage.
    public private(set) var expectingStartup = true
    /// The longest message accepted (default 16 MB, the longest Redshift statement).
    public let maximumMessageLength: Int

    public init(maximumMessageLength: Int = 16 * 1024 * 1024) {
        self.maximumMessageLength = maximumMessageLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let message = try decode(buffer: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(message))
        return .continue
    }

    /// The next whole message in `buffer` (consumed), or nil when more bytes are needed.
    public mutating func decode(buffer: inout ByteBuffer) throws -> FrontendMessage? {
        if expectingStartup {
            guard let length = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return nil }
            guard length >= 8, length <= 10_000 else { throw DecodingError(reason: "invalid length of startup packet") }
            guard buffer.readableBytes >= Int(length) else { return nil }
            buffer.moveReaderIndex(forwardBy: 4)
            guard var body = buffer.readSlice(length: Int(length) - 4) else { return nil }
            let code = body.readInteger(as: Int32.self)!
            switch code {
            case Self.sslRequestCode: return .sslRequest
            case Self.gssEncryptionRequestCode: return .gssEncryptionRequest
            case Self.cancelRequestCode:
                guard let pid = body.readInteger(as: Int32.self), let key = body.readInteger(as: Int32.self) else {
                    throw DecodingError(reason: "invalid CancelRequest")
                }
                return .cancelRequest(processId: pid, secretKey: key)
            default:
                // Name/value pairs, then the terminator as the packet's last byte; anything else is
                // refused as PostgreSQL refuses it (found by the door fuzzer: a packet cut inside a
                // name logged in).
                var parameters: [String: String] = [:]
                var terminated = false
                while let name = body.readNullTerminatedString() {
                    if name.isEmpty { terminated = body.readableBytes == 0; break }
                    guard let value = body.readNullTerminatedString() else { break }
                    parameters[name] = value
                }
                guard terminated else {
                    throw DecodingError(reason: "invalid startup packet layout: expected terminator as last byte")
                }
                expectingStartup = false
                return .startup(protocolVersion: code, parameters: parameters)
            }
        }
        guard buffer.readableBytes >= 5,
              let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let length = buffer.getInteger(at: buffer.readerIndex + 1, as: Int32.self) else { return nil }
        guard length >= 4 else { throw DecodingError(reason: "invalid message length \(length)") }
        guard Int(length) <= maximumMessageLength else {
            throw DecodingError(reason: "message of \(length) bytes exceeds the limit of \(maximumMessageLength) bytes")
        }
        guard buffer.readableBytes >= Int(length) + 1 else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        var body = buffer.readSlice(length: Int(length) - 4)!
        return try Self.message(type: type, body: &body)
    }

    static func message(type: UInt8, body: inout ByteBuffer) throws -> FrontendMessage {
        func string() throws -> String {
            guard let value = body.readNullTerminatedString() else { throw DecodingError(reason: "missing string terminator") }
            return value
        }
        func int16() throws -> Int16 {
            guard let value = body.readInteger(as: Int16.self) else { throw DecodingError(reason: "message too short") }
            return value
        }
        func int32() throws -> Int32 {
            guard let value = body.readInteger(as: Int32.self) else { throw DecodingError(reason: "message too short") }
            return value
        }
        switch type {
        case UInt8(ascii: "p"): return .password(try string())
        case UInt8(ascii: "Q"): return .query(try string())
        case UInt8(ascii: "d"): return .copyData(body.readBytes(length: body.readableBytes) ?? [])
        case UInt8(ascii: "P"):
            let name = try string()
            let query = try string()
            let count = try int16()
            return .parse(name: name, query: query, parameterTypes: try (0..<max(0, Int(count))).map { _ in try int32() })
        case UInt8(ascii: "B"):
            let portal = try string()
            let statement = try string()
            let formats = try (0..<max(0, Int(try int16()))).map { _ in try int16() }
            let parameters: [[UInt8]?] = try (0..<max(0, Int(try int16()))).map { _ in
                let length = try int32()
                if length < 0 { return nil }
                guard let bytes = body.readBytes(length: Int(length)) else { throw DecodingError(reason: "message too short") }
                return bytes
            }
            let resultFormats = try (0..<max(0, Int(try int16()))).map { _ in try int16() }
            return .bind(.init(portal: portal, statement: statement, parameterFormats: formats, parameters: parameters,
                               resultFormats: resultFormats))
        case UInt8(ascii: "D"), UInt8(ascii: "C"):
            guard let byte = body.readInteger(as: UInt8.self), let target = FrontendMessage.Target(rawValue: byte) else {
                throw DecodingError(reason: "invalid Describe/Close target")
            }
            let name = try string()
            return type == UInt8(ascii: "D") ? .describe(target, name: name) : .close(target, name: name)
        case UInt8(ascii: "E"):
            let portal = try string()
            return .execute(portal: portal, maxRows: try int32())
        case UInt8(ascii: "S"): return .sync
        case UInt8(ascii: "H"): return .flush
        case UInt8(ascii: "X"): return .terminate
        default: return .unknown(type: type)
        }
    }
}

import NIOCore

/// Encodes `BackendMessage`s: a type byte, a length that counts itself, the body
/// (`BackendMessageWriter` uses it to fill a turn's buffer).
public enum BackendMessageEncoder {
    /// Appends one message to `out`.
    public static func write(_ message: BackendMessage, to out: inout ByteBuffer) {
        func typed(_ type: Character, _ body: (inout ByteBuffer) -> Void) {
            out.writeInteger(type.asciiValue!)
            let lengthIndex = out.writerIndex
            out.writeInteger(Int32(0))
            body(&out)
            out.setInteger(Int32(out.writerIndex - lengthIndex), at: lengthIndex)
        }
        switch message {
        case .encryptionResponse(let accepted):
            out.writeInteger(UInt8(ascii: accepted ? "S" : "N"))
        case .authenticationOk:
            typed("R") { $0.writeInteger(Int32(0)) }
        case .authenticationMD5Password(let salt):
            typed("R") { $0.writeInteger(Int32(5)); $0.writeBytes(salt) }
        case .authenticationSHA256Digest(let salt, let nonce):
            typed("R") { out in
                out.writeInteger(Int32(13))
                out.writeInteger(Int32(0))   // algorithm: SHA-256
                out.writeInteger(Int32(salt.count))
                out.writeBytes(salt)
                out.writeInteger(Int32(nonce.count))
                out.writeBytes(nonce)
            }
        case .negotiateProtocolVersion(let minor, let options):
            typed("v") { out in
                out.writeInteger(minor)
                out.writeInteger(Int32(options.count))
                for option in options { out.writeNullTerminatedString(option) }
            }
        case .parameterStatus(let name, let value):
            typed("S") { $0.writeNullTerminatedString(name); $0.writeNullTerminatedString(value) }
        case .backendKeyData(let pid, let key):
            typed("K") { $0.writeInteger(pid); $0.writeInteger(key) }
        case .readyForQuery(let status):
            typed("Z") { $0.writeInteger(status.rawValue) }
        case .rowDescription(let fields):
            typed("T") { out in
                out.writeInteger(Int16(fields.count))
                for field in fields {
                    out.writeNullTerminatedString(field.name)
                    out.writeInteger(field.tableOID)
                    out.writeInteger(field.columnNumber)
                    out.writeInteger(field.typeOID)
                    out.writeInteger(field.typeSize)
                    out.writeInteger(field.typeModifier)
                    out.writeInteger(field.format)
                    if let extended = field.extended {
                        out.writeNullTerminatedString(extended.schemaName)
                        out.writeNullTerminatedString(extended.tableName)
                        out.writeNullTerminatedString(extended.columnName)
                        out.writeNullTerminatedString(extended.catalogName)
                        out.writeInteger(extended.flags)
                    }
                }
            }
        case .dataRow(let values):
            typed("D") { out in
                out.writeInteger(Int16(values.count))
                for value in values {
                    guard let value else { out.writeInteger(Int32(-1)); continue }
                    let lengthIndex = out.writerIndex
                    out.writeInteger(Int32(0))
                    let written = out.writeString(value)
                    out.setInteger(Int32(written), at: lengthIndex)
                }
            }
        case .dataRowBytes(let values):
            typed("D") { out in
                out.writeInteger(Int16(values.count))
                for value in values {
                    guard let value else { out.writeInteger(Int32(-1)); continue }
                    out.writeInteger(Int32(value.count))
                    out.writeBytes(value)
                }
            }
        case .commandComplete(let tag):
            typed("C") { $0.writeNullTerminatedString(tag) }
        case .emptyQueryResponse:
            typed("I") { _ in }
        case .errorResponse(let notice):
            typed("E") { write(notice, to: &$0) }
        case .noticeResponse(let notice):
            typed("N") { write(notice, to: &$0) }
        case .parseComplete: typed("1") { _ in }
        case .bindComplete: typed("2") { _ in }
        case .closeComplete: typed("3") { _ in }
        case .noData: typed("n") { _ in }
        case .portalSuspended: typed("s") { _ in }
        case .parameterDescription(let types):
            typed("t") { out in
                out.writeInteger(Int16(types.count))
                for type in types { out.writeInteger(type) }
            }
        }
    }

    private static func write(_ notice: BackendMessage.Notice, to out: inout ByteBuffer) {
        func field(_ code: Character, _ value: String) {
            out.writeInteger(code.asciiValue!)
            out.writeNullTerminatedString(value)
        }
        field("S", notice.severity)
        field("V", notice.severity)
        field("C", notice.code)
        field("M", notice.message)
        if let detail = notice.detail { field("D", detail) }
        if let hint = notice.hint { field("H", hint) }
        if let position = notice.position { field("P", String(position)) }
        out.writeInteger(UInt8(0))
    }
}

/// UNLOAD … FORMAT JSON: one JSON object a line, the column names as keys, in column order.
///
/// - Redshift: r_UNLOAD › FORMAT JSON (NULL is `null`; SUPER values nest as JSON; booleans are
///   unloaded as `t` or `f`); r_UNLOAD_command_examples (`{"venueid":1,"venuename":"Pinewood Racetrack",…}`).
/// - Divergence: booleans are written as the JSON strings "t" and "f" so that each line stays valid
///   JSON (the page does not show whether they are quoted; unverified); NaN and infinities, which
///   JSON has no number for, are written as strings.
public struct JSONRowEncoder: RowEncoder {
    private let keys: [[UInt8]]

    public init(names: [String]) {
        keys = names.map { name in
            var key: [UInt8] = []
            Self.appendString(name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    public func header(_ names: [String]) throws -> [UInt8]? { nil }

    public func encode(_ row: [OutputValue], into buffer: inout [UInt8]) throws {
        buffer.append(UInt8(ascii: "{"))
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: keys[index])
            switch value {
            case .null: buffer.append(contentsOf: "null".utf8)
            case .text(let text, _): Self.appendString(text, to: &buffer)
            case .number(let text):
                if text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+") }) {
                    buffer.append(contentsOf: text.utf8)
                } else {
                    Self.appendString(text, to: &buffer)
                }
            case .boolean(let flag): Self.appendString(flag ? "t" : "f", to: &buffer)
            case .json(let text): buffer.append(contentsOf: text.utf8)
            }
        }
        buffer.append(contentsOf: "}\n".utf8)
    }

    /// A JSON string literal: `"`, `\` and control characters escaped.
    static func appendString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): buffer.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): buffer.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): buffer.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): buffer.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: #"\u00"#.utf8)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0xF)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}

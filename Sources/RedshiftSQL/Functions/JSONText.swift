/// A small strict JSON reader (RFC 8259) for the JSON text functions: each value keeps the span of
/// the source it came from, so a nested object or array is returned as it was written.
struct JSONText {
    indirect enum Value {
        case object([(key: String, value: Node)])
        case array([Node])
        case string(String)
        case number
        case bool(Bool)
        case null
    }

    /// A value and its bytes in the source.
    struct Node {
        var value: Value
        var span: Range<Int>
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// The parsed document, or nil when `text` is not valid JSON (trailing content included).
    static func parse(_ text: String) -> (node: Node, source: [UInt8])? {
        var reader = JSONText(bytes: Array(text.utf8))
        guard let node = reader.value() else { return nil }
        reader.skipSpace()
        return reader.index == reader.bytes.count ? (node, reader.bytes) : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() -> Node? {
        skipSpace()
        guard index < bytes.count, depth < 512 else { return nil }
        let start = index
        let value: Value
        switch bytes[index] {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            index += 1
            var members: [(key: String, value: Node)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return Node(value: .object([]), span: start..<index) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = self.value() else { return nil }
                members.append((key, member))
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { return nil }
                index += 1
                break
            }
            value = .object(members)
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            index += 1
            var elements: [Node] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return Node(value: .array([]), span: start..<index) }
            while true {
                guard let element = self.value() else { return nil }
                elements.append(element)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { return nil }
                index += 1
                break
            }
            value = .array(elements)
        case UInt8(ascii: "\""):
            guard let s = string() else { return nil }
            value = .string(s)
        case UInt8(ascii: "t"): guard literal("true") else { return nil }; value = .bool(true)
        case UInt8(ascii: "f"): guard literal("false") else { return nil }; value = .bool(false)
        case UInt8(ascii: "n"): guard literal("null") else { return nil }; value = .null
        default:
            guard number() else { return nil }
            value = .number
        }
        return Node(value: value, span: start..<index)
    }

    private mutating func literal(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else { return false }
        index += w.count
        return true
    }

    private mutating func number() -> Bool {
        let start = index
        func digits() -> Int { let s = index; while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }; return index - s }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") { index += 1; if digits() == 0 { return false } }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { return false }
        }
        return index > start
    }

    /// A string token at `index` (which is the opening quote), unescaped.
    private mutating func string() -> String? {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            switch b {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case 0..<0x20: return nil
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                default: return nil
                }
            default: out.append(b)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else { return nil }
        index += 4
        return v
    }
}

extension JSONText.Node {
    /// The value as Redshift's JSON text functions return it: strings unescaped, JSON null as NULL,
    /// anything else as written in the source.
    func text(in source: [UInt8]) -> String? {
        switch value {
        case .string(let s): return s
        case .null: return nil
        default: return String(decoding: source[span], as: UTF8.self)
        }
    }

    /// The member named `key` (exact, case-sensitive match).
    func member(_ key: String) -> JSONText.Node? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }
}

import Foundation

/// SUPER values as the emulator stores them: canonical (minified) JSON text in a TEXT column.
///
/// A SUPER string is a JSON string (`"abc"`), a number its JSON spelling (`1.22`), an array or an
/// object its minified JSON text. Navigation, unnesting and the SUPER functions read that text.
///
/// - Redshift: r_SUPER_type, super-overview; limitations-super (16 MB per value).
enum SuperValue {
    /// The largest SUPER value (limitations-super: "An individual SUPER object can hold up to 16 MB").
    static let maximumBytes = 16 * 1024 * 1024

    /// The error for a value past `maximumBytes`.
    /// Divergence: Redshift's exact wording is not documented (README "unverified").
    static func tooLarge(_ bytes: Int) -> SQLError {
        SQLError(code: "54000", message: "value too large for SUPER type: \(bytes) bytes exceeds the 16 MB limit (\(maximumBytes) bytes)")
    }

    /// `text` unchanged when it fits a SUPER value, else the 16 MB error.
    static func checked(_ text: String) throws -> String {
        let count = text.utf8.count
        if count > maximumBytes { throw tooLarge(count) }
        return text
    }

    /// `s` as a JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A parsed SUPER value. Text that is not JSON (stored before SUPER strings were quoted) reads
    /// as a SUPER string.
    static func parse(_ text: String) -> (node: JSONText.Node, source: [UInt8]) {
        if let parsed = JSONText.parse(text) { return parsed }
        let quoted = quote(text)
        return JSONText.parse(quoted) ?? (JSONText.Node(value: .null, span: 0..<0), [])
    }

    /// The canonical text of `node`.
    static func text(_ node: JSONText.Node, in source: [UInt8]) -> String {
        EmulatedFunctions.minified(source[node.span])
    }

    /// The spelling of a number node.
    static func numberText(_ node: JSONText.Node, in source: [UInt8]) -> String {
        String(decoding: source[node.span], as: UTF8.self)
    }

    /// The SUPER text of an SQLite value of a known Redshift type.
    static func from(_ value: SQLiteValue, type: RedshiftType) throws -> SQLiteValue {
        switch value {
        case .null: return .null
        case _ where type.isNumeric && !type.isFloat:
            guard let numeric = type.text(of: value) else { return .null }
            return .text(numeric)
        case .integer(let i) where type == .boolean: return .text(i != 0 ? "true" : "false")
        case .integer(let i): return .text(String(i))
        case .real(let d):
            guard d.isFinite else { return .text(quote(d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"))) }
            return .text(d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)")
        case .text(let t):
            return .text(try checked(quote(t)))
        case .blob:
            throw SQLError(code: "42846", message: "cannot cast type \(type.formatTypeName) to super")
        }
    }

    /// A scalar node as an SQLite value and the Redshift type it reads as; nil for null, arrays and objects.
    static func scalar(_ node: JSONText.Node, in source: [UInt8]) -> (SQLiteValue, RedshiftType)? {
        switch node.value {
        case .string(let s): return (.text(s), .varchar(length: 65535))
        case .bool(let b): return (.integer(b ? 1 : 0), .boolean)
        case .number:
            let spelling = numberText(node, in: source)
            if let i = Int64(spelling) { return (.integer(i), .bigint) }
            if let d = Double(spelling) { return (.real(d), .doublePrecision) }
            return nil
        case .null, .array, .object: return nil
        }
    }
}

/// A SUPER value being rebuilt (OBJECT_TRANSFORM): objects as ordered members, anything else as
/// its canonical text.
indirect enum SuperTree {
    case object([(key: String, value: SuperTree)])
    case text(String)

    init(_ node: JSONText.Node, in source: [UInt8]) {
        if case .object(let members) = node.value {
            self = .object(members.map { ($0.key, SuperTree($0.value, in: source)) })
        } else {
            self = .text(SuperValue.text(node, in: source))
        }
    }

    /// Canonical JSON text.
    var text: String {
        switch self {
        case .text(let t): return t
        case .object(let members): return "{" + members.map { SuperValue.quote($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
        }
    }

    /// The value at `path`, if any.
    func value(at path: ArraySlice<String>) -> SuperTree? {
        guard let first = path.first else { return self }
        guard case .object(let members) = self, let member = members.last(where: { $0.key == first }) else { return nil }
        return member.value.value(at: path.dropFirst())
    }

    /// Sets `path` to `value`, creating objects on the way (a non-object on the way is replaced).
    mutating func set(_ path: ArraySlice<String>, to value: SuperTree) {
        guard let first = path.first else { self = value; return }
        var members: [(key: String, value: SuperTree)]
        if case .object(let existing) = self { members = existing } else { members = [] }
        if let index = members.lastIndex(where: { $0.key == first }) {
            members[index].value.set(path.dropFirst(), to: value)
        } else {
            var child = SuperTree.object([])
            child.set(path.dropFirst(), to: value)
            members.append((first, child))
        }
        self = .object(members)
    }

    /// `'"a"."b"'` as ["a", "b"]: double-quoted components delimited by periods (r_object_transform_function).
    static func path(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }
}

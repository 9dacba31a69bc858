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

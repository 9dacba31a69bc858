import Foundation

/// Normalises statement text into a fingerprint shared by every run of the same statement shape,
/// as pt-query-digest does: comments dropped, string and number literals replaced by `?`, lists of
/// literals collapsed to `(?)`, whitespace folded, lower case (quoted identifiers keep their case).
///
/// ```swift
/// SQLFingerprint.normalize("SELECT * FROM t WHERE id = 42 AND name = 'x'")
/// // "select * from t where id = ? and name = ?"
/// ```
public enum SQLFingerprint {
    public static func normalize(_ sql: String) -> String {
        let scanner = SQLScanner(sql)
        var parts: [String] = []
        var pendingSpace = false
        for token in scanner.tokens() {
            switch token.kind {
            case .whitespace, .comment:
                pendingSpace = true
                continue
            default: break
            }
            let piece: String
            switch token.kind {
            case .string, .number, .dollarQuoted: piece = "?"
            case .quotedIdentifier: piece = scanner.text(token)
            default: piece = scanner.text(token).lowercased()
            }
            if pendingSpace && !parts.isEmpty { parts.append(" ") }
            pendingSpace = false
            parts.append(piece)
        }
        var text = parts.joined()
        while text.hasSuffix(";") || text.hasSuffix(" ") { text.removeLast() }
        return collapseLists(text)
    }

    /// `(?, ?, ?)` -> `(?)`, and `(?), (?)` -> `(?)` for multi-row VALUES.
    static func collapseLists(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 40, let end = listEnd(bytes, from: i) {   // "("
                out.append(contentsOf: Array("(?)".utf8))
                i = end
                // swallow ", (?, ?)" repeats
                while true {
                    var j = i
                    while j < bytes.count, bytes[j] == 32 { j += 1 }
                    guard j < bytes.count, bytes[j] == 44 else { break }
                    j += 1
                    while j < bytes.count, bytes[j] == 32 { j += 1 }
                    guard j < bytes.count, bytes[j] == 40, let next = listEnd(bytes, from: j) else { break }
                    i = next
                }
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }

    /// When `(` at `start` opens a list of only `?` separated by commas, the index after its `)`.
    private static func listEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        var expectValue = true
        var values = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == 32 { i += 1; continue }
            if expectValue {
                guard c == 63 else { return nil }   // "?"
                values += 1
                expectValue = false
            } else if c == 44 {
                expectValue = true
            } else if c == 41 {
                return values > 0 ? i + 1 : nil
            } else {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// A short stable id of a fingerprint (FNV-1a 64, hex), for tables and charts.
    public static func id(_ fingerprint: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in fingerprint.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

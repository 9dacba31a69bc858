import Foundation

/// The `%` / `_` patterns of SchemaPattern and TablePattern (SQL LIKE, case-sensitive, `\` escapes).
struct LikePattern {
    private let pattern: [Character]

    init(_ pattern: String) { self.pattern = Array(pattern) }

    func matches(_ text: String) -> Bool { Self.match(Array(text), 0, pattern, 0) }

    private static func match(_ text: [Character], _ t: Int, _ pattern: [Character], _ p: Int) -> Bool {
        var t = t, p = p
        while p < pattern.count {
            switch pattern[p] {
            case "%":
                while p < pattern.count && pattern[p] == "%" { p += 1 }
                if p == pattern.count { return true }
                for start in t...text.count where match(text, start, pattern, p) { return true }
                return false
            case "_":
                guard t < text.count else { return false }
                t += 1
                p += 1
            case "\\" where p + 1 < pattern.count:
                guard t < text.count, text[t] == pattern[p + 1] else { return false }
                t += 1
                p += 2
            default:
                guard t < text.count, text[t] == pattern[p] else { return false }
                t += 1
                p += 1
            }
        }
        return t == text.count
    }
}

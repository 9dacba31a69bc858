import Foundation

/// A light tokenizer for recorded SQL text: enough to find literals, parameters, comments and
/// keywords without parsing (redaction, noise filtering). Byte offsets into the UTF-8 text.
struct SQLScanner {
    enum Kind: Equatable {
        case whitespace, comment, string, number, quotedIdentifier, word, namedParameter, positionalParameter
        case dollarQuoted, cast, punctuation
    }

    struct Token {
        var kind: Kind
        var start: Int
        var end: Int
    }

    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    func text(_ token: Token) -> String { String(decoding: bytes[token.start..<token.end], as: UTF8.self) }

    func tokens() -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = bytes.count
        func at(_ k: Int) -> UInt8 { k < n ? bytes[k] : 0 }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func isWordStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80 }
        func isWord(_ c: UInt8) -> Bool { isWordStart(c) || isDigit(c) || c == 36 }
        while i < n {
            let start = i
            let c = bytes[i]
            var kind = Kind.punctuation
            if c == 32 || c == 9 || c == 10 || c == 13 {
                while i < n, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
                kind = .whitespace
            } else if c == 45 && at(i + 1) == 45 {
                while i < n && bytes[i] != 10 { i += 1 }
                kind = .comment
            } else if c == 47 && at(i + 1) == 42 {
                i += 2
                var depth = 1
                while i < n && depth > 0 {
                    if bytes[i] == 47 && at(i + 1) == 42 { depth += 1; i += 2 } else if bytes[i] == 42 && at(i + 1) == 47 { depth -= 1; i += 2 } else { i += 1 }
                }
                kind = .comment
            } else if c == 39 || ((c == 69 || c == 101) && at(i + 1) == 39) {
                let escapes = c != 39
                i += escapes ? 2 : 1
                while i < n {
                    if escapes && bytes[i] == 92 { i += 2; continue }
                    if bytes[i] == 39 { if at(i + 1) == 39 { i += 2; continue }; i += 1; break }
                    i += 1
                }
                kind = .string
            } else if c == 34 {
                i += 1
                while i < n { if bytes[i] == 34 { if at(i + 1) == 34 { i += 2; continue }; i += 1; break }; i += 1 }
                kind = .quotedIdentifier
            } else if c == 36 && isDigit(at(i + 1)) {
                i += 1
                while i < n && isDigit(bytes[i]) { i += 1 }
                kind = .positionalParameter
            } else if c == 36, let tagEnd = dollarTagEnd(from: i) {
                let tag = Array(bytes[i...tagEnd])
                i = tagEnd + 1
                while i < n {
                    if bytes[i] == 36 && i + tag.count <= n && Array(bytes[i..<(i + tag.count)]) == tag { i += tag.count; break }
                    i += 1
                }
                if i > n { i = n }
                kind = .dollarQuoted
            } else if c == 58 && at(i + 1) == 58 {
                i += 2
                kind = .cast
            } else if c == 58 && isWordStart(at(i + 1)) {
                i += 1
                while i < n && isWord(bytes[i]) { i += 1 }
                kind = .namedParameter
            } else if isDigit(c) || (c == 46 && isDigit(at(i + 1))) {
                while i < n && (isDigit(bytes[i]) || bytes[i] == 46) { i += 1 }
                if i < n && (bytes[i] == 101 || bytes[i] == 69) && (isDigit(at(i + 1)) || ((at(i + 1) == 43 || at(i + 1) == 45) && isDigit(at(i + 2)))) {
                    i += 2
                    while i < n && isDigit(bytes[i]) { i += 1 }
                }
                if i < n && isWordStart(bytes[i]) {   // 1abc: part of a word, not a number
                    while i < n && isWord(bytes[i]) { i += 1 }
                    kind = .word
                } else {
                    kind = .number
                }
            } else if isWordStart(c) {
                while i < n && isWord(bytes[i]) { i += 1 }
                kind = .word
            } else {
                i += 1
            }
            tokens.append(Token(kind: kind, start: start, end: min(i, n)))
        }
        return tokens
    }

    /// The index of the closing `$` of a `$tag$` opener at `start`, if it is one.
    private func dollarTagEnd(from start: Int) -> Int? {
        var i = start + 1
        while i < bytes.count {
            let c = bytes[i]
            if c == 36 { return i }
            guard (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || (c >= 48 && c <= 57 && i > start + 1) else { return nil }
            i += 1
        }
        return nil
    }
}

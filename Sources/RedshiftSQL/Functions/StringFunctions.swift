import Foundation

extension EmulatedFunctions {
    /// String functions whose Redshift semantics differ from SQLite's built-ins.
    ///
    /// - Redshift: LIKE (r_patternmatching_condition_like) is case-sensitive, default escape `\`;
    ///   SUBSTRING (r_SUBSTRING) never counts from the end; SPLIT_PART (SPLIT_PART); LPAD/RPAD (r_LPAD);
    ///   INITCAP (r_INITCAP); TRANSLATE (r_TRANSLATE); QUOTE_IDENT/QUOTE_LITERAL.
    static var stringFunctions: [EmulatedFunction] {
        @Sendable func text(_ args: [SQLiteValue], _ i: Int) -> String? { i < args.count ? args[i].textValue : nil }
        @Sendable func int(_ args: [SQLiteValue], _ i: Int) -> Int? { i < args.count ? args[i].clampedInt : nil }
        func unary(_ name: String, _ f: @escaping @Sendable (String) -> String) -> EmulatedFunction {
            EmulatedFunction(name, argumentCount: 1) { args in text(args, 0).map { .text(f($0)) } ?? .null }
        }
        return [
            EmulatedFunction("rs_like", argumentCount: nil) { args in try like(args, caseInsensitive: false) },
            EmulatedFunction("rs_ilike", argumentCount: nil) { args in try like(args, caseInsensitive: true) },
            unary("rs_lower") { $0.lowercased() },
            unary("rs_upper") { $0.uppercased() },
            unary("rs_reverse") { String($0.reversed()) },
            unary("rs_initcap") { s in
                var result = ""
                var startOfWord = true
                for c in s {
                    if c.isLetter || c.isNumber {
                        result += startOfWord ? c.uppercased() : c.lowercased()
                        startOfWord = false
                    } else {
                        result.append(c)
                        startOfWord = true
                    }
                }
                return result
            },
            unary("rs_quote_ident") { s in
                let simple = s.first.map { $0 == "_" || ($0.isLetter && $0.isLowercase) } == true
                    && s.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" || $0 == "$" }
                return simple ? s : "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            },
            unary("rs_quote_literal") { s in
                "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
            },
            EmulatedFunction("rs_substring", argumentCount: nil) { args in
                guard let s = text(args, 0), let start = int(args, 1) else { return .null }
                let chars = Array(s)
                var end = chars.count + 1
                if args.count > 2 {
                    guard let length = int(args, 2) else { return .null }
                    if length < 0 { throw SQLError(code: "22011", message: "negative substring length not allowed") }
                    let (sum, overflow) = start.addingReportingOverflow(length)
                    end = overflow ? chars.count + 1 : min(sum, chars.count + 1)
                }
                let from = max(start, 1)
                guard end > from, from <= chars.count else { return .text("") }
                return .text(String(chars[(from - 1)..<(end - 1)]))
            },
            EmulatedFunction("rs_left", argumentCount: 2) { args in
                guard let s = text(args, 0), let n = int(args, 1) else { return .null }
                let chars = Array(s)
                let count = n >= 0 ? min(n, chars.count) : max(chars.count + n, 0)
                return .text(String(chars.prefix(count)))
            },
            EmulatedFunction("rs_right", argumentCount: 2) { args in
                guard let s = text(args, 0), let n = int(args, 1) else { return .null }
                let chars = Array(s)
                let count = n >= 0 ? min(n, chars.count) : max(chars.count + n, 0)
                return .text(String(chars.suffix(count)))
            },
            EmulatedFunction("rs_split_part", argumentCount: 3) { args in
                guard let s = text(args, 0), let d = text(args, 1), let n = int(args, 2) else { return .null }
                if n <= 0 { throw SQLError(code: "22023", message: "field position must be greater than zero") }
                if d.isEmpty { return .text(n == 1 ? s : "") }
                let parts = s.components(separatedBy: d)
                return .text(n <= parts.count ? parts[n - 1] : "")
            },
            // ASCII of '' is 0 (r_ASCII); CHR of a number with no ASCII character is NULL (r_CHR).
            EmulatedFunction("rs_ascii", argumentCount: 1) { args in
                guard let s = text(args, 0) else { return .null }
                return .integer(Int64(s.unicodeScalars.first?.value ?? 0))
            },
            EmulatedFunction("rs_chr", argumentCount: 1) { args in
                guard let n = int(args, 0), (1...127).contains(n), let scalar = Unicode.Scalar(n) else { return .null }
                return .text(String(Character(scalar)))
            },
            EmulatedFunction("rs_lpad", argumentCount: nil) { args in pad(args, left: true) },
            EmulatedFunction("rs_rpad", argumentCount: nil) { args in pad(args, left: false) },
            EmulatedFunction("rs_repeat", argumentCount: 2) { args in
                guard let s = text(args, 0), let n = int(args, 1) else { return .null }
                if n > 0, s.utf8.count * min(n, 1 << 32) > maxStringBytes { throw tooLong }
                return .text(n > 0 && !s.isEmpty ? String(repeating: s, count: n) : "")
            },
            EmulatedFunction("rs_translate", argumentCount: 3) { args in
                guard let s = text(args, 0), let from = text(args, 1), let to = text(args, 2) else { return .null }
                let f = Array(from), t = Array(to)
                var result = ""
                for c in s {
                    if let i = f.firstIndex(of: c) {
                        if i < t.count { result.append(t[i]) }
                    } else {
                        result.append(c)
                    }
                }
                return .text(result)
            },
        ]
    }

    /// The longest string a function builds (VARCHAR(MAX), r_Character_types).
    static let maxStringBytes = 65535
    static let tooLong = SQLError(code: "22001", message: "value too long for type character varying(65535)")

    private static func pad(_ args: [SQLiteValue], left: Bool) -> SQLiteValue {
        guard let s = args[0].textValue, let length = args.count > 1 ? args[1].clampedInt : nil else { return .null }
        let fill = args.count > 2 ? (args[2].textValue ?? "") : " "
        if args.count > 2, args[2].isNull { return .null }
        let chars = Array(s)
        if length <= 0 { return .text("") }
        if length > maxStringBytes { return .null }
        if chars.count >= length { return .text(String(chars.prefix(length))) }
        if fill.isEmpty { return .text(s) }
        var padding: [Character] = []
        let fillChars = Array(fill)
        while padding.count < length - chars.count { padding.append(fillChars[padding.count % fillChars.count]) }
        return .text(left ? String(padding) + s : s + String(padding))
    }

    /// The escape character of LIKE and SIMILAR TO: the third argument ('' means none), else a
    /// backslash. nil when that argument is NULL (the match is then NULL).
    struct Escape { let character: Character? }

    static func escape(_ args: [SQLiteValue]) throws -> Escape? {
        guard args.count > 2 else { return Escape(character: "\\") }
        guard let e = args[2].textValue else { return nil }
        if e.count > 1 { throw SQLError(code: "22025", message: "invalid escape string") }
        return Escape(character: e.first)
    }

    /// LIKE / ILIKE with `%`, `_` and an escape character (default backslash).
    static func like(_ args: [SQLiteValue], caseInsensitive: Bool) throws -> SQLiteValue {
        guard args.count >= 2, let s = args[0].textValue, let p = args[1].textValue,
              let found = try escape(args) else { return .null }
        let escape = found.character
        func fold(_ c: Character) -> Character {
            guard caseInsensitive, c.isASCII else { return c }
            return Character(c.lowercased())
        }
        let text = s.map(fold)
        // Pattern tokens: literal characters, `_` (one), `%` (any run).
        enum Piece { case literal(Character), one, any }
        var pieces: [Piece] = []
        var iterator = Array(p).makeIterator()
        while let c = iterator.next() {
            if let escape, c == escape {
                guard let next = iterator.next() else { throw SQLError(code: "22025", message: "LIKE pattern must not end with escape character") }
                pieces.append(.literal(fold(next)))
            } else if c == "%" {
                pieces.append(.any)
            } else if c == "_" {
                pieces.append(.one)
            } else {
                pieces.append(.literal(fold(c)))
            }
        }
        // Iterative wildcard matching with backtracking to the last `%`.
        var ti = 0, pi = 0, starPi = -1, starTi = 0
        while ti < text.count {
            if pi < pieces.count {
                switch pieces[pi] {
                case .any: starPi = pi; starTi = ti; pi += 1; continue
                case .one: ti += 1; pi += 1; continue
                case .literal(let c) where c == text[ti]: ti += 1; pi += 1; continue
                default: break
                }
            }
            if starPi >= 0 { pi = starPi + 1; starTi += 1; ti = starTi; continue }
            return .integer(0)
        }
        while pi < pieces.count, case .any = pieces[pi] { pi += 1 }
        return .integer(pi == pieces.count ? 1 : 0)
    }
}

extension SQLiteValue {
    /// The value as an Int, clamped to ±2^53 (never traps on NaN, infinities or huge reals); nil for NULL.
    var clampedInt: Int? {
        if case .integer(let i) = self { return Int(i) }
        guard let d = doubleValue else { return nil }
        if d.isNaN { return 0 }
        return Int(min(max(d, -9_007_199_254_740_992), 9_007_199_254_740_992))
    }
}

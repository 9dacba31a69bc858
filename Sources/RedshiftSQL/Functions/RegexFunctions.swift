import Foundation

extension EmulatedFunctions {
    /// Regular expressions: `~`, `~*`, SIMILAR TO and the REGEXP_* functions. The analyzer always passes
    /// every argument (defaults filled in), so each function has one arity.
    ///
    /// - Redshift: POSIX operators (pattern-matching-conditions-posix), SIMILAR TO
    ///   (pattern-matching-conditions-similar-to), REGEXP_COUNT, REGEXP_INSTR, REGEXP_SUBSTR, REGEXP_REPLACE:
    ///   positions count characters; position < 1 starts at 1; parameters `c` (case-sensitive, default),
    ///   `i`, `e` (first subexpression), `p` (PCRE).
    /// Divergence: patterns run on ICU (NSRegularExpression), which is Perl-like: alternation is
    /// leftmost-first where POSIX is leftmost-longest, and PCRE constructs are accepted without `p`.
    static var regexFunctions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_regexp_like", argumentCount: 2) { args in
                guard let s = args[0].textValue, let p = args[1].textValue else { return .null }
                return .integer(try RegexCache.shared.regex(p, caseInsensitive: false).firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil ? 1 : 0)
            },
            EmulatedFunction("rs_regexp_ilike", argumentCount: 2) { args in
                guard let s = args[0].textValue, let p = args[1].textValue else { return .null }
                return .integer(try RegexCache.shared.regex(p, caseInsensitive: true).firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil ? 1 : 0)
            },
            EmulatedFunction("rs_similar_to", argumentCount: nil) { args in
                guard args.count >= 2, let s = args[0].textValue, let p = args[1].textValue,
                      let escape = try EmulatedFunctions.escape(args) else { return .null }
                let regex = try RegexCache.shared.regex(similarToRegex(p, escape: escape.character), caseInsensitive: false)
                return .integer(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil ? 1 : 0)
            },
            // rs_regexp_count(s, pattern, position, parameters)
            EmulatedFunction("rs_regexp_count", argumentCount: 4) { args in
                guard let search = try RegexSearch(args, patternAt: 1, positionAt: 2, parametersAt: 3) else { return .null }
                return .integer(Int64(search.matches().count))
            },
            // rs_regexp_instr(s, pattern, position, occurrence, option, parameters)
            EmulatedFunction("rs_regexp_instr", argumentCount: 6) { args in
                guard let search = try RegexSearch(args, patternAt: 1, positionAt: 2, parametersAt: 5),
                      let occurrence = args[3].clampedInt, let option = args[4].doubleValue else { return .null }
                guard occurrence >= 1, let match = search.match(occurrence) else { return .integer(0) }
                var range = match.range
                if search.subexpression, match.numberOfRanges > 1, match.range(at: 1).location != NSNotFound { range = match.range(at: 1) }
                let utf16 = option == 0 ? range.location : range.location + range.length
                return .integer(Int64(search.characterOffset(utf16) + 1))
            },
            // rs_regexp_substr(s, pattern, position, occurrence, parameters)
            EmulatedFunction("rs_regexp_substr", argumentCount: 5) { args in
                guard let search = try RegexSearch(args, patternAt: 1, positionAt: 2, parametersAt: 4),
                      let occurrence = args[3].clampedInt else { return .null }
                if search.startBeyondEnd { return .text("") }
                guard occurrence >= 1, let match = search.match(occurrence) else { return .null }
                var range = match.range
                if search.subexpression, match.numberOfRanges > 1 { range = match.range(at: 1) }
                guard range.location != NSNotFound, let r = Range(range, in: search.text) else { return .null }
                return .text(String(search.text[r]))
            },
            // rs_regexp_replace(s, pattern, replacement, position, parameters)
            EmulatedFunction("rs_regexp_replace", argumentCount: 5) { args in
                guard let replacement = args[2].textValue,
                      let search = try RegexSearch(args, patternAt: 1, positionAt: 3, parametersAt: 4) else { return .null }
                if search.startBeyondEnd { return .text(search.text) }
                let template = posixReplacementTemplate(replacement)
                let result = search.regex.stringByReplacingMatches(in: search.text, range: search.searchRange, withTemplate: template)
                return .text(result)
            },
        ]
    }

    /// SIMILAR TO's pattern as an anchored regular expression: `%` → `.*`, `_` → `.`, the escape
    /// character makes the next one literal; `| * + ? {m,n} ( ) [ ]` keep their meaning.
    static func similarToRegex(_ pattern: String, escape: Character?) -> String {
        var out = "^(?:"
        var escaped = false
        for c in pattern {
            if escaped {
                out += NSRegularExpression.escapedPattern(for: String(c))
                escaped = false
                continue
            }
            if let escape, c == escape { escaped = true; continue }
            switch c {
            case "%": out += ".*"
            case "_": out += "."
            case ".", "^", "$", "\\": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out + ")$"
    }

    /// POSIX back references `\1`…`\9` become ICU's `$1`; a literal `$` is escaped.
    static func posixReplacementTemplate(_ replacement: String) -> String {
        var out = ""
        var chars = Array(replacement)[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.first, next.isNumber {
                out += "$" + String(next)
                chars = chars.dropFirst()
            } else if c == "\\", let next = chars.first {
                out += "\\" + String(next)
                chars = chars.dropFirst()
            } else if c == "$" {
                out += "\\$"
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// One REGEXP_* call's subject, compiled pattern, start position and parameters.
struct RegexSearch {
    let text: String
    let regex: NSRegularExpression
    let searchRange: NSRange
    let subexpression: Bool
    /// The position is past the last character.
    let startBeyondEnd: Bool

    /// nil when the subject or pattern is NULL.
    init?(_ args: [SQLiteValue], patternAt p: Int, positionAt pos: Int, parametersAt params: Int) throws {
        guard let text = args[0].textValue, let pattern = args[p].textValue, let position = args[pos].clampedInt else { return nil }
        let parameters = args[params].textValue ?? "c"
        for flag in parameters where !"cipe".contains(flag) {
            throw SQLError(code: "22023", message: "invalid regular expression parameter: \(flag)")
        }
        // The last of `c`/`i` wins, as in Oracle-style parameter strings.
        let caseInsensitive = parameters.lastIndex(of: "i").map { i in parameters.lastIndex(of: "c").map { $0 < i } ?? true } ?? false
        self.text = text
        self.regex = try RegexCache.shared.regex(pattern, caseInsensitive: caseInsensitive)
        self.subexpression = parameters.contains("e")
        let characters = text.count
        startBeyondEnd = position > characters && !(characters == 0 && position <= 1)
        let start = text.index(text.startIndex, offsetBy: min(max(position, 1) - 1, characters))
        searchRange = NSRange(start..., in: text)
    }

    func matches() -> [NSTextCheckingResult] {
        startBeyondEnd ? [] : regex.matches(in: text, range: searchRange)
    }

    /// The n-th match (1-based) from the start position.
    func match(_ n: Int) -> NSTextCheckingResult? {
        let all = matches()
        return n <= all.count ? all[n - 1] : nil
    }

    /// The character count before UTF-16 offset `utf16`.
    func characterOffset(_ utf16: Int) -> Int {
        let index = String.Index(utf16Offset: utf16, in: text)
        return text.distance(from: text.startIndex, to: index)
    }
}

/// Compiled patterns, shared by all connections (NSRegularExpression is immutable and thread-safe).
final class RegexCache: Sendable {
    static let shared = RegexCache()
    private let entries = Locked<[String: NSRegularExpression]>([:])

    func regex(_ pattern: String, caseInsensitive: Bool) throws -> NSRegularExpression {
        let key = (caseInsensitive ? "i:" : "c:") + pattern
        return try entries.withLock { entries in
            if let cached = entries[key] { return cached }
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
            } catch {
                throw SQLError(code: "2201B", message: "invalid regular expression: \(pattern)")
            }
            if entries.count > 256 { entries.removeAll() }
            entries[key] = regex
            return regex
        }
    }
}

import Foundation

/// TO_CHAR of numbers and TO_NUMBER, by a numeric format string.
///
/// - Redshift: Numeric format strings (r_Numeric_formating), TO_CHAR (r_TO_CHAR), TO_NUMBER (r_TO_NUMBER):
///   `9` digit (blank when a leading zero), `0` digit (zero kept), `.`/`D` decimal point, `,`/`G` group
///   separator, `S` sign (`+`/`-`; before the digits it is anchored to the number), `MI` minus, `PL` plus,
///   `SG` plus or minus, `PR` angle brackets around a negative number, `L` currency symbol (`$`), `RN`/`rn`
///   roman numeral (1–3999, right-aligned in 15 characters), `FM` fill mode (no padding), `TH`/`th`
///   ordinal suffix. Without a sign pattern TO_CHAR puts the sign (or a blank) just left of the number.
///   Too many integer digits print `#` in every digit position.
///   `V` shifts by its following digits (`999V99`: 125.8 → ` 12580`) and `EEEE` prints scientific
///   notation (`9.99EEEE`: 2000000 → ` 2.00e+06`), as PostgreSQL's to_char does (unverified: the
///   Redshift page does not list them).
enum NumericFormat {
    enum Token: Equatable { case digit(zero: Bool), point, group, sign(String), currency, roman(lower: Bool), ordinal(upper: Bool), literal(Character) }

    static func tokens(_ format: String) throws -> (tokens: [Token], fillMode: Bool) {
        var result: [Token] = []
        var fillMode = false
        var rest = Substring(format)
        while let c = rest.first {
            let two = rest.prefix(2).uppercased()
            if two == "FM" { fillMode = true; rest = rest.dropFirst(2); continue }
            if ["MI", "PL", "SG", "PR"].contains(two) { result.append(.sign(two)); rest = rest.dropFirst(2); continue }
            if two == "RN" { result.append(.roman(lower: rest.first == "r")); rest = rest.dropFirst(2); continue }
            if two == "TH" { result.append(.ordinal(upper: rest.first == "T")); rest = rest.dropFirst(2); continue }
            switch c {
            case "9": result.append(.digit(zero: false))
            case "0": result.append(.digit(zero: true))
            case ".", "D", "d": result.append(.point)
            case ",", "G", "g": result.append(.group)
            case "S", "s": result.append(.sign("S"))
            case "L", "l": result.append(.currency)
            default: result.append(.literal(c))
            }
            rest = rest.dropFirst()
        }
        return (result, fillMode)
    }

    /// TO_CHAR(number, format). `plain` is the number's exact decimal text (`-125.88`, `125`).
    static func format(_ plain: String, _ format: String) throws -> String {
        if let scientific = try scientificFormat(plain, format) { return scientific }
        let (plain, format) = try shiftedForV(plain, format)
        let (tokens, fillMode) = try tokens(format)
        let negative = plain.hasPrefix("-")
        let magnitude = negative ? String(plain.dropFirst()) : plain
        if let romanIndex = tokens.firstIndex(where: { if case .roman = $0 { return true }; return false }), case .roman(let lower) = tokens[romanIndex] {
            let (whole, _) = rounded(magnitude, to: 0)
            var text = (1...3999).contains(Int(whole) ?? 0) && !negative ? roman(Int(whole) ?? 0) : String(repeating: "#", count: 15)
            if lower { text = text.lowercased() }
            if !fillMode { text = String(repeating: " ", count: max(0, 15 - text.count)) + text }
            return tokens.map { token -> String in
                if case .literal(let c) = token { return String(c) }
                if case .roman = token { return text }
                return ""
            }.joined()
        }
        let pointIndex = tokens.firstIndex(of: .point) ?? tokens.count
        let pre = tokens[..<pointIndex].filter { if case .digit = $0 { return true }; return false }.count
        let post = tokens[pointIndex...].filter { if case .digit = $0 { return true }; return false }.count
        var (whole, fraction) = rounded(magnitude, to: post)
        if whole == "0" { whole = "" }
        let overflow = whole.count > pre
        let isZero = whole.isEmpty && fraction.allSatisfy { $0 == "0" }
        let showNegative = negative && !isZero
        let firstDigit = tokens.firstIndex { if case .digit = $0 { return true }; return false } ?? tokens.count
        let anchoredS = tokens[..<firstDigit].contains(.sign("S"))
        let hasSign = tokens.contains { if case .sign = $0 { return true }; return false }
        var anchor: String
        if anchoredS { anchor = showNegative ? "-" : "+" } else if tokens.contains(.sign("PR")) { anchor = showNegative ? "<" : (fillMode ? "" : " ") } else if hasSign { anchor = "" } else { anchor = showNegative ? "-" : (fillMode ? "" : " ") }
        var out = ""
        var anchorPending = true
        var started = false  // a digit (or a forced zero) has been printed
        var integerPosition = 0, fractionPosition = 0
        func emitAnchor() { if anchorPending { out += anchor; anchorPending = false } }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .digit(let zero):
                if index < pointIndex {
                    let digitIndex = integerPosition - (pre - whole.count)
                    integerPosition += 1
                    if overflow { emitAnchor(); out += "#"; continue }
                    if digitIndex >= 0 {
                        emitAnchor(); started = true
                        out += String(whole[whole.index(whole.startIndex, offsetBy: digitIndex)])
                    } else if zero || started {
                        emitAnchor(); started = true; out += "0"
                    } else if !fillMode {
                        out += " "
                    }
                } else {
                    let digit = fractionPosition < fraction.count ? fraction[fraction.index(fraction.startIndex, offsetBy: fractionPosition)] : "0"
                    fractionPosition += 1
                    if overflow { out += "#"; continue }
                    out.append(digit)
                }
            case .point:
                emitAnchor()
                out += "."
            case .group:
                if started { out += "," } else if !fillMode { out += " " }
            case .sign(let kind):
                switch kind {
                case "S": if !anchoredS { out += showNegative ? "-" : "+" }
                case "MI": out += showNegative ? "-" : (fillMode ? "" : " ")
                case "PL": out += showNegative ? "" : "+"
                case "SG": out += showNegative ? "-" : "+"
                default: out += showNegative ? ">" : (fillMode ? "" : " ")  // PR
                }
            case .currency: out += "$"
            case .ordinal(let upper): out += DateFormatting.suffix(Int(whole) ?? 0, upper: upper)
            case .roman: break
            case .literal(let c): out.append(c)
            }
        }
        if fillMode, post > 0, !overflow, case .digit(zero: false)? = tokens.last {
            // FM drops the trailing zeros that the final `9` positions would print.
            var nines = 0
            for token in tokens[pointIndex...].reversed() { if case .digit(zero: false) = token { nines += 1 } else { break } }
            while nines > 0, out.last == "0" { out.removeLast(); nines -= 1 }
        }
        return out
    }

    /// `magnitude` (unsigned decimal text) rounded half away from zero to `scale` digits: (integer digits, fraction digits).
    static func rounded(_ magnitude: String, to scale: Int) -> (String, String) {
        let parts = magnitude.split(separator: ".", omittingEmptySubsequences: false)
        var whole = Array(parts.first.map(String.init) ?? "0")
        var fraction = Array(parts.count > 1 ? String(parts[1]) : "")
        if whole.isEmpty { whole = ["0"] }
        let roundUp = fraction.count > scale && (fraction[scale].wholeNumberValue ?? 0) >= 5
        fraction = Array(fraction.prefix(scale)) + Array(repeating: "0", count: max(0, scale - fraction.count))
        if roundUp {
            var digits = whole + fraction
            var k = digits.count - 1
            while k >= 0 {
                if digits[k] == "9" { digits[k] = "0"; k -= 1 } else { digits[k] = Character(String((digits[k].wholeNumberValue ?? 0) + 1)); break }
            }
            if k < 0 { digits.insert("1", at: 0) }
            whole = Array(digits.prefix(digits.count - scale))
            fraction = Array(digits.suffix(scale))
        }
        var wholeText = String(whole)
        while wholeText.count > 1, wholeText.hasPrefix("0") { wholeText.removeFirst() }
        return (wholeText, String(fraction))
    }

    static func roman(_ value: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = value, text = ""
        for (amount, symbol) in table { while n >= amount { text += symbol; n -= amount } }
        return text
    }

    /// The DECIMAL scale TO_NUMBER returns for `format`: the digit positions after the decimal point;
    /// the precision is every digit position (at least the scale + 1, at most 38).
    static func resultType(_ format: String) throws -> RedshiftType {
        let (tokens, _) = try tokens(format)
        let pointIndex = tokens.firstIndex(of: .point) ?? tokens.count
        let digits = tokens.filter { if case .digit = $0 { return true }; return false }.count
        let scale = tokens[pointIndex...].filter { if case .digit = $0 { return true }; return false }.count
        return .decimal(precision: min(38, max(digits, scale + 1, 1)), scale: scale)
    }

    /// TO_NUMBER(text, format) as exact decimal text (`-12454.8`).
    static func parse(_ input: String, _ format: String) throws -> String {
        let (tokens, _) = try tokens(format)
        let hasPoint = tokens.contains(.point)
        var digits = "", fraction = "", inFraction = false, negative = false
        for c in input {
            if let d = c.wholeNumberValue, c.isASCII {
                if inFraction { fraction.append(Character(String(d))) } else { digits.append(Character(String(d))) }
            } else if c == ".", hasPoint, !inFraction {
                inFraction = true
            } else if c == "-" || c == "<" || c == "(" {
                negative = true
            }
        }
        guard !digits.isEmpty || !fraction.isEmpty else {
            throw SQLError(code: "22P02", message: "invalid input syntax for type numeric: \" \"")
        }
        let text = (digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction)
        return (negative ? "-" : "") + text
    }
}

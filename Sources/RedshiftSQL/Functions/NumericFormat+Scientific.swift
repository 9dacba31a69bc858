import Foundation

/// The `V` and `EEEE` numeric format patterns, as PostgreSQL's to_char reads them.
///
/// - Redshift: Numeric format strings (r_Numeric_formating) do not list them (unverified);
///   PostgreSQL: `V` multiplies by 10^n for the n digits after it, `EEEE` is scientific notation.
extension NumericFormat {
    /// `plain` multiplied by 10^n and the format without its `V`, where n counts the digit
    /// positions after the `V`; unchanged when there is no `V`.
    static func shiftedForV(_ plain: String, _ format: String) throws -> (String, String) {
        let characters = Array(format)
        guard let v = characters.firstIndex(where: { $0 == "V" || $0 == "v" }) else { return (plain, format) }
        if characters[..<v].contains(where: { $0 == "." || $0 == "D" || $0 == "d" }) || characters[(v + 1)...].contains(".") {
            throw SQLError(code: "42601", message: "cannot use \"V\" and decimal point together")
        }
        let shift = characters[(v + 1)...].filter { $0 == "9" || $0 == "0" }.count
        let negative = plain.hasPrefix("-")
        let magnitude = negative ? String(plain.dropFirst()) : plain
        let parts = magnitude.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < shift { fraction += String(repeating: "0", count: shift - fraction.count) }
        let moved = whole + fraction.prefix(shift)
        let rest = fraction.dropFirst(shift)
        var remaining = characters
        remaining.remove(at: v)
        return ((negative ? "-" : "") + moved + (rest.isEmpty ? "" : "." + rest), String(remaining))
    }

    /// `EEEE`: the number as `d.dde±XX` with as many fraction digits as the format has after its
    /// point, a blank (or `-`) before it unless FM; nil when the format has no `EEEE`.
    static func scientificFormat(_ plain: String, _ format: String) throws -> String? {
        guard let range = format.range(of: "EEEE", options: .caseInsensitive) else { return nil }
        let mantissa = format[..<range.lowerBound]
        let fillMode = mantissa.uppercased().hasPrefix("FM")
        let digits = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let fractionDigits = digits.count > 1 ? digits[1].filter { $0 == "9" || $0 == "0" }.count : 0
        guard let value = Double(plain) else { return nil }
        let text = String(format: "%.\(fractionDigits)e", abs(value))
        let sign = value < 0 ? "-" : (fillMode ? "" : " ")
        return sign + text + String(format[range.upperBound...])
    }
}

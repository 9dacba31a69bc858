import Foundation

extension RedshiftType {
    /// Redshift's text output of a stored value of this type; nil for NULL.
    ///
    /// - Redshift: reference §1.11 (text output formats): numeric prints its full scale
    ///   (`4323.90`; stored as the integer 432390, see `ScaledDecimal`), timestamps drop a zero
    ///   fraction, booleans print `t`/`f`, intervals print PostgreSQL style (`90 days`).
    /// - Redshift: CHAR(n) values are blank-padded to n (r_Character_types); they are stored without
    ///   the padding (comparisons ignore trailing blanks) and padded here, on output.
    public func text(of value: SQLiteValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let i):
            switch self {
            case .boolean: return i != 0 ? "t" : "f"
            case .decimal(_, let s): return ScaledDecimal.format(i, scale: s)
            case .real, .doublePrecision: return String(i)
            default: return String(i)
            }
        case .real(let d):
            switch self {
            case .decimal(_, let s): return Self.formatDecimal(d, scale: s)  // not produced by the generator
            case .smallint, .integer, .bigint:
                return String(Int64(d.rounded(.toNearestOrAwayFromZero)))
            case .boolean: return d != 0 ? "t" : "f"
            case .real: return Self.formatFloat(Double(Float(d)), significantDigits: 6)
            default: return Self.formatFloat(d, significantDigits: 15)
            }
        case .text(let s):
            if case .decimal(_, let scale) = self, let v = try? WideDecimal.parse(s, scale: scale) { return WideDecimal.format(v, scale: scale) }
            if self == .interval { return IntervalValue(encoded: s)?.text ?? s }
            // TIMESTAMPTZ/TIMETZ are stored in UTC and shown with the session zone's offset (r_Datetime_types).
            if self == .timestamptz || self == .timetz { return s.hasSuffix("+00") ? s : s + "+00" }
            if self == .boolean { return (s == "1" || s == "t" || s == "true") ? "t" : "f" }
            if case .char(let length) = self, s.utf8.count < length {
                return s + String(repeating: " ", count: length - s.utf8.count)
            }
            return s
        case .blob(let bytes):
            if case .decimal(_, let s) = self, let v = WideDecimal.decode(bytes) { return WideDecimal.format(v, scale: s) }
            return bytes.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// Renders a decimal at a fixed scale, e.g. 1.5 at scale 2 is `1.50`.
    static func formatDecimal(_ value: Double, scale: Int) -> String {
        let text = String(format: "%.\(scale)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Renders a float with PostgreSQL's default significant digits (`extra_float_digits` 0).
    static func formatFloat(_ value: Double, significantDigits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // C's %.Ng (the C locale: a '.' point), as PostgreSQL prints float4/float8; written into a
        // stack buffer, not through Foundation's String(format:) (a cursor FETCH prints millions).
        // %g drops trailing zeros and prints exponents as e+NN / e-NN with at least two digits, as
        // PostgreSQL does.
        let format = significantDigits == 15 ? "%.15g" : significantDigits == 6 ? "%.6g" : "%.\(significantDigits)g"
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 48) { buffer in
            let count = withVaList([value]) { vsnprintf(buffer.baseAddress, 48, format, $0) }
            let written = UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(max(0, min(count, 47))))
            return String(decoding: written, as: UTF8.self)
        }
    }
}

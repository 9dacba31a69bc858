import Foundation

/// Redshift's conversion rules between stored values, shared by the translator (literals) and
/// the `rs_cast` / `rs_assign` functions (runtime values).
///
/// - Redshift: CAST (r_CAST_function), implicit conversion (c_Supported_data_types),
///   numeric types (r_Numeric_types201), character types (r_Character_types).
enum ValueConversion {
    /// Converts `value` (stored as `source` stores it) to how `target` is stored.
    /// `explicit` casts truncate long strings; assignments (INSERT/UPDATE) reject them.
    static func convert(_ value: SQLiteValue, from source: RedshiftType, to target: RedshiftType, explicit: Bool) throws -> SQLiteValue {
        if value == .null { return .null }
        switch target {
        case .smallint, .integer, .bigint:
            return .integer(try toInteger(value, from: source, target: target))
        case .decimal(let p, let s):
            // p ≤ 19: the scaled 64-bit integer (DECIMAL(19,0) holds at most 2^63 − 1, r_Numeric_types201);
            // p ≥ 20: a 16-byte BLOB (see WideDecimal).
            let scaled: Int128
            do { scaled = try toWideDecimal(value, from: source, scale: s) } catch let error as SQLError where error.code == "XX000" {
                throw ScaledDecimal.fieldOverflow(precision: p, scale: s)   // past 38 digits
            }
            guard scaled.magnitude < ScaledDecimal.power128(min(p, 38)).magnitude else { throw ScaledDecimal.fieldOverflow(precision: p, scale: s) }
            if WideDecimal.isWide(p) { return .blob(WideDecimal.encode(scaled)) }
            guard let narrow = Int64(exactly: scaled) else { throw ScaledDecimal.fieldOverflow(precision: p, scale: s) }
            return .integer(narrow)
        case .real:
            return .real(Double(Float(try toDouble(value, from: source, typeName: "real"))))
        case .doublePrecision:
            return .real(try toDouble(value, from: source, typeName: "double precision"))
        case .boolean:
            return .integer(try toBoolean(value, from: source) ? 1 : 0)
        case .char(let n), .varchar(let n):
            let isChar: Bool
            if case .char = target { isChar = true } else { isChar = false }
            // VARBYTE to a character type reads the bytes as UTF-8 (r_VARBYTE_type, r_TO_HEX).
            var text = try source.isVarbyte && value.isBlob ? VarbyteCodec.utf8Text(value) : toText(value, from: source)
            if isChar { while text.hasSuffix(" ") { text.removeLast() } }
            if text.utf8.count > n {
                let typeName = isChar ? "character(\(n))" : "character varying(\(n))"
                if isChar, text.unicodeScalars.contains(where: { $0.value > 127 }) {
                    throw SQLError(code: "22001", message: "value too long for type \(typeName)")
                }
                if explicit {
                    text = truncate(text, bytes: n)
                } else {
                    let kept = truncate(text, bytes: n)
                    guard text.dropFirst(kept.count).allSatisfy({ $0 == " " }) else {
                        throw SQLError(code: "22001", message: "value too long for type \(typeName)")
                    }
                    text = kept
                }
            }
            return .text(text)
        case .date:
            if case .text(let t) = value, let (parsed, _) = DateTimeValue.parse(t) { return .text(parsed.dateText) }
            throw invalidInput("date", value)
        case .timestamp:
            if case .text(let t) = value, let (parsed, _) = DateTimeValue.parse(t) { return .text(parsed.timestampText) }
            throw invalidInput("timestamp", value)
        case .timestamptz:
            if case .text(let t) = value, let (parsed, offset) = DateTimeValue.parse(t) {
                let utc = DateTimeValue(epochMicroseconds: parsed.epochMicroseconds - Int64(offset ?? 0) * 1_000_000)
                return .text(utc.timestampText)
            }
            throw invalidInput("timestamp with time zone", value)
        case .time, .timetz:
            if case .text(let t) = value {
                // TIMETZ keeps UTC: '13:24:55 PST' is 21:24:55 (r_DATEADD_function examples); TIME ignores a zone.
                let utc = { (v: DateTimeValue, offset: Int?) in target == .timetz ? DateTimeValue(epochMicroseconds: v.epochMicroseconds - Int64(offset ?? 0) * 1_000_000) : v }
                if let (parsed, offset) = DateTimeValue.parse(t) { return .text(utc(parsed, source == .timetz ? 0 : offset).timeText) }
                if let (parsed, offset) = DateTimeValue.parse("2000-01-01 " + t) { return .text(utc(parsed, source == .timetz ? 0 : offset).timeText) }
            }
            throw invalidInput("time", value)
        case .super:
            return .text(try toText(value, from: source))
        case .varbyte(let n):
            var bytes: [UInt8]
            switch value {
            case .blob(let b): bytes = b
            case .text(let t):
                bytes = Array(t.utf8)
                // A CHAR(n) casts with its blank padding (r_VARBYTE_type: 'aa' in CHAR(10) is 61612020202020202020).
                if case .char(let width) = source, bytes.count < width { bytes += Array(repeating: 0x20, count: width - bytes.count) }
            case .integer(let i) where source.isInteger:
                // SMALLINT 2 bytes, INTEGER 4, BIGINT 8, big-endian (r_VARBYTE_type: 5::int::varbyte = 00000005).
                bytes = VarbyteCodec.bigEndian(i, width: source == .smallint ? 2 : source == .integer ? 4 : 8)
            default: throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to varbyte")
            }
            if bytes.count > n {
                // Casts truncate like VARCHAR's; storing a longer value is an error (r_VARBYTE_type).
                guard explicit else { throw SQLError(code: "22001", message: "value too long for type varbyte(\(n))") }
                bytes = Array(bytes.prefix(n))
            }
            return .blob(bytes)
        case .interval:
            if case .text(let t) = value {
                if source == .interval, IntervalValue(encoded: t) != nil { return value }
                if let interval = IntervalValue.parse(t) { return .text(interval.encoded) }
            }
            throw invalidInput("interval", value)
        case .unknown:
            return value
        }
    }

    /// Converts `value` for storage in a `target` column (INSERT/UPDATE): `convert` without
    /// truncation, and CHAR columns take single-byte characters only.
    static func assign(_ value: SQLiteValue, from source: RedshiftType, to target: RedshiftType) throws -> SQLiteValue {
        let converted = try convert(value, from: source, to: target, explicit: false)
        if case .char = target { try requireSingleByte(converted) }
        return converted
    }

    /// CHAR holds single-byte (ASCII) characters only; a multibyte character is an error with the
    /// reason COPY logs for it.
    ///
    /// - Redshift: multi-byte-character-load-errors ("Multibyte character not supported for CHAR
    ///   (Hint: Try using VARCHAR). Invalid char: …"), r_Character_types.
    static func requireSingleByte(_ value: SQLiteValue) throws {
        guard case .text(let text) = value, let bad = text.unicodeScalars.first(where: { $0.value > 127 }) else { return }
        let hex = String(bad).utf8.map { String(format: "%02x", $0) }.joined()
        throw SQLError(code: "22021", message: "Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: \(hex)")
    }

    /// A value as a DECIMAL of scale `scale`, scaled (see `ScaledDecimal`), rounded half away from
    /// zero; the overflow error when it does not fit 64 bits.
    static func toScaledDecimal(_ value: SQLiteValue, from source: RedshiftType, scale: Int) throws -> Int64 {
        try ScaledDecimal.narrow(try toWideDecimal(value, from: source, scale: scale))
    }

    /// A value as a scaled DECIMAL of scale `scale` (up to 38 digits), rounded half away from zero.
    static func toWideDecimal(_ value: SQLiteValue, from source: RedshiftType, scale: Int) throws -> Int128 {
        switch value {
        case .integer(let i):
            if case .decimal(_, let s1) = source { return try WideDecimal.rescale(Int128(i), from: s1, to: scale) }
            return try WideDecimal.rescale(Int128(i), from: 0, to: scale)
        case .real(let d):
            guard d.isFinite else { throw ScaledDecimal.overflow() }
            if let v = try WideDecimal.parse(String(format: "%.17g", d), scale: scale) { return v }
            throw ScaledDecimal.overflow()
        case .text(let t):
            if case .decimal(_, let s1) = source, let raw = Int64(t) { return try WideDecimal.rescale(Int128(raw), from: s1, to: scale) }
            guard let v = try WideDecimal.parse(t, scale: scale) else {
                throw SQLError(code: "22P02", message: "invalid input syntax for type numeric: \"\(t)\"")
            }
            return v
        case .blob(let bytes):
            if case .decimal(_, let s1) = source, let v = WideDecimal.decode(bytes) { return try WideDecimal.rescale(v, from: s1, to: scale) }
            throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to numeric")
        case .null:
            throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to numeric")
        }
    }

    static func invalidInput(_ typeName: String, _ value: SQLiteValue) -> SQLError {
        SQLError(code: "22P02", message: "invalid input syntax for type \(typeName): \"\(value.textValue ?? "")\"")
    }

    static func truncate(_ text: String, bytes: Int) -> String {
        var result = ""
        var count = 0
        for character in text {
            let size = String(character).utf8.count
            if count + size > bytes { break }
            result.append(character)
            count += size
        }
        return result
    }

    static func outOfRange(_ target: RedshiftType) -> SQLError {
        SQLError(code: "22003", message: "\(target.formatTypeName) out of range")
    }

    static func toInteger(_ value: SQLiteValue, from source: RedshiftType, target: RedshiftType) throws -> Int64 {
        let result: Int64
        switch value {
        case .integer(let i):
            if case .decimal(_, let s) = source {
                result = try ScaledDecimal.rescale(i, from: s, to: 0)
            } else {
                result = i
            }
        case .real(let d):
            let r = d.rounded(.toNearestOrAwayFromZero)
            guard r.isFinite, r >= -9.223372036854775808e18, r < 9.223372036854775808e18 else { throw outOfRange(target) }
            result = Int64(r)
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespaces)
            if let i = Int64(trimmed) { result = i } else if source.isNumeric, let d = Double(trimmed) {
                result = Int64(d.rounded(.toNearestOrAwayFromZero))
            } else if trimmed.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }), !trimmed.isEmpty {
                throw outOfRange(target)
            } else {
                throw SQLError(code: "22P02", message: "invalid input syntax for integer: \"\(t)\"")
            }
        case .blob(let bytes):
            guard case .decimal(_, let s) = source, let v = WideDecimal.decode(bytes),
                  let i = Int64(exactly: try WideDecimal.rescale(v, from: s, to: 0)) else {
                if source.isDecimal { throw outOfRange(target) }
                throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to \(target.formatTypeName)")
            }
            result = i
        case .null:
            throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to \(target.formatTypeName)")
        }
        let range: ClosedRange<Int64>
        switch target {
        case .smallint: range = -32768...32767
        case .integer: range = -2_147_483_648...2_147_483_647
        default: range = Int64.min...Int64.max
        }
        guard range.contains(result) else { throw outOfRange(target) }
        return result
    }

    static func toDouble(_ value: SQLiteValue, from source: RedshiftType, typeName: String) throws -> Double {
        switch value {
        case .integer(let i):
            if case .decimal(_, let s) = source, s > 0 { return Double(ScaledDecimal.format(i, scale: s)) ?? Double(i) }
            return Double(i)
        case .real(let d): return d
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespaces)
            if let d = Double(trimmed) { return d }
            throw SQLError(code: "22P02", message: "invalid input syntax for type \(typeName): \"\(t)\"")
        case .blob(let bytes):
            if case .decimal(_, let s) = source, let v = WideDecimal.decode(bytes) { return WideDecimal.double(v, scale: s) }
            throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to \(typeName)")
        case .null:
            throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to \(typeName)")
        }
    }

    static func toBoolean(_ value: SQLiteValue, from source: RedshiftType) throws -> Bool {
        switch value {
        case .integer(let i): return i != 0
        case .real(let d): return d != 0
        case .text(let t):
            switch t.trimmingCharacters(in: .whitespaces).lowercased() {
            case "t", "true", "y", "yes", "1", "on": return true
            case "f", "false", "n", "no", "0", "off": return false
            default: throw SQLError(code: "22P02", message: "invalid input syntax for type boolean: \"\(t)\"")
            }
        case .blob, .null:
            throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to boolean")
        }
    }

    /// The text form of a value of `source` type (decimals at their scale, booleans as true/false).
    static func toText(_ value: SQLiteValue, from source: RedshiftType) throws -> String {
        if source == .boolean, case .integer(let i) = value { return i != 0 ? "true" : "false" }
        if case .text(let t) = value, source != .interval, source != .timestamptz, source != .timetz { return t }
        return source.text(of: value) ?? ""
    }
}

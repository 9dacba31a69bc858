import Foundation

/// A field of a COPY input converted for its column: the stored value, or the field itself when it
/// is stored as it is (text already valid and short enough: no copy is made).
public enum LoadedValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// The field's own bytes, stored as text.
    case fieldText
    case blob([UInt8])

    /// The value, with `field` (the bytes it was converted from) for `.fieldText`.
    public func sqliteValue(field: UnsafeBufferPointer<UInt8>) -> SQLiteValue {
        switch self {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .text(let t): return .text(t)
        case .fieldText: return .text(String(decoding: field, as: UTF8.self))
        case .blob(let b): return .blob(b)
        }
    }
}

/// Why a field was rejected: a row of STL_LOAD_ERRORS (err_code, err_reason, position).
///
/// - Redshift: r_Load_Error_Reference lists the codes (1202 extra columns, 1204 out of range or
///   too long, 1205 date, 1206 timestamp, 1207 invalid digit, 1208 float, 1209 decimal, 1210
///   boolean, 1213 NOT NULL, 1214 delimiter not found, 1220 invalid UTF-8, 1224 SUPER JSON).
public struct LoadFieldError: Error, Equatable, Sendable {
    public var code: Int
    public var reason: String
    /// 0-based position in the field where the error is (STL_LOAD_ERRORS.position).
    public var position: Int

    public init(code: Int, reason: String, position: Int = 0) {
        self.code = code
        self.reason = reason
        self.position = position
    }
}

/// Converts COPY fields to one column's stored value with Redshift's load rules: NULL AS,
/// EMPTYASNULL, BLANKSASNULL, ACCEPTINVCHARS, TRUNCATECOLUMNS, TRIMBLANKS, DATEFORMAT/TIMEFORMAT,
/// ROUNDEC; the storage forms are `ValueConversion`'s (what INSERT stores).
///
/// - Redshift: copy-parameters-data-conversion; r_Load_Error_Reference for the codes. The
///   `err_reason` wordings follow the ones Redshift prints (`Invalid digit, Value 'a', Pos 0, Type:
///   Integer`, `String length exceeds DDL length`, `Missing data for not-null field`).
/// - Divergence: where the wording is not documented the emulator's own is used (see the README).
public struct LoadFieldConverter: Sendable {
    public let column: CopyPlan.Column
    public let options: LoadOptions

    public init(column: CopyPlan.Column, options: LoadOptions) {
        self.column = column
        self.options = options
    }

    /// STL_LOAD_ERRORS.type: the column's type name (`int4`, `varchar` …).
    public var typeName: String { column.type.typeName }

    /// STL_LOAD_ERRORS.col_length: the declared length of character and varbyte columns, else "".
    public var lengthText: String {
        switch column.type {
        case .char(let n), .varchar(let n), .varbyte(let n): return String(n)
        case .decimal(let p, let s): return "\(p),\(s)"
        default: return ""
        }
    }

    /// A field that was not in the record (FILLRECORD): NULL, or "" for character columns.
    public func missing() throws(LoadFieldError) -> LoadedValue {
        if column.type.isCharacter && !options.emptyAsNull { return .text("") }
        return try nullValue()
    }

    private func nullValue() throws(LoadFieldError) -> LoadedValue {
        guard column.nullable else { throw LoadFieldError(code: 1213, reason: "Missing data for not-null field") }
        return .null
    }

    /// The stored value of `field` (its bytes after unquoting and unescaping); `quoted` when the
    /// field was enclosed in quotes (CSV), which keeps an empty field a string.
    public func convert(_ field: UnsafeBufferPointer<UInt8>, quoted: Bool = false) throws(LoadFieldError) -> LoadedValue {
        if !quoted, field.elementsEqual(options.nullString) { return try nullValue() }
        let isCharacter = column.type.isCharacter
        if field.isEmpty {
            if isCharacter && !options.emptyAsNull { return .text("") }
            // An empty binary value of a typed file (Parquet, Avro) or a quoted "" is zero bytes, not NULL.
            if quoted, !options.emptyAsNull, column.type.isVarbyte { return .blob([]) }
            return try nullValue()
        }
        if field.allSatisfy(Self.isBlank) {
            if !isCharacter || options.blanksAsNull { return try nullValue() }
        }
        switch column.type {
        case .smallint, .integer, .bigint: return .integer(try integer(field))
        case .decimal(let p, let s): return try decimal(field, precision: p, scale: s)
        case .real, .doublePrecision: return .real(try double(field))
        case .boolean: return .integer(try boolean(field) ? 1 : 0)
        case .char(let n), .varchar(let n): return try character(field, length: n)
        case .date, .timestamp, .timestamptz, .time, .timetz: return try datetime(field)
        case .super: return try superValue(field)
        case .varbyte(let n): return try varbyte(field, length: n)
        case .interval, .unknown: return .text(String(decoding: field, as: UTF8.self))
        }
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }

    private func text(_ field: UnsafeBufferPointer<UInt8>) -> String { String(decoding: field, as: UTF8.self) }

    private var integerTypeWord: String {
        switch column.type {
        case .smallint: return "Short"
        case .bigint: return "Long"
        default: return "Integer"
        }
    }

    private func invalidDigit(_ field: UnsafeBufferPointer<UInt8>, at index: Int, type: String) -> LoadFieldError {
        let character = String(decoding: UnsafeBufferPointer(rebasing: field[index...].prefix(Self.scalarLength(field[index]))), as: UTF8.self)
        return LoadFieldError(code: 1207, reason: "Invalid digit, Value '\(character)', Pos \(index), Type: \(type)", position: index)
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    private func overflow(_ field: UnsafeBufferPointer<UInt8>, type: String) -> LoadFieldError {
        LoadFieldError(code: 1204, reason: "Overflow, Value '\(Self.prefix(text(field)))', Pos 0, Type: \(type)")
    }

    static func prefix(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) : text }

    /// Leading and trailing blanks are skipped (Redshift loads ` 42 ` into an integer).
    private func trimmedRange(_ field: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0, end = field.count
        while start < end, field[start] == 32 { start += 1 }
        while end > start, field[end - 1] == 32 { end -= 1 }
        return start..<end
    }

    private func integer(_ field: UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> Int64 {
        let range = trimmedRange(field)
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, field[index] == 45 || field[index] == 43 {
            negative = field[index] == 45
            index += 1
        }
        guard index < range.upperBound else { throw invalidDigit(field, at: max(index - 1, 0), type: integerTypeWord) }
        var magnitude: UInt64 = 0
        var overflowed = false
        while index < range.upperBound {
            let byte = field[index]
            guard byte >= 48 && byte <= 57 else { throw invalidDigit(field, at: index, type: integerTypeWord) }
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(byte - 48))
            overflowed = overflowed || o1 || o2
            magnitude = sum
            index += 1
        }
        let limit: UInt64
        switch column.type {
        case .smallint: limit = negative ? 32768 : 32767
        case .integer: limit = negative ? 2_147_483_648 : 2_147_483_647
        default: limit = negative ? 9_223_372_036_854_775_808 : 9_223_372_036_854_775_807
        }
        guard !overflowed, magnitude <= limit else { throw overflow(field, type: integerTypeWord) }
        return negative ? (magnitude == 9_223_372_036_854_775_808 ? Int64.min : -Int64(magnitude)) : Int64(magnitude)
    }

    private func decimal(_ field: UnsafeBufferPointer<UInt8>, precision: Int, scale: Int) throws(LoadFieldError) -> LoadedValue {
        let range = trimmedRange(field)
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, field[index] == 45 || field[index] == 43 {
            negative = field[index] == 45
            index += 1
        }
        var value: Int128 = 0
        var integerDigits = 0, fractionDigits = 0, seenPoint = false, seenDigit = false, roundUp = false
        while index < range.upperBound {
            let byte = field[index]
            if byte >= 48 && byte <= 57 {
                seenDigit = true
                if seenPoint {
                    if fractionDigits < scale {
                        // 38 integer digits and more fraction digits do not fit an Int128: overflow, not a trap.
                        let (scaled, overflowed) = value.multipliedReportingOverflow(by: 10)
                        guard !overflowed else { throw decimalOverflow(field, precision, scale) }
                        value = scaled + Int128(byte - 48)
                        fractionDigits += 1
                    } else if fractionDigits == scale {
                        roundUp = options.roundDecimals && byte >= 53   // ROUNDEC looks at the first dropped digit
                        fractionDigits += 1
                    }
                } else {
                    if integerDigits > 0 || byte != 48 { integerDigits += 1 }
                    guard integerDigits <= 38 else { throw decimalOverflow(field, precision, scale) }
                    value = value * 10 + Int128(byte - 48)
                }
            } else if byte == 46, !seenPoint {
                seenPoint = true
            } else {
                throw invalidDigit(field, at: index, type: "Decimal")
            }
            index += 1
        }
        guard seenDigit else { throw invalidDigit(field, at: max(index - 1, range.lowerBound), type: "Decimal") }
        for _ in min(fractionDigits, scale)..<scale {
            let (scaled, overflowed) = value.multipliedReportingOverflow(by: 10)
            guard !overflowed else { throw decimalOverflow(field, precision, scale) }
            value = scaled
        }
        if roundUp { value += 1 }
        guard value < ScaledDecimal.power128(min(precision, 38)) else { throw decimalOverflow(field, precision, scale) }
        if negative { value = -value }
        if WideDecimal.isWide(precision) { return .blob(WideDecimal.encode(value)) }
        guard let narrow = Int64(exactly: value) else { throw decimalOverflow(field, precision, scale) }
        return .integer(narrow)
    }

    private func decimalOverflow(_ field: UnsafeBufferPointer<UInt8>, _ precision: Int, _ scale: Int) -> LoadFieldError {
        LoadFieldError(code: 1204, reason: "Overflow for NUMERIC(\(precision),\(scale)), Value '\(Self.prefix(text(field)))', Pos 0, Type: Decimal")
    }

    private func double(_ field: UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> Double {
        let range = trimmedRange(field)
        let typeWord = column.type == .real ? "Float" : "Double"
        let plain = FloatFieldParsing.plainDouble(UnsafeBufferPointer(rebasing: field[range]))
        guard let value = plain ?? Double(String(decoding: UnsafeBufferPointer(rebasing: field[range]), as: UTF8.self)) else {
            let string = String(decoding: UnsafeBufferPointer(rebasing: field[range]), as: UTF8.self)
            let bad = string.utf8.firstIndex { !(($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69) }
            let position = bad.map { string.utf8.distance(from: string.utf8.startIndex, to: $0) } ?? 0
            throw LoadFieldError(code: 1208, reason: "Invalid digit, Value '\(Self.prefix(string))', Pos \(position), Type: \(typeWord)", position: position)
        }
        if column.type == .real {
            guard value.isNaN || value.isInfinite || abs(value) <= Double(Float.greatestFiniteMagnitude) else {
                throw overflow(field, type: typeWord)
            }
            return Double(Float(value))
        }
        return value
    }

    private func boolean(_ field: UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> Bool {
        if let value = Self.booleanWord(UnsafeBufferPointer(rebasing: field[trimmedRange(field)])) { return value }
        let word = String(decoding: UnsafeBufferPointer(rebasing: field[trimmedRange(field)]), as: UTF8.self).lowercased()
        switch word {
        case "t", "true", "y", "yes", "1": return true
        case "f", "false", "n", "no", "0": return false
        default: throw LoadFieldError(code: 1210, reason: "Invalid boolean value, Value '\(Self.prefix(word))'")
        }
    }

    /// CHAR/VARCHAR: valid UTF-8 (or repaired by ACCEPTINVCHARS), within the length in bytes (or
    /// cut by TRUNCATECOLUMNS); CHAR keeps no trailing blanks (as INSERT stores it).
    private func character(_ field: UnsafeBufferPointer<UInt8>, length: Int) throws(LoadFieldError) -> LoadedValue {
        var repaired: [UInt8]?
        if let bad = Self.firstInvalidUTF8(field) {
            guard let replacement = options.invalidCharacterReplacement else {
                let hex = String(field[bad], radix: 16)
                throw LoadFieldError(code: 1220, reason: "String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: \(hex) (error 3)", position: bad)
            }
            repaired = Self.replacingInvalidUTF8(field, with: replacement)
        }
        var end = repaired?.count ?? field.count
        let trimTrailing = { (bytes: (Int) -> UInt8) in while end > 0, bytes(end - 1) == 32 { end -= 1 } }
        if case .char = column.type { trimTrailing { repaired?[$0] ?? field[$0] } }
        if options.trimBlanks, case .varchar = column.type { trimTrailing { repaired?[$0] ?? field[$0] } }
        if end > length {
            guard options.truncateColumns else {
                throw LoadFieldError(code: 1204, reason: "String length exceeds DDL length")
            }
            end = length
            // Cut at a character boundary.
            while end > 0, ((repaired?[end] ?? field[end]) & 0xC0) == 0x80 { end -= 1 }
        }
        if let repaired { return .text(String(decoding: repaired[..<end], as: UTF8.self)) }
        if end == field.count { return .fieldText }
        return .text(String(decoding: UnsafeBufferPointer(rebasing: field[..<end]), as: UTF8.self))
    }

    /// The index of the first byte that does not start a valid UTF-8 sequence, nil when all are valid.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            if lead == 0xE0 && bytes[index + 1] < 0xA0 { return index }
            if lead == 0xED && bytes[index + 1] >= 0xA0 { return index }
            if lead == 0xF0 && bytes[index + 1] < 0x90 { return index }
            if lead == 0xF4 && bytes[index + 1] >= 0x90 { return index }
            index += length
        }
        return nil
    }

    /// The bytes with each byte of an invalid sequence replaced by `replacement` (ACCEPTINVCHARS:
    /// "a string of equal length").
    static func replacingInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, with replacement: UInt8) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[index...])
            guard let bad = firstInvalidUTF8(rest) else {
                result.append(contentsOf: rest)
                break
            }
            result.append(contentsOf: rest[..<bad])
            result.append(replacement)
            index += bad + 1
        }
        return result
    }

    private func datetime(_ field: UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> LoadedValue {
        let isDate = column.type == .date
        let format = isDate ? options.dateFormat : options.timeFormat
        // A field already in the stored form is stored as it is (what parsing and rendering it gives).
        if format == nil || format?.lowercased() == "auto" {
            switch column.type {
            case .date: if CanonicalDateTimeText.isDate(field) { return .fieldText }
            case .timestamp, .timestamptz: if CanonicalDateTimeText.isTimestamp(field) { return .fieldText }
            default: break
            }
        }
        let raw = Self.trimmingWhitespace(field)
        func failure() -> LoadFieldError {
            if isDate {
                if raw.utf8.count < 10 && format == nil {
                    return LoadFieldError(code: 1205, reason: "Invalid Date Format - length must be 10 or more")
                }
                return LoadFieldError(code: 1205, reason: "Invalid date format or value [\(format ?? "YYYY-MM-DD")]")
            }
            return LoadFieldError(code: 1206, reason: "Invalid timestamp format or value [\(format ?? "YYYY-MM-DD HH24:MI:SS")]")
        }
        // The default DATEFORMAT 'YYYY-MM-DD' needs the ten characters.
        if isDate, format == nil, raw.utf8.count < 10 {
            if options.acceptAnyDate { return try nullValue() }
            throw failure()
        }
        var parsed: (DateTimeValue, Int?)?
        switch format?.lowercased() {
        case nil, "auto":
            parsed = DateTimeValue.parse(raw)
        case "epochsecs", "epochmillisecs":
            guard !isDate, let number = Double(raw) else { throw failure() }
            let micros = format?.lowercased() == "epochsecs" ? number * 1_000_000 : number * 1_000
            guard micros.isFinite, abs(micros) < 9e18 else { throw failure() }
            parsed = (DateTimeValue(epochMicroseconds: Int64(micros.rounded())), 0)
        default:
            parsed = (try? DateFormatParsing.parse(raw, format: format!, strict: true)).map { ($0, nil) }
        }
        if parsed == nil, !isDate, column.type == .time || column.type == .timetz {
            parsed = DateTimeValue.parse("2000-01-01 " + raw)
        }
        guard let (value, offset) = parsed else {
            if options.acceptAnyDate { return try nullValue() }
            throw failure()
        }
        switch column.type {
        case .date: return .text(value.dateText)
        case .timestamp: return .text(value.timestampText)
        case .timestamptz, .timetz:
            let utc = DateTimeValue(epochMicroseconds: value.epochMicroseconds - Int64(offset ?? 0) * 1_000_000)
            return .text(column.type == .timetz ? utc.timeText : utc.timestampText)
        default: return .text(value.timeText)
        }
    }

    /// The field as text without leading and trailing whitespace (tabs and Unicode spaces);
    /// a field that starts and ends with ASCII text needs no trimming.
    private static func trimmingWhitespace(_ field: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: field, as: UTF8.self)
        if let first = field.first, let last = field.last, first < 0x80, last < 0x80,
           first != 32, first != 9, last != 32, last != 9 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The boolean words COPY accepts, in any ASCII case; nil for anything else.
    static func booleanWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool? {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
        func matches(_ candidate: StaticString) -> Bool {
            guard word.count == candidate.utf8CodeUnitCount else { return false }
            let bytes = UnsafeBufferPointer(start: candidate.utf8Start, count: candidate.utf8CodeUnitCount)
            for index in 0..<word.count where lower(word[index]) != bytes[index] { return false }
            return true
        }
        if matches("t") || matches("true") || matches("y") || matches("yes") || matches("1") { return true }
        if matches("f") || matches("false") || matches("n") || matches("no") || matches("0") { return false }
        return nil
    }

    private func superValue(_ field: UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> LoadedValue {
        let data = Data(buffer: field)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            // A bare string loads as a SUPER string (copy-parameters-data-conversion): stored as the
            // JSON string it is, so JSON_TYPEOF says 'string' and an UNLOAD … COPY round trip is exact.
            if Self.firstInvalidUTF8(field) == nil { return .text(Self.jsonString(field)) }
            throw LoadFieldError(code: 1224, reason: "Invalid JSON for super type")
        }
        return .fieldText
    }

    /// `field` as a JSON string literal (quotes, backslashes and control characters escaped).
    static func jsonString(_ field: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = [34]
        out.reserveCapacity(field.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for byte in field {
            switch byte {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += [92, 110]
            case 13: out += [92, 114]
            case 9: out += [92, 116]
            case 0..<32: out += [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(34)
        return String(decoding: out, as: UTF8.self)
    }

    private func varbyte(_ field: UnsafeBufferPointer<UInt8>, length: Int) throws(LoadFieldError) -> LoadedValue {
        // Text input holds VARBYTE as hexadecimal (r_VARBYTE_type: "ingest … as hexadecimal").
        guard field.count % 2 == 0 else { throw LoadFieldError(code: 1207, reason: "Invalid hexadecimal value for varbyte") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            case 97...102: return c - 87
            default: return nil
            }
        }
        var index = 0
        while index < field.count {
            guard let high = nibble(field[index]), let low = nibble(field[index + 1]) else {
                throw invalidDigit(field, at: nibble(field[index]) == nil ? index : index + 1, type: "Varbyte")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        guard bytes.count <= length else {
            guard options.truncateColumns else { throw LoadFieldError(code: 1204, reason: "String length exceeds DDL length") }
            return .blob(Array(bytes.prefix(length)))
        }
        return .blob(bytes)
    }
}

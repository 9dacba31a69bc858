import Foundation
import RedshiftSQL

/// Bind's binary parameter values, read into the text the engine binds (PostgreSQL's `*send`
/// formats, as in src/backend/utils/adt: big-endian integers, IEEE floats, numeric in base-10000
/// digits, dates as days and times as microseconds from 2000-01-01).
enum BinaryParameter {
    /// Why a value could not be read: Bind fails with 22P03 (invalid_binary_representation) or,
    /// for a type without a binary reader, 0A000.
    struct Failure: Error, Equatable {
        var code: String
        var message: String
    }

    /// The text form of a binary value of type `oid`.
    static func text(of bytes: [UInt8], oid: Int32) throws(Failure) -> String {
        var reader = ByteReader(bytes: bytes)
        let text: String?
        switch oid {
        case PGTypeOID.bool:
            text = bytes.count == 1 ? (bytes[0] != 0 ? "true" : "false") : nil
        case PGTypeOID.int2:
            text = bytes.count == 2 ? String(reader.int16()) : nil
        case PGTypeOID.int4:
            text = bytes.count == 4 ? String(reader.int32()) : nil
        case PGTypeOID.oid:
            text = bytes.count == 4 ? String(UInt32(bitPattern: reader.int32())) : nil
        case PGTypeOID.int8:
            text = bytes.count == 8 ? String(reader.int64()) : nil
        case PGTypeOID.float4:
            text = bytes.count == 4 ? floatText(Double(Float(bitPattern: UInt32(bitPattern: reader.int32())))) : nil
        case PGTypeOID.float8:
            text = bytes.count == 8 ? floatText(Double(bitPattern: UInt64(bitPattern: reader.int64()))) : nil
        case PGTypeOID.numeric:
            text = numericText(&reader)
        case PGTypeOID.date:
            text = bytes.count == 4 ? PGDateTime.dateText(days: Int64(reader.int32())) : nil
        case PGTypeOID.time:
            text = bytes.count == 8 ? PGDateTime.timeText(micros: reader.int64()) : nil
        case PGTypeOID.timetz:
            if bytes.count == 12 {
                let micros = reader.int64()
                text = PGDateTime.timeText(micros: micros) + PGDateTime.zoneText(westSeconds: reader.int32())
            } else {
                text = nil
            }
        case PGTypeOID.timestamp:
            text = bytes.count == 8 ? PGDateTime.timestampText(micros: reader.int64()) : nil
        case PGTypeOID.timestamptz:
            text = bytes.count == 8 ? PGDateTime.timestampText(micros: reader.int64()) + "+00" : nil
        case PGTypeOID.interval:
            if bytes.count == 16 {
                let micros = reader.int64(), days = reader.int32(), months = reader.int32()
                text = PGDateTime.intervalText(months: months, days: days, micros: micros)
            } else {
                text = nil
            }
        case PGTypeOID.bytea, PGTypeOID.varbyte:
            // byteasend: the bytes themselves; their text is bytea's hex format, `\x0102`, which
            // PositionalParameters binds through FROM_HEX.
            text = "\\x" + VarbyteCodec.hex(bytes)
        case let oid where PGTypeOID.textual.contains(oid) && oid != PGTypeOID.unspecified:
            text = String(validating: bytes, as: UTF8.self)
        case PGTypeOID.unspecified:
            throw Failure(code: "0A000", message: "binary format for a parameter of unspecified type is not supported")
        default:
            throw Failure(code: "0A000", message: "binary format for parameters of type \(oid) is not supported")
        }
        guard let text else {
            throw Failure(code: "22P03", message: "incorrect binary data format")
        }
        return text
    }

    /// Shortest round-trip text, with PostgreSQL's spellings of the special values.
    static func floatText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }

    /// numeric_send: ndigits, weight, sign, dscale, then ndigits base-10000 digits.
    private static func numericText(_ reader: inout ByteReader) -> String? {
        guard reader.remaining >= 8 else { return nil }
        let count = Int(reader.int16()), weight = Int(reader.int16())
        let sign = UInt16(bitPattern: reader.int16()), scale = Int(reader.int16())
        if sign == 0xC000 { return "NaN" }
        guard count >= 0, scale >= 0, sign == 0 || sign == 0x4000, reader.remaining == count * 2 else { return nil }
        let digits = (0..<count).map { _ in Int(reader.int16()) }
        guard digits.allSatisfy({ (0..<10000).contains($0) }) else { return nil }
        // Digit i stands for digits[i] * 10000^(weight - i).
        var whole = ""
        if weight < 0 {
            whole = "0"
        } else {
            for i in 0...weight {
                let digit = i < count ? digits[i] : 0
                whole += i == 0 ? String(digit) : pad(digit)
            }
        }
        var fraction = ""
        if scale > 0 {
            var i = weight + 1
            while fraction.count < scale {
                let digit = i >= 0 && i < count ? digits[i] : 0
                fraction += pad(digit)
                i += 1
            }
            fraction = "." + fraction.prefix(scale)
        }
        let negative = sign == 0x4000 && (digits.contains { $0 != 0 })
        return (negative ? "-" : "") + whole + fraction
    }

    private static func pad(_ digit: Int) -> String {
        let text = String(digit)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}

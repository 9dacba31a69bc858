import RedshiftSQL

/// The type OIDs the PostgreSQL door reads and writes (PostgreSQL's pg_type, catalog-pg-type.html,
/// plus Redshift's super 4000 and varbyte 6551).
enum PGTypeOID {
    static let unspecified: Int32 = 0
    static let bool: Int32 = 16
    static let bytea: Int32 = 17
    static let name: Int32 = 19
    static let int8: Int32 = 20
    static let int2: Int32 = 21
    static let int4: Int32 = 23
    static let text: Int32 = 25
    static let oid: Int32 = 26
    static let json: Int32 = 114
    static let float4: Int32 = 700
    static let float8: Int32 = 701
    /// PostgreSQL's `unknown`, which redshift_connector sends for strings and NULLs.
    static let unknown: Int32 = 705
    static let bpchar: Int32 = 1042
    static let varchar: Int32 = 1043
    static let date: Int32 = 1082
    static let time: Int32 = 1083
    static let timestamp: Int32 = 1114
    static let timestamptz: Int32 = 1184
    static let interval: Int32 = 1186
    static let timetz: Int32 = 1266
    static let numeric: Int32 = 1700
    static let super_: Int32 = 4000
    static let varbyte: Int32 = 6551

    /// Types whose values are character strings in both formats.
    static let textual: Set<Int32> = [text, varchar, bpchar, name, unknown, json, unspecified, -1]

    /// The SQL type a parameter of this OID is cast to, so that `SELECT $1` has the type Parse gave
    /// it; nil leaves the value untyped (PostgreSQL's `unknown`, inferred from its context).
    /// `numeric` takes its precision and scale from the value (Redshift's bare NUMERIC is (18,0)).
    static func castType(of oid: Int32, value: String?) -> String? {
        switch oid {
        case int2: return "SMALLINT"
        case int4: return "INTEGER"
        case int8: return "BIGINT"
        case float4: return "REAL"
        case float8: return "DOUBLE PRECISION"
        case bool: return "BOOLEAN"
        case date: return "DATE"
        case time: return "TIME"
        case timetz: return "TIMETZ"
        case timestamp: return "TIMESTAMP"
        case timestamptz: return "TIMESTAMPTZ"
        case numeric:
            guard let value else { return "DECIMAL(38,0)" }
            return decimalType(of: value)
        default: return nil
        }
    }

    /// bytea (what drivers send for byte arrays) and Redshift's varbyte: bound through FROM_HEX.
    static func isBinaryString(_ oid: Int32) -> Bool { oid == bytea || oid == varbyte }

    /// The hexadecimal digits of a bytea parameter's text, in either of PostgreSQL's input forms
    /// (datatype-binary.html): the hex format `\x0102` loses its `\x`; the escape format (`\001`
    /// octal, `\\` a backslash, any other character its own UTF-8 bytes) is turned into hex. A
    /// binary Bind value arrives in the hex format (`BinaryParameter`).
    static func hexDigits(ofByteaText text: String) -> String {
        if text.hasPrefix("\\x") { return String(text.dropFirst(2)) }
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                decoded.append(bytes[index])
                index += 2
            } else if bytes[index] == UInt8(ascii: "\\"), index + 3 < bytes.count,
                      let value = UInt8(String(decoding: bytes[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                decoded.append(value)
                index += 4
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return VarbyteCodec.hex(decoded)
    }

    /// `DECIMAL(p,s)` that holds a plain decimal text (`-12.340`) exactly; nil for other forms
    /// (exponents, NaN) or more than 38 digits.
    static func decimalType(of value: String) -> String? {
        var digits = Substring(value)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !digits.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let whole = parts[0].drop { $0 == "0" }.count
        let scale = parts.count > 1 ? parts[1].count : 0
        let precision = max(whole + scale, 1)
        guard precision <= 38, scale <= 37 else { return nil }
        return "DECIMAL(\(max(precision, scale + 1)),\(scale))"
    }
}

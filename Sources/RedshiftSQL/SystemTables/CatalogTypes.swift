/// What the catalog views say about a Redshift type: pg_type OID and typmod, the
/// information_schema `data_type` and precisions, `format_type()` text, default encoding.
///
/// - Redshift: type OIDs and format_type() names (redshift-sql.md §1.1, c_Supported_data_types);
///   typmod as PostgreSQL encodes it (length + 4; ((p << 16) | s) + 4 for numeric);
///   default encodings when ENCODE is not given (c_Compression_encodings).
enum CatalogTypes {
    /// One pg_type row: the types a column can have, plus the ones catalog columns use.
    struct PgType {
        let oid: Int
        let name: String
        /// typlen: -1 for variable length.
        let length: Int
        let byValue: Bool
        let align: String
    }

    static let pgTypes: [PgType] = [
        PgType(oid: 16, name: "bool", length: 1, byValue: true, align: "c"),
        PgType(oid: 18, name: "char", length: 1, byValue: true, align: "c"),
        PgType(oid: 19, name: "name", length: 128, byValue: false, align: "i"),
        PgType(oid: 20, name: "int8", length: 8, byValue: false, align: "d"),
        PgType(oid: 21, name: "int2", length: 2, byValue: true, align: "s"),
        PgType(oid: 23, name: "int4", length: 4, byValue: true, align: "i"),
        PgType(oid: 25, name: "text", length: -1, byValue: false, align: "i"),
        PgType(oid: 26, name: "oid", length: 4, byValue: true, align: "i"),
        PgType(oid: 700, name: "float4", length: 4, byValue: false, align: "i"),
        PgType(oid: 701, name: "float8", length: 8, byValue: false, align: "d"),
        PgType(oid: 1042, name: "bpchar", length: -1, byValue: false, align: "i"),
        PgType(oid: 1043, name: "varchar", length: -1, byValue: false, align: "i"),
        PgType(oid: 1082, name: "date", length: 4, byValue: true, align: "i"),
        PgType(oid: 1083, name: "time", length: 8, byValue: false, align: "d"),
        PgType(oid: 1114, name: "timestamp", length: 8, byValue: false, align: "d"),
        PgType(oid: 1184, name: "timestamptz", length: 8, byValue: false, align: "d"),
        PgType(oid: 1186, name: "interval", length: 16, byValue: false, align: "d"),
        PgType(oid: 1266, name: "timetz", length: 12, byValue: false, align: "d"),
        PgType(oid: 1700, name: "numeric", length: -1, byValue: false, align: "i"),
        PgType(oid: 4000, name: "super", length: -1, byValue: false, align: "i"),
        PgType(oid: 6551, name: "varbyte", length: -1, byValue: false, align: "i"),
    ]

    private static let oidByName: [String: Int] = Dictionary(pgTypes.map { ($0.name, $0.oid) }, uniquingKeysWith: { a, _ in a })
    private static let nameByOID: [Int: String] = Dictionary(pgTypes.map { ($0.oid, $0.name) }, uniquingKeysWith: { a, _ in a })

    /// pg_type.oid of a column type (705 "unknown" for an untyped NULL).
    static func oid(of type: RedshiftType) -> Int { oidByName[type.typeName] ?? 705 }

    /// pg_attribute.atttypmod: the declared length + 4 for CHAR/VARCHAR, ((p << 16) | s) + 4 for
    /// NUMERIC, -1 otherwise.
    static func typmod(of type: RedshiftType) -> Int {
        switch type {
        case .char(let n), .varchar(let n): return n &+ 4
        case .decimal(let p, let s): return ((p << 16) | s) &+ 4
        default: return -1
        }
    }

    /// information_schema.columns.data_type: the SQL name without modifiers.
    static func dataType(of type: RedshiftType) -> String {
        switch type {
        case .decimal: return "numeric"
        case .char: return "character"
        case .varchar: return "character varying"
        default: return type.formatTypeName
        }
    }

    /// numeric_precision: bits for integers and floats (radix 2), digits for NUMERIC (radix 10).
    static func numericPrecision(of type: RedshiftType) -> (precision: Int, radix: Int, scale: Int?)? {
        switch type {
        case .smallint: return (16, 2, 0)
        case .integer: return (32, 2, 0)
        case .bigint: return (64, 2, 0)
        case .real: return (24, 2, nil)
        case .doublePrecision: return (53, 2, nil)
        case .decimal(let p, let s): return (p, 10, s)
        default: return nil
        }
    }

    /// datetime_precision: 0 for DATE, 6 (microseconds) for times and timestamps.
    static func datetimePrecision(of type: RedshiftType) -> Int? {
        switch type {
        case .date: return 0
        case .time, .timetz, .timestamp, .timestamptz: return 6
        default: return nil
        }
    }

    /// The encoding Redshift assigns a column created without ENCODE (c_Compression_encodings):
    /// AZ64 for integers, DECIMAL, DATE and timestamps, LZO for CHAR/VARCHAR, RAW (shown as
    /// `none`) for BOOLEAN, REAL, DOUBLE PRECISION and the rest. Sort key columns get RAW (the
    /// views decide that, they know the sort key).
    static func defaultEncoding(of type: RedshiftType) -> String {
        switch type {
        case .smallint, .integer, .bigint, .decimal, .date, .timestamp, .timestamptz: return "az64"
        case .char, .varchar: return "lzo"
        default: return "none"
        }
    }

    /// `format_type(oid, typmod)`: e.g. (1043, 24) → `character varying(20)`; nil for an unknown OID.
    static func formatType(oid: Int64, typmod: Int64?) -> String? {
        guard let name = nameByOID[Int(truncatingIfNeeded: oid)], Int64(Int(truncatingIfNeeded: oid)) == oid else { return nil }
        let modifier = typmod.flatMap { $0 >= 4 ? $0 - 4 : nil }
        switch name {
        case "bpchar": return modifier.map { "character(\($0))" } ?? "character"
        case "varchar": return modifier.map { "character varying(\($0))" } ?? "character varying"
        case "numeric": return modifier.map { "numeric(\(($0 >> 16) & 0xFFFF),\($0 & 0xFFFF))" } ?? "numeric"
        case "char": return "\"char\""
        case "text", "name", "oid", "interval": return name
        default: return RedshiftType(catalogText: name)?.formatTypeName ?? name
        }
    }

    /// One fact about a type stored as `catalogText`, for the SQL of the catalog views.
    static func field(_ field: String, ofCatalogText text: String) -> SQLiteValue {
        guard let type = RedshiftType(catalogText: text) else { return .null }
        let numeric = numericPrecision(of: type)
        func integer(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
        switch field {
        case "oid": return .integer(Int64(oid(of: type)))
        case "typmod": return .integer(Int64(typmod(of: type)))
        case "typname": return .text(type.typeName)
        case "format": return .text(type.formatTypeName)
        case "data_type": return .text(dataType(of: type))
        case "char_length":
            switch type {
            case .char(let n), .varchar(let n): return .integer(Int64(n))
            default: return .null
            }
        case "precision": return integer(numeric?.precision)
        case "radix": return integer(numeric?.radix)
        case "scale": return integer(numeric?.scale)
        case "datetime_precision": return integer(datetimePrecision(of: type))
        case "encoding": return .text(defaultEncoding(of: type))
        default: return .null
        }
    }

    /// `rs_catalog_type(catalogText, field)` and `rs_format_type(oid, typmod)`.
    static var functions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_catalog_type", argumentCount: 2) { args in
                guard let text = args[0].textValue, let name = args[1].textValue else { return .null }
                return field(name, ofCatalogText: text)
            },
            EmulatedFunction("rs_format_type", argumentCount: 2) { args in
                guard let oid = args[0].integerValue else { return .null }
                return formatType(oid: oid, typmod: args[1].integerValue).map { .text($0) } ?? .null
            },
        ]
    }
}

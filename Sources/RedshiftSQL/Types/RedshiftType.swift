/// Redshift data types as the catalog stores them.
///
/// - Redshift: Database Developer Guide › Data types (c_Supported_data_types).
public enum RedshiftType: Equatable, Hashable, Sendable {
    case smallint, integer, bigint
    case decimal(precision: Int, scale: Int)
    case real, doublePrecision, boolean
    case char(length: Int), varchar(length: Int)
    case date, timestamp, timestamptz, time, timetz
    case `super`
    case varbyte(length: Int)
    /// INTERVAL: an expression type only (interval literals and date/time arithmetic), not a column type.
    case interval
    /// Untyped NULL / unknown-literal.
    case unknown

    /// Data API ColumnMetadata.typeName.
    public var typeName: String {
        switch self {
        case .smallint: return "int2"
        case .integer: return "int4"
        case .bigint: return "int8"
        case .decimal: return "numeric"
        case .real: return "float4"
        case .doublePrecision: return "float8"
        case .boolean: return "bool"
        case .char: return "bpchar"
        case .varchar, .unknown: return "varchar"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestamptz: return "timestamptz"
        case .time: return "time"
        case .timetz: return "timetz"
        case .super: return "super"
        case .varbyte: return "varbyte"
        case .interval: return "interval"
        }
    }

    /// ColumnMetadata.precision per data-api.md §6.2 (JDBC values where Redshift's are unverified).
    public var metadataPrecision: Int {
        switch self {
        case .smallint: return 5
        case .integer: return 10
        case .bigint: return 19
        case .decimal(let p, _): return p
        case .real: return 8
        case .doublePrecision: return 17
        case .boolean: return 1
        case .char(let n), .varchar(let n), .varbyte(let n): return n
        case .date: return 13
        // Display sizes: timestamptz 35 as captured from real Redshift Serverless (issue 17); time
        // 15 and timetz 21 follow the same JDBC rule (the zone adds 6 characters), unverified.
        case .timestamp: return 29
        case .timestamptz: return 35
        case .time: return 15
        case .timetz: return 21
        case .super: return 65535
        case .interval: return 49
        case .unknown: return 65535   // an untyped NULL is an unbounded VARCHAR (issue 17)
        }
    }

    /// ColumnMetadata.scale: numeric s, 6 for timestamps and times, the precision for floats
    /// (`CAST(x AS REAL)` has scale 8 on real Redshift Serverless, issue 17; float8 17 by the same
    /// JDBC rule, unverified), else 0.
    public var metadataScale: Int {
        switch self {
        case .decimal(_, let s): return s
        case .real: return 8
        case .doublePrecision: return 17
        case .timestamp, .timestamptz, .time, .timetz, .interval: return 6
        default: return 0
        }
    }

    /// True for numeric types.
    public var isSigned: Bool { isNumeric }

    /// ColumnMetadata.isCaseSensitive: false for numbers, booleans, dates, times and intervals; true
    /// for everything else (character types, VARBYTE as captured from real Redshift Serverless, SUPER).
    public var isCaseSensitive: Bool {
        switch self {
        case .boolean, .interval: return false
        default: return !isNumeric && !isDatetime
        }
    }

    /// SMALLINT, INTEGER, BIGINT.
    public var isInteger: Bool {
        switch self { case .smallint, .integer, .bigint: return true; default: return false }
    }
    /// Integer, decimal and floating-point types.
    public var isNumeric: Bool {
        switch self {
        case .smallint, .integer, .bigint, .decimal, .real, .doublePrecision: return true
        default: return false
        }
    }
    /// REAL and DOUBLE PRECISION.
    public var isFloat: Bool { self == .real || self == .doublePrecision }
    /// CHAR and VARCHAR.
    public var isCharacter: Bool {
        switch self { case .char, .varchar: return true; default: return false }
    }
    /// VARBYTE of any length.
    public var isVarbyte: Bool {
        if case .varbyte = self { return true }
        return false
    }
    /// DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ.
    public var isDatetime: Bool {
        switch self { case .date, .timestamp, .timestamptz, .time, .timetz: return true; default: return false }
    }

    /// The text the catalog stores and `rs_cast` understands, e.g. `numeric(8,2)`, `varchar(10)`, `int4`.
    public var catalogText: String {
        switch self {
        case .decimal(let p, let s): return "numeric(\(p),\(s))"
        case .char(let n): return "bpchar(\(n))"
        case .varchar(let n): return "varchar(\(n))"
        case .varbyte(let n): return "varbyte(\(n))"
        case .unknown: return "unknown"
        default: return typeName
        }
    }

    /// Parses `catalogText`; nil when the text names no type.
    public init?(catalogText: String) {
        let text = catalogText.lowercased()
        func args() -> [Int] {
            guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return [] }
            return text[text.index(after: open)..<close].split(separator: ",").compactMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
        }
        let base = text.split(separator: "(").first.map(String.init) ?? text
        switch base {
        case "int2": self = .smallint
        case "int4": self = .integer
        case "int8": self = .bigint
        case "numeric":
            let a = args()
            self = .decimal(precision: a.first ?? 18, scale: a.count > 1 ? a[1] : 0)
        case "float4": self = .real
        case "float8": self = .doublePrecision
        case "bool": self = .boolean
        case "bpchar": self = .char(length: args().first ?? 1)
        case "varchar": self = .varchar(length: args().first ?? 256)
        case "varbyte": self = .varbyte(length: args().first ?? 64000)
        case "date": self = .date
        case "timestamp": self = .timestamp
        case "timestamptz": self = .timestamptz
        case "time": self = .time
        case "timetz": self = .timetz
        case "super": self = .super
        case "interval": self = .interval
        case "unknown": self = .unknown
        default: return nil
        }
    }

    /// The name `format_type()` / PG_TABLE_DEF prints, e.g. `character varying(200)`.
    public var formatTypeName: String {
        switch self {
        case .smallint: return "smallint"
        case .integer: return "integer"
        case .bigint: return "bigint"
        case .decimal(let p, let s): return "numeric(\(p),\(s))"
        case .real: return "real"
        case .doublePrecision: return "double precision"
        case .boolean: return "boolean"
        case .char(let n): return "character(\(n))"
        case .varchar(let n): return "character varying(\(n))"
        case .date: return "date"
        case .timestamp: return "timestamp without time zone"
        case .timestamptz: return "timestamp with time zone"
        case .time: return "time without time zone"
        case .timetz: return "time with time zone"
        case .super: return "super"
        case .varbyte: return "varbyte"
        case .interval: return "interval"
        case .unknown: return "unknown"
        }
    }

    /// The declared SQLite column type, which sets the column's storage affinity.
    var sqliteDeclaration: String {
        switch self {
        case .smallint, .integer, .bigint, .boolean: return "INTEGER"
        case .decimal(let p, _): return WideDecimal.isWide(p) ? "BLOB" : "INTEGER"  // scaled by 10^s, see ScaledDecimal
        case .real, .doublePrecision: return "REAL"
        case .varbyte: return "BLOB"
        case .char, .varchar: return "TEXT COLLATE RTRIM"
        default: return "TEXT"
        }
    }
}

/// A Redshift column type as UNLOAD … FORMAT PARQUET writes it (r_UNLOAD), and the Parquet
/// physical type and annotation it becomes:
///
/// | Redshift | Parquet |
/// |---|---|
/// | SMALLINT | INT32, INT(16, signed) |
/// | INTEGER | INT32 |
/// | BIGINT | INT64 |
/// | DECIMAL(p, s) | DECIMAL(p, s) on INT32 (p ≤ 9), INT64 (p ≤ 18) or FIXED_LEN_BYTE_ARRAY |
/// | REAL | FLOAT |
/// | DOUBLE PRECISION | DOUBLE |
/// | BOOLEAN | BOOLEAN |
/// | CHAR, VARCHAR | BYTE_ARRAY, STRING |
/// | DATE | INT32, DATE |
/// | TIMESTAMP | INT64, TIMESTAMP(micros, isAdjustedToUTC = false) |
/// | TIMESTAMPTZ | INT64, TIMESTAMP(micros, isAdjustedToUTC = true) |
/// | TIME | INT64, TIME(micros, isAdjustedToUTC = false) |
/// | TIMETZ | INT64, TIME(micros, isAdjustedToUTC = true) (the value in UTC) |
/// | VARBYTE | BYTE_ARRAY |
public enum ParquetColumnType: Hashable, Sendable {
    /// Takes `.int`.
    case smallint, integer, bigint
    /// Takes `.decimal` (rescaled to `scale`) or `.int`.
    case decimal(precision: Int, scale: Int)
    /// Takes `.double` or `.int`.
    case real, double
    /// Takes `.boolean`.
    case boolean
    /// CHAR and VARCHAR; takes `.string`.
    case string
    /// Takes `.date`.
    case date
    /// Takes `.timestamp` (its `utc` flag is ignored: the column type decides).
    case timestamp, timestamptz
    /// Takes `.time` (microseconds since midnight; for TIMETZ, in UTC).
    case time, timetz
    /// Takes `.bytes`.
    case varbyte
}

/// One column of a Parquet file being written.
public struct ParquetWriterColumn: Hashable, Sendable {
    public var name: String
    public var type: ParquetColumnType
    /// Whether the column may hold nulls (an OPTIONAL column with definition levels).
    public var nullable: Bool

    public init(name: String, type: ParquetColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// The page compression codec (r_UNLOAD: Parquet files are Snappy-compressed).
public enum ParquetCompression: String, Hashable, Sendable, CaseIterable {
    case uncompressed, snappy, gzip, zstd

    var codec: CompressionCodec {
        switch self {
        case .uncompressed: return .uncompressed
        case .snappy: return .snappy
        case .gzip: return .gzip
        case .zstd: return .zstd
        }
    }
}

/// How the writer lays out a file.
public struct ParquetWriterOptions: Hashable, Sendable {
    /// A row group is cut once its buffered (encoded, compressed) size reaches this many bytes
    /// (UNLOAD's ROWGROUPSIZE: 32 MB by default, 32 MB to 128 MB).
    public var rowGroupSize: Int
    /// A data page is cut once its encoded values reach this many bytes.
    public var pageSize: Int
    public var compression: ParquetCompression
    /// Dictionary-encodes string and VARBYTE columns (falling back to PLAIN when a column
    /// chunk's dictionary grows past `pageSize`).
    public var dictionary: Bool
    /// The footer's `created_by`.
    public var createdBy: String

    public init(rowGroupSize: Int = 32 << 20, pageSize: Int = 1 << 20, compression: ParquetCompression = .snappy,
                dictionary: Bool = true, createdBy: String = "redshift-emulator") {
        self.rowGroupSize = rowGroupSize
        self.pageSize = pageSize
        self.compression = compression
        self.dictionary = dictionary
        self.createdBy = createdBy
    }
}

/// Parquet's footer and page headers (apache/parquet-format, parquet.thrift), the fields this
/// reader and writer use. Enumerations keep their raw numbers so a newer file's values survive
/// decoding and are refused only where they matter.

/// A column's physical storage type (`Type`).
struct PhysicalType: RawRepresentable, Hashable, Sendable {
    var rawValue: Int32
    static let boolean = PhysicalType(rawValue: 0)
    static let int32 = PhysicalType(rawValue: 1)
    static let int64 = PhysicalType(rawValue: 2)
    static let int96 = PhysicalType(rawValue: 3)
    static let float = PhysicalType(rawValue: 4)
    static let double = PhysicalType(rawValue: 5)
    static let byteArray = PhysicalType(rawValue: 6)
    static let fixedLenByteArray = PhysicalType(rawValue: 7)
}

/// The legacy type annotation (`ConvertedType`).
struct ConvertedType: RawRepresentable, Hashable, Sendable {
    var rawValue: Int32
    static let utf8 = ConvertedType(rawValue: 0)
    static let map = ConvertedType(rawValue: 1)
    static let mapKeyValue = ConvertedType(rawValue: 2)
    static let list = ConvertedType(rawValue: 3)
    static let enumeration = ConvertedType(rawValue: 4)
    static let decimal = ConvertedType(rawValue: 5)
    static let date = ConvertedType(rawValue: 6)
    static let timeMillis = ConvertedType(rawValue: 7)
    static let timeMicros = ConvertedType(rawValue: 8)
    static let timestampMillis = ConvertedType(rawValue: 9)
    static let timestampMicros = ConvertedType(rawValue: 10)
    static let uint8 = ConvertedType(rawValue: 11)
    static let uint16 = ConvertedType(rawValue: 12)
    static let uint32 = ConvertedType(rawValue: 13)
    static let uint64 = ConvertedType(rawValue: 14)
    static let int8 = ConvertedType(rawValue: 15)
    static let int16 = ConvertedType(rawValue: 16)
    static let int32 = ConvertedType(rawValue: 17)
    static let int64 = ConvertedType(rawValue: 18)
    static let json = ConvertedType(rawValue: 19)
    static let bson = ConvertedType(rawValue: 20)
    static let interval = ConvertedType(rawValue: 21)
}

/// `FieldRepetitionType`.
enum Repetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}

/// How a page's values (or levels) are encoded (`Encoding`).
struct Encoding: RawRepresentable, Hashable, Sendable {
    var rawValue: Int32
    static let plain = Encoding(rawValue: 0)
    static let plainDictionary = Encoding(rawValue: 2)
    static let rle = Encoding(rawValue: 3)
    static let bitPacked = Encoding(rawValue: 4)
    static let deltaBinaryPacked = Encoding(rawValue: 5)
    static let deltaLengthByteArray = Encoding(rawValue: 6)
    static let deltaByteArray = Encoding(rawValue: 7)
    static let rleDictionary = Encoding(rawValue: 8)
    static let byteStreamSplit = Encoding(rawValue: 9)
}

/// How a page is compressed (`CompressionCodec`).
struct CompressionCodec: RawRepresentable, Hashable, Sendable {
    var rawValue: Int32
    static let uncompressed = CompressionCodec(rawValue: 0)
    static let snappy = CompressionCodec(rawValue: 1)
    static let gzip = CompressionCodec(rawValue: 2)
    static let lzo = CompressionCodec(rawValue: 3)
    static let brotli = CompressionCodec(rawValue: 4)
    static let lz4 = CompressionCodec(rawValue: 5)
    static let zstd = CompressionCodec(rawValue: 6)
    static let lz4Raw = CompressionCodec(rawValue: 7)
}

/// `PageType`.
struct PageType: RawRepresentable, Hashable, Sendable {
    var rawValue: Int32
    static let dataPage = PageType(rawValue: 0)
    static let indexPage = PageType(rawValue: 1)
    static let dictionaryPage = PageType(rawValue: 2)
    static let dataPageV2 = PageType(rawValue: 3)
}

/// `TimeUnit`.
enum TimeUnit: Hashable, Sendable {
    case millis, micros, nanos
}

/// The type annotation (`LogicalType`, a union).
enum LogicalType: Hashable, Sendable {
    case string, map, list, enumeration, date, unknown, json, bson, uuid, float16
    case decimal(scale: Int32, precision: Int32)
    case time(utc: Bool, unit: TimeUnit)
    case timestamp(utc: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, signed: Bool)
    /// A union member this reader does not know (its field id).
    case other(Int16)
}

/// One node of the flattened schema tree (`SchemaElement`).
struct SchemaElement: Hashable, Sendable {
    var type: PhysicalType?
    var typeLength: Int32?
    var repetition: Repetition?
    var name: String
    var numChildren: Int32?
    var convertedType: ConvertedType?
    var scale: Int32?
    var precision: Int32?
    var fieldID: Int32?
    var logicalType: LogicalType?
}

/// Column or page statistics (`Statistics`): plain-encoded bounds and counts.
struct Statistics: Hashable, Sendable {
    var max: [UInt8]?
    var min: [UInt8]?
    var nullCount: Int64?
    var distinctCount: Int64?
    var maxValue: [UInt8]?
    var minValue: [UInt8]?
}

/// `ColumnMetaData`: where a column chunk's pages are and how they are stored.
struct ColumnMetaData: Hashable, Sendable {
    var type: PhysicalType
    var encodings: [Encoding]
    var pathInSchema: [String]
    var codec: CompressionCodec
    var numValues: Int64
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var indexPageOffset: Int64?
    var dictionaryPageOffset: Int64?
    var statistics: Statistics?
}

/// `ColumnChunk`.
struct ColumnChunk: Hashable, Sendable {
    var filePath: String?
    var fileOffset: Int64
    var metaData: ColumnMetaData?
}

/// `RowGroup`.
struct RowGroup: Hashable, Sendable {
    var columns: [ColumnChunk]
    var totalByteSize: Int64
    var numRows: Int64
    var fileOffset: Int64?
    var totalCompressedSize: Int64?
    var ordinal: Int16?
}

/// `FileMetaData`: the footer.
struct FileMetaData: Hashable, Sendable {
    var version: Int32
    var schema: [SchemaElement]
    var numRows: Int64
    var rowGroups: [RowGroup]
    var keyValueMetadata: [KeyValue] = []
    var createdBy: String?
}

/// `KeyValue`.
struct KeyValue: Hashable, Sendable {
    var key: String
    var value: String?
}

/// `DataPageHeader` (data page v1).
struct DataPageHeader: Hashable, Sendable {
    var numValues: Int32
    var encoding: Encoding
    var definitionLevelEncoding: Encoding
    var repetitionLevelEncoding: Encoding
    var statistics: Statistics?
}

/// `DataPageHeaderV2`.
struct DataPageHeaderV2: Hashable, Sendable {
    var numValues: Int32
    var numNulls: Int32
    var numRows: Int32
    var encoding: Encoding
    var definitionLevelsByteLength: Int32
    var repetitionLevelsByteLength: Int32
    var isCompressed: Bool = true
    var statistics: Statistics?
}

/// `DictionaryPageHeader`.
struct DictionaryPageHeader: Hashable, Sendable {
    var numValues: Int32
    var encoding: Encoding
    var isSorted: Bool?
}

/// `PageHeader`.
struct PageHeader: Hashable, Sendable {
    var type: PageType
    var uncompressedPageSize: Int32
    var compressedPageSize: Int32
    var crc: Int32?
    var dataPageHeader: DataPageHeader?
    var dictionaryPageHeader: DictionaryPageHeader?
    var dataPageHeaderV2: DataPageHeaderV2?
}

/// Decoding the footer and page headers from Thrift's compact protocol. Unknown fields are
/// skipped; a missing required field throws `.corruptMetadata`.

private func missing(_ field: String, in structure: String) -> ParquetError {
    ParquetError(.corruptMetadata, "Invalid Parquet metadata: \(structure) has no \(field)")
}

extension FileMetaData {
    init(thrift r: inout ThriftCompactReader) throws {
        var version: Int32?, schema: [SchemaElement]?, numRows: Int64?, rowGroups: [RowGroup]?
        var keyValues: [KeyValue] = [], createdBy: String?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: version = try r.readI32(type)
            case 2: schema = try r.readStructList(type) { try SchemaElement(thrift: &$0) }
            case 3: numRows = try r.readI64(type)
            case 4: rowGroups = try r.readStructList(type) { try RowGroup(thrift: &$0) }
            case 5: keyValues = try r.readStructList(type) { try KeyValue(thrift: &$0) }
            case 6: createdBy = try r.readString(type)
            case 8: throw ParquetError(.unsupported, "Encrypted Parquet files are not supported")
            default: try r.skip(type)
            }
        }
        guard let version else { throw missing("version", in: "FileMetaData") }
        guard let schema else { throw missing("schema", in: "FileMetaData") }
        guard let numRows else { throw missing("num_rows", in: "FileMetaData") }
        guard let rowGroups else { throw missing("row_groups", in: "FileMetaData") }
        self.init(version: version, schema: schema, numRows: numRows, rowGroups: rowGroups,
                  keyValueMetadata: keyValues, createdBy: createdBy)
    }
}

extension KeyValue {
    init(thrift r: inout ThriftCompactReader) throws {
        var key: String?, value: String?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: key = try r.readString(type)
            case 2: value = try r.readString(type)
            default: try r.skip(type)
            }
        }
        guard let key else { throw missing("key", in: "KeyValue") }
        self.init(key: key, value: value)
    }
}

extension SchemaElement {
    init(thrift r: inout ThriftCompactReader) throws {
        var element = SchemaElement(name: "")
        var name: String?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: element.type = PhysicalType(rawValue: try r.readI32(type))
            case 2: element.typeLength = try r.readI32(type)
            case 3:
                let raw = try r.readI32(type)
                guard let repetition = Repetition(rawValue: raw) else {
                    throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: repetition type \(raw)")
                }
                element.repetition = repetition
            case 4: name = try r.readString(type)
            case 5: element.numChildren = try r.readI32(type)
            case 6: element.convertedType = ConvertedType(rawValue: try r.readI32(type))
            case 7: element.scale = try r.readI32(type)
            case 8: element.precision = try r.readI32(type)
            case 9: element.fieldID = try r.readI32(type)
            case 10: element.logicalType = try LogicalType(thrift: &r, type)
            default: try r.skip(type)
            }
        }
        guard let name else { throw missing("name", in: "SchemaElement") }
        element.name = name
        self = element
    }
}

extension LogicalType {
    init(thrift r: inout ThriftCompactReader, _ fieldType: ThriftType) throws {
        guard fieldType == .structure else { throw missing("struct", in: "LogicalType") }
        var result: LogicalType?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: result = .string; try r.skip(type)
            case 2: result = .map; try r.skip(type)
            case 3: result = .list; try r.skip(type)
            case 4: result = .enumeration; try r.skip(type)
            case 5: result = try Self.decimal(&r, type)
            case 6: result = .date; try r.skip(type)
            case 7: let (utc, unit) = try Self.timeFields(&r, type); result = .time(utc: utc, unit: unit)
            case 8: let (utc, unit) = try Self.timeFields(&r, type); result = .timestamp(utc: utc, unit: unit)
            case 10: result = try Self.integer(&r, type)
            case 11: result = .unknown; try r.skip(type)
            case 12: result = .json; try r.skip(type)
            case 13: result = .bson; try r.skip(type)
            case 14: result = .uuid; try r.skip(type)
            case 15: result = .float16; try r.skip(type)
            default: result = .other(id); try r.skip(type)
            }
        }
        guard let result else { throw missing("member", in: "LogicalType") }
        self = result
    }

    private static func decimal(_ r: inout ThriftCompactReader, _ type: ThriftType) throws -> LogicalType {
        guard type == .structure else { throw missing("struct", in: "DecimalType") }
        var scale: Int32?, precision: Int32?
        try r.beginStruct()
        while let (id, fieldType) = try r.nextField() {
            switch id {
            case 1: scale = try r.readI32(fieldType)
            case 2: precision = try r.readI32(fieldType)
            default: try r.skip(fieldType)
            }
        }
        guard let scale, let precision else { throw missing("scale or precision", in: "DecimalType") }
        return .decimal(scale: scale, precision: precision)
    }

    private static func integer(_ r: inout ThriftCompactReader, _ type: ThriftType) throws -> LogicalType {
        guard type == .structure else { throw missing("struct", in: "IntType") }
        var bitWidth: Int32?, signed: Bool?
        try r.beginStruct()
        while let (id, fieldType) = try r.nextField() {
            switch id {
            case 1: bitWidth = try r.readI32(fieldType)
            case 2: signed = try r.readBool(fieldType)
            default: try r.skip(fieldType)
            }
        }
        guard let bitWidth, let signed, let width = Int8(exactly: bitWidth) else {
            throw missing("bitWidth or isSigned", in: "IntType")
        }
        return .integer(bitWidth: width, signed: signed)
    }

    /// The `isAdjustedToUTC` and `unit` fields shared by TimeType and TimestampType.
    private static func timeFields(_ r: inout ThriftCompactReader, _ type: ThriftType) throws -> (Bool, TimeUnit) {
        guard type == .structure else { throw missing("struct", in: "TimeType") }
        var utc: Bool?, unit: TimeUnit?
        try r.beginStruct()
        while let (id, fieldType) = try r.nextField() {
            switch id {
            case 1: utc = try r.readBool(fieldType)
            case 2:
                guard fieldType == .structure else { throw missing("unit", in: "TimeType") }
                try r.beginStruct()
                while let (unitID, unitType) = try r.nextField() {
                    switch unitID {
                    case 1: unit = .millis
                    case 2: unit = .micros
                    case 3: unit = .nanos
                    default: break
                    }
                    try r.skip(unitType)
                }
            default: try r.skip(fieldType)
            }
        }
        guard let utc, let unit else { throw missing("isAdjustedToUTC or unit", in: "TimeType") }
        return (utc, unit)
    }
}

extension RowGroup {
    init(thrift r: inout ThriftCompactReader) throws {
        var columns: [ColumnChunk]?, totalByteSize: Int64?, numRows: Int64?
        var fileOffset: Int64?, totalCompressedSize: Int64?, ordinal: Int16?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: columns = try r.readStructList(type) { try ColumnChunk(thrift: &$0) }
            case 2: totalByteSize = try r.readI64(type)
            case 3: numRows = try r.readI64(type)
            case 5: fileOffset = try r.readI64(type)
            case 6: totalCompressedSize = try r.readI64(type)
            case 7: ordinal = Int16(truncatingIfNeeded: try r.readI32(type))
            default: try r.skip(type)
            }
        }
        guard let columns else { throw missing("columns", in: "RowGroup") }
        guard let numRows else { throw missing("num_rows", in: "RowGroup") }
        self.init(columns: columns, totalByteSize: totalByteSize ?? 0, numRows: numRows,
                  fileOffset: fileOffset, totalCompressedSize: totalCompressedSize, ordinal: ordinal)
    }
}

extension ColumnChunk {
    init(thrift r: inout ThriftCompactReader) throws {
        var filePath: String?, fileOffset: Int64 = 0, metaData: ColumnMetaData?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: filePath = try r.readString(type)
            case 2: fileOffset = try r.readI64(type)
            case 3: metaData = try ColumnMetaData(thrift: &r, type)
            case 8, 9: throw ParquetError(.unsupported, "Encrypted Parquet columns are not supported")
            default: try r.skip(type)
            }
        }
        self.init(filePath: filePath, fileOffset: fileOffset, metaData: metaData)
    }
}

extension ColumnMetaData {
    init(thrift r: inout ThriftCompactReader, _ fieldType: ThriftType) throws {
        guard fieldType == .structure else { throw missing("struct", in: "ColumnMetaData") }
        var type: PhysicalType?, encodings: [Encoding] = [], path: [String]?, codec: CompressionCodec?
        var numValues: Int64?, uncompressed: Int64?, compressed: Int64?, dataPageOffset: Int64?
        var indexPageOffset: Int64?, dictionaryPageOffset: Int64?, statistics: Statistics?
        try r.beginStruct()
        while let (id, fieldType) = try r.nextField() {
            switch id {
            case 1: type = PhysicalType(rawValue: try r.readI32(fieldType))
            case 2:
                let (element, count) = try r.readListHeader(fieldType)
                for _ in 0..<count { encodings.append(Encoding(rawValue: try r.readI32(element))) }
            case 3:
                let (element, count) = try r.readListHeader(fieldType)
                path = try (0..<count).map { _ in try r.readString(element) }
            case 4: codec = CompressionCodec(rawValue: try r.readI32(fieldType))
            case 5: numValues = try r.readI64(fieldType)
            case 6: uncompressed = try r.readI64(fieldType)
            case 7: compressed = try r.readI64(fieldType)
            case 9: dataPageOffset = try r.readI64(fieldType)
            case 10: indexPageOffset = try r.readI64(fieldType)
            case 11: dictionaryPageOffset = try r.readI64(fieldType)
            case 12: statistics = try Statistics(thrift: &r, fieldType)
            default: try r.skip(fieldType)
            }
        }
        guard let type, let path, let codec, let numValues, let uncompressed, let compressed, let dataPageOffset else {
            throw missing("a required field", in: "ColumnMetaData")
        }
        self.init(type: type, encodings: encodings, pathInSchema: path, codec: codec, numValues: numValues,
                  totalUncompressedSize: uncompressed, totalCompressedSize: compressed,
                  dataPageOffset: dataPageOffset, indexPageOffset: indexPageOffset,
                  dictionaryPageOffset: dictionaryPageOffset, statistics: statistics)
    }
}

extension Statistics {
    init(thrift r: inout ThriftCompactReader, _ fieldType: ThriftType) throws {
        guard fieldType == .structure else { throw missing("struct", in: "Statistics") }
        self.init()
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: max = try r.readBinary(type)
            case 2: min = try r.readBinary(type)
            case 3: nullCount = try r.readI64(type)
            case 4: distinctCount = try r.readI64(type)
            case 5: maxValue = try r.readBinary(type)
            case 6: minValue = try r.readBinary(type)
            default: try r.skip(type)
            }
        }
    }
}

extension PageHeader {
    init(thrift r: inout ThriftCompactReader) throws {
        var type: PageType?, uncompressed: Int32?, compressed: Int32?, crc: Int32?
        var v1: DataPageHeader?, dictionary: DictionaryPageHeader?, v2: DataPageHeaderV2?
        try r.beginStruct()
        while let (id, fieldType) = try r.nextField() {
            switch id {
            case 1: type = PageType(rawValue: try r.readI32(fieldType))
            case 2: uncompressed = try r.readI32(fieldType)
            case 3: compressed = try r.readI32(fieldType)
            case 4: crc = try r.readI32(fieldType)
            case 5: v1 = try DataPageHeader(thrift: &r, fieldType)
            case 7: dictionary = try DictionaryPageHeader(thrift: &r, fieldType)
            case 8: v2 = try DataPageHeaderV2(thrift: &r, fieldType)
            default: try r.skip(fieldType)
            }
        }
        guard let type, let uncompressed, let compressed, uncompressed >= 0, compressed >= 0 else {
            throw missing("type or sizes", in: "PageHeader")
        }
        self.init(type: type, uncompressedPageSize: uncompressed, compressedPageSize: compressed, crc: crc,
                  dataPageHeader: v1, dictionaryPageHeader: dictionary, dataPageHeaderV2: v2)
    }
}

extension DataPageHeader {
    init(thrift r: inout ThriftCompactReader, _ fieldType: ThriftType) throws {
        guard fieldType == .structure else { throw missing("struct", in: "DataPageHeader") }
        var numValues: Int32?, encoding: Encoding?, definition: Encoding?, repetition: Encoding?
        var statistics: Statistics?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: numValues = try r.readI32(type)
            case 2: encoding = Encoding(rawValue: try r.readI32(type))
            case 3: definition = Encoding(rawValue: try r.readI32(type))
            case 4: repetition = Encoding(rawValue: try r.readI32(type))
            case 5: statistics = try Statistics(thrift: &r, type)
            default: try r.skip(type)
            }
        }
        guard let numValues, let encoding, numValues >= 0 else { throw missing("num_values or encoding", in: "DataPageHeader") }
        self.init(numValues: numValues, encoding: encoding, definitionLevelEncoding: definition ?? .rle,
                  repetitionLevelEncoding: repetition ?? .rle, statistics: statistics)
    }
}

extension DataPageHeaderV2 {
    init(thrift r: inout ThriftCompactReader, _ fieldType: ThriftType) throws {
        guard fieldType == .structure else { throw missing("struct", in: "DataPageHeaderV2") }
        var numValues: Int32?, numNulls: Int32?, numRows: Int32?, encoding: Encoding?
        var definitionLength: Int32?, repetitionLength: Int32?, isCompressed = true, statistics: Statistics?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: numValues = try r.readI32(type)
            case 2: numNulls = try r.readI32(type)
            case 3: numRows = try r.readI32(type)
            case 4: encoding = Encoding(rawValue: try r.readI32(type))
            case 5: definitionLength = try r.readI32(type)
            case 6: repetitionLength = try r.readI32(type)
            case 7: isCompressed = try r.readBool(type)
            case 8: statistics = try Statistics(thrift: &r, type)
            default: try r.skip(type)
            }
        }
        guard let numValues, let numNulls, let numRows, let encoding, let definitionLength, let repetitionLength,
              numValues >= 0, numNulls >= 0, numNulls <= numValues, definitionLength >= 0, repetitionLength >= 0 else {
            throw missing("a required field", in: "DataPageHeaderV2")
        }
        self.init(numValues: numValues, numNulls: numNulls, numRows: numRows, encoding: encoding,
                  definitionLevelsByteLength: definitionLength, repetitionLevelsByteLength: repetitionLength,
                  isCompressed: isCompressed, statistics: statistics)
    }
}

extension DictionaryPageHeader {
    init(thrift r: inout ThriftCompactReader, _ fieldType: ThriftType) throws {
        guard fieldType == .structure else { throw missing("struct", in: "DictionaryPageHeader") }
        var numValues: Int32?, encoding: Encoding?, isSorted: Bool?
        try r.beginStruct()
        while let (id, type) = try r.nextField() {
            switch id {
            case 1: numValues = try r.readI32(type)
            case 2: encoding = Encoding(rawValue: try r.readI32(type))
            case 3: isSorted = try r.readBool(type)
            default: try r.skip(type)
            }
        }
        guard let numValues, let encoding, numValues >= 0 else {
            throw missing("num_values or encoding", in: "DictionaryPageHeader")
        }
        self.init(numValues: numValues, encoding: encoding, isSorted: isSorted)
    }
}

extension ThriftCompactReader {
    /// A list of structs, each decoded by `element`.
    mutating func readStructList<T>(_ type: ThriftType, _ element: (inout ThriftCompactReader) throws -> T) throws -> [T] {
        let (elementType, count) = try readListHeader(type)
        guard elementType == .structure else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: expected a list of structs")
        }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }
}

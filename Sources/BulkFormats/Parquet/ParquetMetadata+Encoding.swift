/// Encoding the footer and page headers the writer emits in Thrift's compact protocol.

extension FileMetaData {
    func thriftBytes() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.fieldI32(1, version)
        w.beginListField(2, element: .structure, count: schema.count)
        for element in schema { element.write(to: &w) }
        w.fieldI64(3, numRows)
        w.beginListField(4, element: .structure, count: rowGroups.count)
        for group in rowGroups { group.write(to: &w) }
        if !keyValueMetadata.isEmpty {
            w.beginListField(5, element: .structure, count: keyValueMetadata.count)
            for pair in keyValueMetadata {
                w.beginStruct()
                w.fieldString(1, pair.key)
                if let value = pair.value { w.fieldString(2, value) }
                w.endStruct()
            }
        }
        if let createdBy { w.fieldString(6, createdBy) }
        // Every column in its type's defined order, so readers trust min_value / max_value.
        let leaves = schema.filter { $0.type != nil }.count
        w.beginListField(7, element: .structure, count: leaves)
        for _ in 0..<leaves {
            w.beginStruct()
            w.beginStructField(1)
            w.endStruct()
            w.endStruct()
        }
        return w.finish()
    }
}

extension SchemaElement {
    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.fieldI32(1, type.rawValue) }
        if let typeLength { w.fieldI32(2, typeLength) }
        if let repetition { w.fieldI32(3, repetition.rawValue) }
        w.fieldString(4, name)
        if let numChildren { w.fieldI32(5, numChildren) }
        if let convertedType { w.fieldI32(6, convertedType.rawValue) }
        if let scale { w.fieldI32(7, scale) }
        if let precision { w.fieldI32(8, precision) }
        if let fieldID { w.fieldI32(9, fieldID) }
        if let logicalType {
            w.beginStructField(10)
            logicalType.write(to: &w)
            w.endStruct()
        }
        w.endStruct()
    }
}

extension LogicalType {
    /// Writes the union's one member (inside the LogicalType struct).
    func write(to w: inout ThriftCompactWriter) {
        func empty(_ id: Int16) {
            w.beginStructField(id)
            w.endStruct()
        }
        func timeFields(_ id: Int16, _ utc: Bool, _ unit: TimeUnit) {
            w.beginStructField(id)
            w.fieldBool(1, utc)
            w.beginStructField(2)
            switch unit {
            case .millis: empty(1)
            case .micros: empty(2)
            case .nanos: empty(3)
            }
            w.endStruct()
            w.endStruct()
        }
        switch self {
        case .string: empty(1)
        case .map: empty(2)
        case .list: empty(3)
        case .enumeration: empty(4)
        case .decimal(let scale, let precision):
            w.beginStructField(5)
            w.fieldI32(1, scale)
            w.fieldI32(2, precision)
            w.endStruct()
        case .date: empty(6)
        case .time(let utc, let unit): timeFields(7, utc, unit)
        case .timestamp(let utc, let unit): timeFields(8, utc, unit)
        case .integer(let bitWidth, let signed):
            w.beginStructField(10)
            w.fieldI8(1, bitWidth)
            w.fieldBool(2, signed)
            w.endStruct()
        case .unknown: empty(11)
        case .json: empty(12)
        case .bson: empty(13)
        case .uuid: empty(14)
        case .float16: empty(15)
        case .other(let id): empty(id)
        }
    }
}

extension RowGroup {
    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.beginListField(1, element: .structure, count: columns.count)
        for column in columns { column.write(to: &w) }
        w.fieldI64(2, totalByteSize)
        w.fieldI64(3, numRows)
        if let fileOffset { w.fieldI64(5, fileOffset) }
        if let totalCompressedSize { w.fieldI64(6, totalCompressedSize) }
        if let ordinal { w.fieldI16(7, ordinal) }
        w.endStruct()
    }
}

extension ColumnChunk {
    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let filePath { w.fieldString(1, filePath) }
        w.fieldI64(2, fileOffset)
        if let metaData {
            w.beginStructField(3)
            metaData.writeFields(to: &w)
            w.endStruct()
        }
        w.endStruct()
    }
}

extension ColumnMetaData {
    func writeFields(to w: inout ThriftCompactWriter) {
        w.fieldI32(1, type.rawValue)
        w.beginListField(2, element: .i32, count: encodings.count)
        for encoding in encodings { w.elementI32(encoding.rawValue) }
        w.beginListField(3, element: .binary, count: pathInSchema.count)
        for name in pathInSchema { w.elementString(name) }
        w.fieldI32(4, codec.rawValue)
        w.fieldI64(5, numValues)
        w.fieldI64(6, totalUncompressedSize)
        w.fieldI64(7, totalCompressedSize)
        w.fieldI64(9, dataPageOffset)
        if let indexPageOffset { w.fieldI64(10, indexPageOffset) }
        if let dictionaryPageOffset { w.fieldI64(11, dictionaryPageOffset) }
        if let statistics {
            w.beginStructField(12)
            statistics.writeFields(to: &w)
            w.endStruct()
        }
    }
}

extension Statistics {
    func writeFields(to w: inout ThriftCompactWriter) {
        if let max { w.fieldBinary(1, max) }
        if let min { w.fieldBinary(2, min) }
        if let nullCount { w.fieldI64(3, nullCount) }
        if let distinctCount { w.fieldI64(4, distinctCount) }
        if let maxValue { w.fieldBinary(5, maxValue) }
        if let minValue { w.fieldBinary(6, minValue) }
    }
}

extension PageHeader {
    func thriftBytes() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.fieldI32(1, type.rawValue)
        w.fieldI32(2, uncompressedPageSize)
        w.fieldI32(3, compressedPageSize)
        if let crc { w.fieldI32(4, crc) }
        if let page = dataPageHeader {
            w.beginStructField(5)
            w.fieldI32(1, page.numValues)
            w.fieldI32(2, page.encoding.rawValue)
            w.fieldI32(3, page.definitionLevelEncoding.rawValue)
            w.fieldI32(4, page.repetitionLevelEncoding.rawValue)
            if let statistics = page.statistics {
                w.beginStructField(5)
                statistics.writeFields(to: &w)
                w.endStruct()
            }
            w.endStruct()
        }
        if let page = dictionaryPageHeader {
            w.beginStructField(7)
            w.fieldI32(1, page.numValues)
            w.fieldI32(2, page.encoding.rawValue)
            if let isSorted = page.isSorted { w.fieldBool(3, isSorted) }
            w.endStruct()
        }
        if let page = dataPageHeaderV2 {
            w.beginStructField(8)
            w.fieldI32(1, page.numValues)
            w.fieldI32(2, page.numNulls)
            w.fieldI32(3, page.numRows)
            w.fieldI32(4, page.encoding.rawValue)
            w.fieldI32(5, page.definitionLevelsByteLength)
            w.fieldI32(6, page.repetitionLevelsByteLength)
            w.fieldBool(7, page.isCompressed)
            w.endStruct()
        }
        return w.finish()
    }
}

/// A data page decoded: its levels (nil when the column's maximum level is 0) and its values
/// at the maximum definition level, in order.
struct LeveledPage {
    var repetitionLevels: [UInt32]?
    var definitionLevels: [UInt32]?
    var values: [BulkValue]
}

/// Decodes the pages of one column chunk, in order, into values.
///
/// Handles dictionary pages, data pages v1 and v2, the PLAIN, dictionary, RLE (booleans),
/// delta and byte-stream-split encodings, and definition levels for nulls.
struct ColumnChunkDecoder {
    let column: ColumnDescriptor
    let compression: PageCompression
    private var dictionary: [BulkValue]?
    /// The dictionary in its physical form, for `decodePhysicalPage` (ColumnChunkDecoder+Physical).
    var physicalDictionary: PhysicalPage?

    init(column: ColumnDescriptor, codec: CompressionCodec) throws {
        self.column = column
        self.compression = try PageCompression(codec)
    }

    /// A data page's values (nulls included), or nil for a dictionary or index page (a
    /// dictionary page is kept for the data pages that follow it). For flat columns.
    mutating func decodePage(_ header: PageHeader, _ page: [UInt8]) throws -> [BulkValue]? {
        guard let leveled = try decodeLeveledPage(header, page) else { return nil }
        guard let levels = leveled.definitionLevels, leveled.values.count < levels.count else { return leveled.values }
        let maximum = UInt32(column.maxDefinitionLevel)
        var output: [BulkValue] = []
        output.reserveCapacity(min(levels.count, 1 << 20))
        var next = 0
        for level in levels {
            if level < maximum {
                output.append(.null)
            } else {
                output.append(leveled.values[next])
                next += 1
            }
        }
        return output
    }

    /// A data page's levels and its non-null values, or nil for a dictionary or index page.
    mutating func decodeLeveledPage(_ header: PageHeader, _ page: [UInt8]) throws -> LeveledPage? {
        switch header.type {
        case .dictionaryPage:
            try readDictionary(page, header)
            return nil
        case .dataPage: return try readDataPageV1(page, header)
        case .dataPageV2: return try readDataPageV2(page, header)
        default: return nil   // index pages and unknown kinds carry no values
        }
    }

    private mutating func readDictionary(_ page: [UInt8], _ header: PageHeader) throws {
        guard let info = header.dictionaryPageHeader else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet page header: a dictionary page without its header")
        }
        guard info.encoding == .plain || info.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "Unsupported Parquet dictionary encoding \(info.encoding.rawValue)")
        }
        let bytes = try decompress(page, Int(header.uncompressedPageSize))
        var cursor = ByteCursor(bytes)
        let values = try PlainDecoder.decode(&cursor, type: column.physical, typeLength: column.typeLength,
                                             count: Int(info.numValues))
        dictionary = try column.converter.convert(values)
    }

    private func readDataPageV1(_ page: [UInt8], _ header: PageHeader) throws -> LeveledPage {
        var body = try dataPageBodyV1(page, header)
        return try leveled(&body.cursor, encoding: body.encoding, count: body.count,
                           repetition: body.repetition, definition: body.definition)
    }

    private func readDataPageV2(_ page: [UInt8], _ header: PageHeader) throws -> LeveledPage {
        var body = try dataPageBodyV2(page, header)
        return try leveled(&body.cursor, encoding: body.encoding, count: body.count,
                           repetition: body.repetition, definition: body.definition)
    }

    /// A data page's levels, and a cursor at its values (decompressed).
    struct DataPageBody {
        var cursor: ByteCursor
        let encoding: Encoding
        let count: Int
        let repetition: [UInt32]?
        let definition: [UInt32]?
    }

    func dataPageBodyV1(_ page: [UInt8], _ header: PageHeader) throws -> DataPageBody {
        guard let info = header.dataPageHeader else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet page header: a data page without its header")
        }
        let bytes = try decompress(page, Int(header.uncompressedPageSize))
        var cursor = ByteCursor(bytes)
        let count = Int(info.numValues)
        func levels(_ maximum: Int, _ encoding: Encoding) throws -> [UInt32]? {
            guard maximum > 0 else { return nil }
            guard encoding == .rle else {
                throw ParquetError(.unsupported, "Unsupported Parquet level encoding \(encoding.rawValue)")
            }
            let length = Int(try cursor.readUInt32())
            let range = try cursor.take(length)
            var levelCursor = ByteCursor(bytes, from: range.lowerBound, to: range.upperBound)
            return try RLEHybrid.decode(&levelCursor, bitWidth: RLEHybrid.bitWidth(for: maximum), count: count)
        }
        let repetition = try levels(column.maxRepetitionLevel, info.repetitionLevelEncoding)
        let definition = try levels(column.maxDefinitionLevel, info.definitionLevelEncoding)
        return DataPageBody(cursor: cursor, encoding: info.encoding, count: count, repetition: repetition, definition: definition)
    }

    func dataPageBodyV2(_ page: [UInt8], _ header: PageHeader) throws -> DataPageBody {
        guard let info = header.dataPageHeaderV2 else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet page header: a data page v2 without its header")
        }
        let repetitionLength = Int(info.repetitionLevelsByteLength)
        let definitionLength = Int(info.definitionLevelsByteLength)
        let levelsLength = repetitionLength + definitionLength
        guard levelsLength <= page.count, levelsLength <= Int(header.uncompressedPageSize) else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: levels longer than the page")
        }
        let count = Int(info.numValues)
        func levels(_ maximum: Int, from start: Int, to end: Int) throws -> [UInt32]? {
            guard maximum > 0 else { return nil }
            var levelCursor = ByteCursor(page, from: start, to: end)
            return try RLEHybrid.decode(&levelCursor, bitWidth: RLEHybrid.bitWidth(for: maximum), count: count)
        }
        let repetition = try levels(column.maxRepetitionLevel, from: 0, to: repetitionLength)
        let definition = try levels(column.maxDefinitionLevel, from: repetitionLength, to: levelsLength)
        var data = Array(page[levelsLength...])
        if info.isCompressed {
            data = try decompress(data, Int(header.uncompressedPageSize) - levelsLength)
        }
        return DataPageBody(cursor: ByteCursor(data), encoding: info.encoding, count: count, repetition: repetition, definition: definition)
    }

    /// The page's levels and its non-null values (those at the maximum definition level).
    private func leveled(_ cursor: inout ByteCursor, encoding: Encoding, count: Int,
                         repetition: [UInt32]?, definition: [UInt32]?) throws -> LeveledPage {
        let maximum = UInt32(column.maxDefinitionLevel)
        let present = definition.map { $0.reduce(0) { $0 + ($1 >= maximum ? 1 : 0) } } ?? count
        let decoded = try decodeValues(&cursor, encoding: encoding, count: present)
        guard decoded.count == present else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: \(decoded.count) values where \(present) were expected")
        }
        return LeveledPage(repetitionLevels: repetition, definitionLevels: definition, values: decoded)
    }

    private func decodeValues(_ cursor: inout ByteCursor, encoding: Encoding, count: Int) throws -> [BulkValue] {
        let converter = column.converter
        switch encoding {
        case .plain:
            if column.physical == .byteArray || column.physical == .fixedLenByteArray,
               let values = try converter.convertPlainBytes(&cursor, fixedLength: column.physical == .fixedLenByteArray ? column.typeLength : nil, count: count) {
                return values
            }
            return try converter.convert(PlainDecoder.decode(&cursor, type: column.physical,
                                                             typeLength: column.typeLength, count: count))
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw ParquetError(.corruptPage, "Invalid Parquet page: dictionary-encoded values without a dictionary page")
            }
            if count == 0 { return [] }
            let bitWidth = Int(try cursor.readByte())
            let indices = try RLEHybrid.decode(&cursor, bitWidth: bitWidth, count: count)
            return try indices.map { index in
                guard Int(index) < dictionary.count else {
                    throw ParquetError(.corruptPage, "Invalid Parquet page: dictionary index \(index) out of range")
                }
                return dictionary[Int(index)]
            }
        case .rle where column.physical == .boolean:
            let length = Int(try cursor.readUInt32())
            let range = try cursor.take(length)
            var bits = ByteCursor(cursor.bytes, from: range.lowerBound, to: range.upperBound)
            return try converter.convert(.booleans(RLEHybrid.decode(&bits, bitWidth: 1, count: count).map { $0 == 1 }))
        case .deltaBinaryPacked where column.physical == .int32:
            return try converter.convert(.int32s(DeltaDecoders.binaryPacked(&cursor).map { Int32(truncatingIfNeeded: $0) }))
        case .deltaBinaryPacked where column.physical == .int64:
            return try converter.convert(.int64s(DeltaDecoders.binaryPacked(&cursor)))
        case .deltaLengthByteArray where column.physical == .byteArray:
            return try converter.convert(.byteArrays(DeltaDecoders.lengthByteArray(&cursor)))
        case .deltaByteArray where column.physical == .byteArray || column.physical == .fixedLenByteArray:
            return try converter.convert(.byteArrays(DeltaDecoders.byteArray(&cursor)))
        case .byteStreamSplit:
            return try converter.convert(byteStreamSplit(&cursor, count: count))
        default:
            throw unsupported(encoding)
        }
    }

    /// `count` BYTE_STREAM_SPLIT values of the column's physical type.
    func byteStreamSplit(_ cursor: inout ByteCursor, count: Int) throws -> PhysicalValues {
        let width: Int
        switch column.physical {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        case .fixedLenByteArray: width = column.typeLength
        default: throw unsupported(.byteStreamSplit)
        }
        let split = try DeltaDecoders.byteStreamSplit(&cursor, width: width, count: count)
        var joined = ByteCursor(split.flatMap { $0 })
        return try PlainDecoder.decode(&joined, type: column.physical, typeLength: column.typeLength, count: count)
    }

    func unsupported(_ encoding: Encoding) -> ParquetError {
        ParquetError(.unsupported, "Unsupported Parquet encoding \(encoding.rawValue) for column \(column.column.name)")
    }

    func decompress(_ bytes: [UInt8], _ size: Int) throws -> [UInt8] {
        guard size >= 0 else { throw ParquetError(.corruptPage, "Invalid Parquet page: negative size") }
        return try compression.decompress(bytes, uncompressedSize: size)
    }
}

/// Decodes one column chunk (its pages, one after the other) into a row group's values.
///
/// Handles dictionary pages, data pages v1 and v2, the PLAIN, dictionary, RLE (booleans),
/// delta and byte-stream-split encodings, and definition levels for nulls.
struct ColumnChunkDecoder {
    let column: ColumnDescriptor
    let compression: PageCompression
    private var dictionary: [BulkValue]?

    init(column: ColumnDescriptor, codec: CompressionCodec) throws {
        self.column = column
        self.compression = try PageCompression(codec)
    }

    /// The chunk's `rowCount` values (nulls included) from its bytes.
    mutating func decode(_ chunk: [UInt8], rows rowCount: Int) throws -> [BulkValue] {
        var output: [BulkValue] = []
        output.reserveCapacity(rowCount)
        var position = 0
        while output.count < rowCount {
            guard position < chunk.count else {
                throw ParquetError(.corruptPage, "Invalid Parquet column chunk \(column.column.name): \(output.count) of \(rowCount) values present")
            }
            var thrift = ThriftCompactReader(chunk, at: position)
            let header = try PageHeader(thrift: &thrift)
            let start = thrift.position
            let size = Int(header.compressedPageSize)
            guard size <= chunk.count - start else {
                throw ParquetError(.truncated, "Invalid Parquet column chunk \(column.column.name): a page runs past the chunk's end")
            }
            let page = Array(chunk[start..<start + size])
            position = start + size
            switch header.type {
            case .dictionaryPage: try readDictionary(page, header)
            case .dataPage: output += try readDataPageV1(page, header)
            case .dataPageV2: output += try readDataPageV2(page, header)
            default: continue   // index pages and unknown kinds carry no values
            }
        }
        guard output.count == rowCount else {
            throw ParquetError(.corruptPage, "Invalid Parquet column chunk \(column.column.name): \(output.count) values where the row group has \(rowCount) rows")
        }
        return output
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

    private func readDataPageV1(_ page: [UInt8], _ header: PageHeader) throws -> [BulkValue] {
        guard let info = header.dataPageHeader else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet page header: a data page without its header")
        }
        let bytes = try decompress(page, Int(header.uncompressedPageSize))
        var cursor = ByteCursor(bytes)
        let count = Int(info.numValues)
        var levels: [UInt32]?
        if column.maxDefinitionLevel > 0 {
            guard info.definitionLevelEncoding == .rle else {
                throw ParquetError(.unsupported, "Unsupported Parquet definition level encoding \(info.definitionLevelEncoding.rawValue)")
            }
            let length = Int(try cursor.readUInt32())
            let range = try cursor.take(length)
            var levelCursor = ByteCursor(bytes, from: range.lowerBound, to: range.upperBound)
            levels = try RLEHybrid.decode(&levelCursor, bitWidth: 1, count: count)
        }
        return try values(&cursor, encoding: info.encoding, count: count, levels: levels)
    }

    private func readDataPageV2(_ page: [UInt8], _ header: PageHeader) throws -> [BulkValue] {
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
        var levels: [UInt32]?
        if column.maxDefinitionLevel > 0 {
            var levelCursor = ByteCursor(page, from: repetitionLength, to: levelsLength)
            levels = try RLEHybrid.decode(&levelCursor, bitWidth: 1, count: count)
        }
        var data = Array(page[levelsLength...])
        if info.isCompressed {
            data = try decompress(data, Int(header.uncompressedPageSize) - levelsLength)
        }
        var cursor = ByteCursor(data)
        return try values(&cursor, encoding: info.encoding, count: count, levels: levels)
    }

    /// The page's `count` values: its non-null values decoded, nulls placed where the
    /// definition level is below the maximum.
    private func values(_ cursor: inout ByteCursor, encoding: Encoding, count: Int, levels: [UInt32]?) throws -> [BulkValue] {
        let present = levels.map { $0.reduce(0) { $0 + Int($1) } } ?? count
        let decoded = try decodeValues(&cursor, encoding: encoding, count: present)
        guard decoded.count == present else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: \(decoded.count) values where \(present) were expected")
        }
        guard let levels, present < count else { return decoded }
        var output: [BulkValue] = []
        output.reserveCapacity(count)
        var next = 0
        for level in levels {
            if level == 0 {
                output.append(.null)
            } else {
                output.append(decoded[next])
                next += 1
            }
        }
        return output
    }

    private func decodeValues(_ cursor: inout ByteCursor, encoding: Encoding, count: Int) throws -> [BulkValue] {
        let converter = column.converter
        switch encoding {
        case .plain:
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
            let width: Int
            switch column.physical {
            case .float, .int32: width = 4
            case .double, .int64: width = 8
            case .fixedLenByteArray: width = column.typeLength
            default: throw unsupported(encoding)
            }
            let split = try DeltaDecoders.byteStreamSplit(&cursor, width: width, count: count)
            var joined = ByteCursor(split.flatMap { $0 })
            return try converter.convert(PlainDecoder.decode(&joined, type: column.physical,
                                                             typeLength: column.typeLength, count: count))
        default:
            throw unsupported(encoding)
        }
    }

    private func unsupported(_ encoding: Encoding) -> ParquetError {
        ParquetError(.unsupported, "Unsupported Parquet encoding \(encoding.rawValue) for column \(column.column.name)")
    }

    private func decompress(_ bytes: [UInt8], _ size: Int) throws -> [UInt8] {
        guard size >= 0 else { throw ParquetError(.corruptPage, "Invalid Parquet page: negative size") }
        return try compression.decompress(bytes, uncompressedSize: size)
    }
}

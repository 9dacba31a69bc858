/// A data page of a flat column decoded into physical values: its definition levels (nil when
/// the column is required) and its non-null values.
struct PhysicalDataPage {
    let definitionLevels: [UInt32]?
    let values: PhysicalPage
    /// The page's rows (values and nulls).
    var rowCount: Int { definitionLevels?.count ?? values.count }
}

extension ColumnChunkDecoder {
    /// `decodePage(_:_:)` without the conversion to `BulkValue`: the page's values in their
    /// physical type, checked as the conversion checks them (the same errors: invalid UTF-8 in a
    /// STRING column, a UUID that is not 16 bytes …). Nil for a dictionary or index page (a
    /// dictionary page is kept for the data pages that follow it). For flat columns whose
    /// converter `accepts` their physical type.
    mutating func decodePhysicalPage(_ header: PageHeader, _ page: [UInt8]) throws -> PhysicalDataPage? {
        var body: DataPageBody
        switch header.type {
        case .dictionaryPage:
            guard let info = header.dictionaryPageHeader else {
                throw ParquetError(.corruptMetadata, "Invalid Parquet page header: a dictionary page without its header")
            }
            guard info.encoding == .plain || info.encoding == .plainDictionary else {
                throw ParquetError(.unsupported, "Unsupported Parquet dictionary encoding \(info.encoding.rawValue)")
            }
            var cursor = ByteCursor(try decompress(page, Int(header.uncompressedPageSize)))
            let dictionary = try PhysicalPage.plain(&cursor, physical: column.physical, typeLength: column.typeLength,
                                                    count: Int(info.numValues))
            try check(dictionary)
            physicalDictionary = dictionary
            return nil
        case .dataPage: body = try dataPageBodyV1(page, header)
        case .dataPageV2: body = try dataPageBodyV2(page, header)
        default: return nil
        }
        let maximum = UInt32(column.maxDefinitionLevel)
        let present = body.definition.map { $0.reduce(0) { $0 + ($1 >= maximum ? 1 : 0) } } ?? body.count
        let values = try physicalValues(&body.cursor, encoding: body.encoding, count: present)
        guard values.count == present else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: \(values.count) values where \(present) were expected")
        }
        return PhysicalDataPage(definitionLevels: body.definition, values: values)
    }

    /// `decodeValues` in physical form (a dictionary-encoded page's values are the dictionary's,
    /// checked when the dictionary was read; the others are checked here).
    private func physicalValues(_ cursor: inout ByteCursor, encoding: Encoding, count: Int) throws -> PhysicalPage {
        let values: PhysicalPage
        switch encoding {
        case .plain:
            values = try PhysicalPage.plain(&cursor, physical: column.physical, typeLength: column.typeLength, count: count)
        case .plainDictionary, .rleDictionary:
            guard let dictionary = physicalDictionary else {
                throw ParquetError(.corruptPage, "Invalid Parquet page: dictionary-encoded values without a dictionary page")
            }
            if count == 0 { return PhysicalPage(kind: dictionary.kind) }
            let bitWidth = Int(try cursor.readByte())
            return try dictionary.gathering(RLEHybrid.decode(&cursor, bitWidth: bitWidth, count: count))
        case .rle where column.physical == .boolean:
            let length = Int(try cursor.readUInt32())
            let range = try cursor.take(length)
            var bits = ByteCursor(cursor.bytes, from: range.lowerBound, to: range.upperBound)
            values = PhysicalPage(.booleans(try RLEHybrid.decode(&bits, bitWidth: 1, count: count).map { $0 == 1 }))
        case .deltaBinaryPacked where column.physical == .int32:
            values = PhysicalPage(.int32s(try DeltaDecoders.binaryPacked(&cursor).map { Int32(truncatingIfNeeded: $0) }))
        case .deltaBinaryPacked where column.physical == .int64:
            values = PhysicalPage(.int64s(try DeltaDecoders.binaryPacked(&cursor)))
        case .deltaLengthByteArray where column.physical == .byteArray:
            values = PhysicalPage(.byteArrays(try DeltaDecoders.lengthByteArray(&cursor)))
        case .deltaByteArray where column.physical == .byteArray || column.physical == .fixedLenByteArray:
            values = PhysicalPage(.byteArrays(try DeltaDecoders.byteArray(&cursor)))
        case .byteStreamSplit:
            values = PhysicalPage(try byteStreamSplit(&cursor, count: count))
        default:
            throw unsupported(encoding)
        }
        try check(values)
        return values
    }

    /// Throws what converting `values` to `BulkValue`s throws (`ValueConverter.convertBytes`).
    private func check(_ values: PhysicalPage) throws {
        guard values.kind == .bytes else { return }
        switch column.converter.conversion {
        case .string:
            try values.bytes.withUnsafeBufferPointer { all in
                for index in values.starts.indices {
                    let value = UnsafeBufferPointer(rebasing: all[Int(values.starts[index])..<Int(values.ends[index])])
                    if value.allSatisfy({ $0 < 0x80 }) { continue }
                    guard String(validating: value, as: UTF8.self) != nil else {
                        throw ParquetError(.corruptPage, "Invalid UTF-8 in a Parquet STRING column")
                    }
                }
            }
        case .uuid, .float16, .int96Timestamp:
            for index in values.starts.indices {
                _ = try values.withBytes(index) { try column.converter.convertBytes($0) }
            }
        default:
            break
        }
    }
}

/// Buffers one column's values for the current row group: data pages (v1, definition levels
/// RLE-encoded, values PLAIN or dictionary-encoded) compressed as they fill, then the column
/// chunk with its dictionary page and metadata when the row group is written.
final class ColumnChunkWriter {
    let mapping: ColumnTypeMapping
    private let options: ParquetWriterOptions
    private let compression: PageCompression

    // The per-value state below is `@exclusivity(unchecked)`: it is private to this final class,
    // touched only by its own methods on the writer's one thread, so no access can overlap, and
    // the runtime's checks of each access were over a quarter of UNLOAD … FORMAT PARQUET's CPU.

    // The page being filled.
    @exclusivity(unchecked) private var levels: [UInt32] = []
    @exclusivity(unchecked) private var pageRows = 0
    @exclusivity(unchecked) private var plain: [UInt8] = []
    @exclusivity(unchecked) private var booleans: [Bool] = []
    @exclusivity(unchecked) private var indices: [UInt32] = []

    // The dictionary of the chunk (string and VARBYTE columns).
    @exclusivity(unchecked) private var dictionaryMode: Bool
    @exclusivity(unchecked) private var dictionary: [DictionaryKey: UInt32] = [:]
    @exclusivity(unchecked) private var dictionaryPlain: [UInt8] = []

    // The chunk's finished pages and totals.
    private var pages: [UInt8] = []
    @exclusivity(unchecked) private var chunkRows: Int64 = 0
    private var uncompressedSize: Int64 = 0
    private var encodings: Set<Int32> = []
    @exclusivity(unchecked) private var statistics = ChunkStatistics()

    init(column: ParquetWriterColumn, options: ParquetWriterOptions, compression: PageCompression) throws {
        mapping = try ColumnTypeMapping(column)
        self.options = options
        self.compression = compression
        dictionaryMode = Self.dictionaryAllowed(column, options)
    }

    private static func dictionaryAllowed(_ column: ParquetWriterColumn, _ options: ParquetWriterOptions) -> Bool {
        options.dictionary && (column.type == .string || column.type == .varbyte)
    }

    var schemaElement: SchemaElement { mapping.schemaElement }

    /// Encoded bytes held for the row group (pages, the open page, the dictionary).
    var bufferedSize: Int {
        pages.count + openPageSize + dictionaryPlain.count
    }

    private var openPageSize: Int { plain.count + indices.count + booleans.count / 8 + levels.count / 8 }

    /// Checks and converts a value before any column of the row takes it.
    func check(_ value: BulkValue) throws -> EncodedValue { try mapping.encode(value) }

    /// Adds a value checked by `check`.
    func append(_ value: EncodedValue) throws {
        pageRows += 1
        chunkRows += 1
        if mapping.column.nullable { levels.append(value.isNull ? 0 : 1) }
        statistics.add(value)
        switch value {
        case .null: break
        case .boolean(let v): booleans.append(v)
        case .int32(let v): plain.appendLittleEndian(v)
        case .int64(let v): plain.appendLittleEndian(v)
        case .float(let v): plain.appendLittleEndian(v.bitPattern)
        case .double(let v): plain.appendLittleEndian(v.bitPattern)
        case .bytes(let v):
            if dictionaryMode {
                try appendToDictionary(v)
            } else {
                appendPlainBytes(v, to: &plain)
            }
        }
        if openPageSize >= options.pageSize { try flushPage() }
    }

    private func appendToDictionary(_ bytes: [UInt8]) throws {
        let key = DictionaryKey(bytes: bytes)
        if let index = dictionary[key] {
            indices.append(index)
            return
        }
        let index = UInt32(dictionary.count)
        dictionary[key] = index
        appendPlainBytes(bytes, to: &dictionaryPlain)
        indices.append(index)
        if dictionaryPlain.count > options.pageSize {   // too many distinct values: PLAIN from here on
            try flushPage()
            dictionaryMode = false
        }
    }

    private func appendPlainBytes(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        if mapping.physical == .byteArray { buffer.appendLittleEndian(UInt32(bytes.count)) }
        buffer.append(contentsOf: bytes)
    }

    /// Compresses the open page into the chunk.
    private func flushPage() throws {
        guard pageRows > 0 else { return }
        var body: [UInt8] = []
        if mapping.column.nullable {
            let encoded = RLEHybrid.encode(levels, bitWidth: 1)
            body.appendLittleEndian(UInt32(encoded.count))
            body += encoded
        }
        let encoding: Encoding
        if !indices.isEmpty {
            encoding = .plainDictionary
            let bitWidth = RLEHybrid.bitWidth(for: dictionary.count - 1)
            body.append(UInt8(bitWidth))
            body += RLEHybrid.encode(indices, bitWidth: bitWidth)
        } else if mapping.physical == .boolean {
            encoding = .plain
            var packed = [UInt8](repeating: 0, count: (booleans.count + 7) / 8)
            for (i, v) in booleans.enumerated() where v { packed[i / 8] |= 1 << UInt8(i % 8) }
            body += packed
        } else {
            encoding = .plain
            body += plain
        }
        let compressed = try compression.compress(body)
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(compressed.count),
            dataPageHeader: DataPageHeader(numValues: Int32(pageRows), encoding: encoding,
                                           definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        ).thriftBytes()
        pages += header
        pages += compressed
        uncompressedSize += Int64(header.count + body.count)
        encodings.insert(encoding.rawValue)
        levels.removeAll(keepingCapacity: true)
        plain.removeAll(keepingCapacity: true)
        booleans.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        pageRows = 0
    }

    /// The column chunk's bytes (dictionary page, data pages) and metadata, given the file
    /// offset it will be written at; resets the writer for the next row group.
    func finishChunk(at offset: Int64) throws -> ([UInt8], ColumnMetaData) {
        try flushPage()
        var bytes: [UInt8] = []
        var dictionaryOffset: Int64?
        if !dictionary.isEmpty {
            let compressed = try compression.compress(dictionaryPlain)
            let header = PageHeader(
                type: .dictionaryPage, uncompressedPageSize: Int32(dictionaryPlain.count),
                compressedPageSize: Int32(compressed.count),
                dictionaryPageHeader: DictionaryPageHeader(numValues: Int32(dictionary.count), encoding: .plainDictionary)
            ).thriftBytes()
            bytes = header + compressed
            uncompressedSize += Int64(header.count + dictionaryPlain.count)
            dictionaryOffset = offset
            encodings.insert(Encoding.plainDictionary.rawValue)
        }
        let dataPageOffset = offset + Int64(bytes.count)
        bytes += pages
        encodings.insert(Encoding.rle.rawValue)
        let meta = ColumnMetaData(
            type: mapping.physical, encodings: encodings.sorted().map { Encoding(rawValue: $0) },
            pathInSchema: [mapping.column.name], codec: compression.codec, numValues: chunkRows,
            totalUncompressedSize: uncompressedSize, totalCompressedSize: Int64(bytes.count),
            dataPageOffset: dataPageOffset, dictionaryPageOffset: dictionaryOffset,
            statistics: statistics.encoded(for: mapping))
        pages = []
        chunkRows = 0
        uncompressedSize = 0
        encodings = []
        statistics = ChunkStatistics()
        dictionary = [:]
        dictionaryPlain = []
        dictionaryMode = Self.dictionaryAllowed(mapping.column, options)
        return (bytes, meta)
    }
}

extension EncodedValue {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A dictionary page value as a hash key: hashed as one run of bytes (an array of bytes hashes
/// each element on its own, which dominated writing string columns).
struct DictionaryKey: Hashable {
    let bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: DictionaryKey, rhs: DictionaryKey) -> Bool { lhs.bytes == rhs.bytes }
}

import ObjectStore

/// Reads the records of an Avro object container file (COPY … FORMAT AS AVRO), one block in
/// memory at a time.
///
/// The header gives the magic `Obj\u{1}`, the `avro.schema` (its top-level type must be a
/// record) and `avro.codec`; then come blocks of records, each followed by the file's sync
/// marker. Each record is returned as one `BulkValue` per top-level field, in `fieldNames`'
/// order (see `AvroValueDecoder` for the mapping). A file that is not Avro, is truncated or
/// corrupt throws `AvroError`.
///
/// For example:
///
///     let avro = try AvroContainerReader(store: store, location: S3Location(url: "s3://b/t.avro")!)
///     let columns = avro.fieldNames              // COPY … AVRO 'auto' maps them to columns by name
///     while let record = try avro.nextRecord() { … }
public final class AvroContainerReader {
    /// The top-level record's fields.
    public let fields: [AvroField]
    /// The top-level record's field names, in order.
    public var fieldNames: [String] { fields.map(\.name) }
    /// The file's codec.
    public let codec: AvroCodec
    /// The whole schema.
    public let schema: AvroSchema

    private let input: AvroByteInput
    private let syncMarker: [UInt8]
    private let values: AvroValueDecoder
    private var block = AvroBinaryDecoder([])
    private var recordsLeftInBlock: Int64 = 0
    /// 1-based number of the block being read, for error messages.
    private var blockNumber = 0

    static let magic: [UInt8] = [0x4f, 0x62, 0x6a, 0x01]   // "Obj" 1

    /// Reads the header of the object at `location`.
    public convenience init(store: any ObjectStore, location: S3Location) throws {
        try self.init(try store.reader(for: location))
    }

    /// Reads the header from `source`.
    public init(_ source: any ByteReader) throws {
        input = AvroByteInput(source)
        let headerTruncated = AvroError(.truncated, "Invalid Avro file: the file ends inside its header")
        guard try input.read(4, truncated: headerTruncated) == Self.magic else {
            throw AvroError(.corrupt, "Invalid Avro file: it does not start with the Avro magic bytes 'Obj\\x01'")
        }
        let metadata = try Self.readMetadata(input, truncated: headerTruncated)
        syncMarker = try input.read(16, truncated: headerTruncated)
        guard let schemaBytes = metadata["avro.schema"], let schemaText = String(validating: schemaBytes, as: UTF8.self) else {
            throw AvroError(.schema, "Invalid Avro file: the header has no avro.schema")
        }
        codec = try AvroCodec(headerValue: metadata["avro.codec"].map { String(decoding: $0, as: UTF8.self) })
        var parser = AvroSchemaParser()
        schema = try parser.parse(schemaText)
        guard case .record(_, let fields) = schema else {
            throw AvroError(.schema, "Invalid Avro file: the schema's top-level type must be a record")
        }
        self.fields = fields
        values = AvroValueDecoder(names: parser.names)
    }

    /// The next record's field values, or nil after the last one.
    public func nextRecord() throws -> [BulkValue]? {
        guard try advanceToRecord() else { return nil }
        return try fields.map { try values.value($0.schema, from: &block) }
    }

    /// The next record as one JSON object (field names as keys; see `AvroJSONRenderer`), or nil
    /// after the last one: for COPY's `AVRO 's3://…jsonpaths'`, whose paths reach into nested
    /// records, arrays and maps.
    public func nextRecordJSON() throws -> String? {
        guard try advanceToRecord() else { return nil }
        var text = ""
        try AvroJSONRenderer(names: values.names).render(schema, from: &block, into: &text)
        return text
    }

    /// Moves to the next record, reading the next block when this one is done; false at the end.
    private func advanceToRecord() throws -> Bool {
        while recordsLeftInBlock == 0 {
            if blockNumber > 0 && !block.isAtEnd {
                throw AvroError(.corrupt, "Invalid Avro file: block \(blockNumber) has \(block.remaining) bytes after its records")
            }
            if try input.isAtEnd() { return false }
            try readBlock()
        }
        recordsLeftInBlock -= 1
        return true
    }

    private func readBlock() throws {
        blockNumber += 1
        let truncated = AvroError(.truncated, "Invalid Avro file: the file ends inside block \(blockNumber)")
        let count = try input.readLong(truncated: truncated)
        let size = try input.readLong(truncated: truncated)
        guard count >= 0, size >= 0, size <= Int64(Int32.max) else {
            throw AvroError(.corrupt, "Invalid Avro file: block \(blockNumber) has an invalid record count or size")
        }
        let data = try input.read(Int(size), truncated: truncated)
        guard try input.read(16, truncated: truncated) == syncMarker else {
            throw AvroError(.corrupt, "Invalid Avro file: block \(blockNumber) does not end with the file's sync marker")
        }
        block = AvroBinaryDecoder(try codec.decompress(data))
        recordsLeftInBlock = count
    }

    /// The header's metadata: a map of bytes (blocks of key/value pairs ended by a zero count).
    private static func readMetadata(_ input: AvroByteInput, truncated: AvroError) throws -> [String: [UInt8]] {
        var metadata: [String: [UInt8]] = [:]
        while true {
            var count = try input.readLong(truncated: truncated)
            if count == 0 { return metadata }
            if count < 0 {
                count = count == .min ? 0 : -count
                _ = try input.readLong(truncated: truncated)
            }
            for _ in 0..<count {
                let key = try readBytes(input, truncated: truncated)
                let value = try readBytes(input, truncated: truncated)
                metadata[String(decoding: key, as: UTF8.self)] = value
            }
        }
    }

    private static func readBytes(_ input: AvroByteInput, truncated: AvroError) throws -> [UInt8] {
        let length = try input.readLong(truncated: truncated)
        guard length >= 0, length <= 1 << 26 else { throw AvroError(.corrupt, "Invalid Avro file: invalid header metadata") }
        return try input.read(Int(length), truncated: truncated)
    }
}

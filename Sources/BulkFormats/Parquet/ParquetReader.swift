import ObjectStore

/// Reads a Parquet file from an `ObjectStore`, one row group at a time.
///
/// Opening reads the footer (the trailing `PAR1` magic, the 4-byte metadata length, the Thrift
/// `FileMetaData`) with random-access reads; rows are then read a row group at a time, one
/// column chunk per read, so memory is bounded by a row group. Only flat schemas (primitive,
/// required or optional columns) are read. For example:
///
///     let reader = try ParquetReader(store: store, location: S3Location(url: "s3://b/data.parquet")!)
///     print(reader.columns.map(\.name))
///     while let row = try reader.nextRow() { … }   // [BulkValue], one per column
///
/// A file that is not Parquet, a truncated file, a corrupt footer or page, or a page that does
/// not decompress throws `ParquetError`; store failures throw `ObjectStoreError`.
public final class ParquetReader {
    /// The file's columns, in file order.
    public let columns: [ParquetColumn]
    /// Rows in the whole file (the footer's count).
    public let rowCount: Int64
    /// The file's size in bytes.
    public let fileSize: Int64

    private let store: any ObjectStore
    private let location: S3Location
    private let metadata: FileMetaData
    private let descriptors: [ColumnDescriptor]
    private var nextRowGroup = 0
    private var buffered: [[BulkValue]] = []
    private var bufferedRow = 0
    private var bufferedCount = 0

    /// Opens the file and reads its footer.
    /// - Parameter size: the object's size when the caller knows it (from a listing); otherwise
    ///   a HEAD request finds it.
    public init(store: any ObjectStore, location: S3Location, size: Int64? = nil) throws {
        self.store = store
        self.location = location
        let fileSize: Int64
        if let size {
            fileSize = size
        } else if let info = try store.head(location) {
            fileSize = info.size
        } else {
            throw ObjectStoreError(.noSuchKey, "The specified key does not exist.")
        }
        self.fileSize = fileSize
        guard fileSize >= 12 else {
            throw ParquetError(.notParquet, "File \(location) is not a Parquet file: it has only \(fileSize) bytes")
        }
        let head = try store.read(location, offset: 0, length: 4)
        let tail = try store.read(location, offset: fileSize - 8, length: 8)
        guard tail.count == 8 else { throw ParquetError(.truncated, "Parquet file \(location) is truncated") }
        guard head == Self.magic, Array(tail[4...]) == Self.magic else {
            throw ParquetError(.notParquet, "File \(location) is not a Parquet file: the PAR1 magic number is missing")
        }
        let footerLength = Int64(tail[0]) | Int64(tail[1]) << 8 | Int64(tail[2]) << 16 | Int64(tail[3]) << 24
        guard footerLength > 0, footerLength <= fileSize - 12 else {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: metadata length \(footerLength) in a file of \(fileSize) bytes")
        }
        let footer = try store.read(location, offset: fileSize - 8 - footerLength, length: Int(footerLength))
        guard footer.count == Int(footerLength) else { throw ParquetError(.truncated, "Parquet file \(location) is truncated") }
        var thrift = ThriftCompactReader(footer)
        let metadata: FileMetaData
        do {
            metadata = try FileMetaData(thrift: &thrift)
        } catch let error as ParquetError where error.kind == .corruptMetadata {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: \(error.message)")
        }
        self.metadata = metadata
        descriptors = try ColumnDescriptor.flatColumns(of: metadata.schema)
        columns = descriptors.map(\.column)
        rowCount = metadata.numRows
        for group in metadata.rowGroups where group.columns.count != descriptors.count || group.numRows < 0 {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: a row group has \(group.columns.count) column chunks for \(descriptors.count) columns")
        }
    }

    /// The number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// The rows in row group `index`.
    public func rowCount(ofRowGroup index: Int) -> Int64 { metadata.rowGroups[index].numRows }

    /// Row group `index`'s values, column by column (`result[column][row]`).
    public func readRowGroup(_ index: Int) throws -> [[BulkValue]] {
        let group = metadata.rowGroups[index]
        let rows = Int(group.numRows)
        return try zip(group.columns, descriptors).map { chunk, column in
            try readColumnChunk(chunk, column: column, rows: rows)
        }
    }

    /// The next row, one value per column, or nil after the last row.
    public func nextRow() throws -> [BulkValue]? {
        while bufferedRow >= bufferedCount {
            guard nextRowGroup < metadata.rowGroups.count else { return nil }
            buffered = try readRowGroup(nextRowGroup)
            bufferedCount = Int(metadata.rowGroups[nextRowGroup].numRows)
            bufferedRow = 0
            nextRowGroup += 1
        }
        defer { bufferedRow += 1 }
        return buffered.map { $0[bufferedRow] }
    }

    private func readColumnChunk(_ chunk: ColumnChunk, column: ColumnDescriptor, rows: Int) throws -> [BulkValue] {
        guard chunk.filePath == nil else {
            throw ParquetError(.unsupported, "Parquet column \(column.column.name) is stored in another file")
        }
        guard let meta = chunk.metaData else {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: column \(column.column.name) has no metadata")
        }
        guard meta.type == column.physical else {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: column \(column.column.name)'s chunk has another type")
        }
        var start = meta.dataPageOffset
        if let dictionaryOffset = meta.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start {
            start = dictionaryOffset
        }
        let length = meta.totalCompressedSize
        guard start >= 4, length >= 0, length <= Int64(Int32.max) else {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: column \(column.column.name) has a bad offset")
        }
        guard start + length <= fileSize - 8 else {
            throw ParquetError(.truncated, "Parquet file \(location) is truncated: column \(column.column.name) runs past the end")
        }
        let bytes = try store.read(location, offset: start, length: Int(length))
        guard bytes.count == Int(length) else {
            throw ParquetError(.truncated, "Parquet file \(location) is truncated")
        }
        var decoder = try ColumnChunkDecoder(column: column, codec: meta.codec)
        do {
            return try decoder.decode(bytes, rows: rows)
        } catch let error as ParquetError {
            throw ParquetError(error.kind, "Parquet file \(location): \(error.message)")
        }
    }

    static let magic: [UInt8] = Array("PAR1".utf8)
}

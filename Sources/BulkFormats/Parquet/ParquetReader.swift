import ObjectStore

/// Reads a Parquet file from an `ObjectStore`, streaming its rows.
///
/// Opening reads the footer (the trailing `PAR1` magic, the 4-byte metadata length, the Thrift
/// `FileMetaData`) with random-access reads; rows are then read page by page through windows
/// of each column chunk, so memory holds about one page per column. Primitive columns read as
/// their typed values; a nested top-level field (a struct, list or map) reads as its JSON
/// text (`ParquetValueType.json`). For example:
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
    private let fields: [ParquetField]
    private var nextRowGroup = 0
    private var cursors: [FieldCursor] = []
    private var rowsLeftInGroup = 0

    /// The indexes (into `columns`) of the fields `nextRow()` decodes; the others read as `.null`
    /// without their pages being read. nil (the default): every field. Set it before the first row.
    public var projection: Set<Int>?

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
        fields = try ParquetField.fields(of: SchemaNode.tree(of: metadata.schema))
        columns = fields.map(\.column)
        rowCount = metadata.numRows
        let leaves = fields.reduce(0) { $0 + $1.leafCount }
        for group in metadata.rowGroups where group.columns.count != leaves || group.numRows < 0 {
            throw ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: a row group has \(group.columns.count) column chunks for \(leaves) leaf columns")
        }
    }

    /// The number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// The rows in row group `index`.
    public func rowCount(ofRowGroup index: Int) -> Int64 { metadata.rowGroups[index].numRows }

    /// Row group `index`'s values, column by column (`result[column][row]`).
    /// Holds the whole row group in memory; `nextRow()` streams instead.
    public func readRowGroup(_ index: Int) throws -> [[BulkValue]] {
        let rows = Int(metadata.rowGroups[index].numRows)
        if rows == 0 { return columns.map { _ in [] } }   // writers describe empty chunks loosely
        let cursors = try cursors(forRowGroup: index)
        return try cursors.map { cursor in try (0..<rows).map { _ in try cursor.next() } }
    }

    /// The next row, one value per column, or nil after the last row. Reads page by page, so
    /// memory holds about one page per column.
    public func nextRow() throws -> [BulkValue]? {
        var row: [BulkValue] = []
        return try nextRow(into: &row) ? row : nil
    }

    /// `nextRow()` into `row` (replacing its values, keeping its storage): false after the last
    /// row. For readers of many rows, which then make no array per row.
    public func nextRow(into row: inout [BulkValue]) throws -> Bool {
        while rowsLeftInGroup == 0 {
            guard nextRowGroup < metadata.rowGroups.count else { return false }
            let group = metadata.rowGroups[nextRowGroup]
            cursors = group.numRows > 0 ? try cursors(forRowGroup: nextRowGroup) : []
            rowsLeftInGroup = Int(group.numRows)
            nextRowGroup += 1
        }
        rowsLeftInGroup -= 1
        row.removeAll(keepingCapacity: true)
        for cursor in cursors { row.append(try cursor.next()) }
        return true
    }

    /// Whether field `index` can be read with `nextRowGroup(fields:)` (a flat column whose type
    /// annotation fits its physical type).
    public func readsColumnValues(field index: Int) -> Bool {
        guard case .flat(let column) = fields[index] else { return false }
        return column.converter.accepts(column.physical)
    }

    /// The next row group with rows: its row count and a reader of each of `fields` (indexes
    /// into `columns`, each one `readsColumnValues`), or nil after the last. Reads the same
    /// values as `nextRow()` column by column; the two are not to be mixed on one reader.
    public func nextRowGroup(fields wanted: [Int]) throws -> (rows: Int, columns: [ParquetColumnValues])? {
        while nextRowGroup < metadata.rowGroups.count {
            let group = metadata.rowGroups[nextRowGroup]
            nextRowGroup += 1
            guard group.numRows > 0 else { continue }
            var firstChunk: [Int] = []
            var chunk = 0
            for field in fields {
                firstChunk.append(chunk)
                chunk += field.leafCount
            }
            let columns = try wanted.map { index -> ParquetColumnValues in
                guard case .flat(let column) = fields[index] else {
                    preconditionFailure("nextRowGroup(fields:) reads flat columns only")
                }
                let cursor = try ColumnChunkCursor(store: store, location: location, fileSize: fileSize,
                                                   chunk: group.columns[firstChunk[index]], column: column, rows: Int(group.numRows))
                return ParquetColumnValues(chunk: cursor, descriptor: column)
            }
            return (Int(group.numRows), columns)
        }
        return nil
    }

    /// Reads one field's values: a flat column's, or a nested field's records as JSON text.
    private enum FieldCursor {
        case flat(ColumnChunkCursor)
        case nested(NestedAssembler, [LeafRecordCursor])
        /// A field left out of the projection.
        case skipped

        func next() throws -> BulkValue {
            switch self {
            case .skipped: return .null
            case .flat(let cursor): return try cursor.next()
            case .nested(let assembler, let leaves): return assembler.value(try leaves.map { try $0.nextRecord() })
            }
        }
    }

    /// One cursor per field over row group `index` (which has rows).
    private func cursors(forRowGroup index: Int) throws -> [FieldCursor] {
        let group = metadata.rowGroups[index]
        let rows = Int(group.numRows)
        var chunks = group.columns.makeIterator()
        func cursor(_ column: ColumnDescriptor, rows: Int) throws -> ColumnChunkCursor {
            try ColumnChunkCursor(store: store, location: location, fileSize: fileSize, chunk: chunks.next()!,
                                  column: column, rows: rows)
        }
        return try fields.enumerated().map { index, field in
            if let projection, !projection.contains(index) {
                for _ in 0..<field.leafCount { _ = chunks.next() }
                return .skipped
            }
            switch field {
            case .flat(let column): return .flat(try cursor(column, rows: rows))
            case .nested(let nested):
                let leaves = try nested.leaves.map { LeafRecordCursor(descriptor: $0, chunk: try cursor($0, rows: .max)) }
                return .nested(NestedAssembler(field: nested), leaves)
            }
        }
    }

    static let magic: [UInt8] = Array("PAR1".utf8)
}

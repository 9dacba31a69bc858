import Foundation
import ObjectStore
import RedshiftSQL
import BulkFormats

/// Opens one COPY input file as records: the object's bytes, decompressed as the COPY says, read
/// by the format's reader.
enum CopyRecordSources {
    /// A file opened for reading, and how many of its (stored) bytes were read.
    struct Opened {
        var reader: any TextRecordSource
        var bytesRead: () -> Int64
    }

    static func open(_ file: CopySource.File, plan: CopyPlan, store: any ObjectStore) throws -> Opened {
        let raw: any ByteReader
        do {
            raw = try store.reader(for: file.location)
        } catch let error as ObjectStoreError {
            throw CopySource.sqlError(error)
        }
        let counting = CountingByteReader(raw)
        let bytes = try decompressed(counting, compression: plan.compression)
        let input = try transcoded(bytes, encoding: plan.encoding)
        switch plan.format {
        case .delimited(let delimiter):
            let dialect = DelimitedRecordReader.Dialect(delimiter: delimiter.first ?? UInt8(ascii: "|"), escape: plan.escape,
                                                        removeQuotes: plan.removeQuotes)
            return Opened(reader: DelimitedRecordReader(input, dialect: dialect), bytesRead: { counting.count })
        case .csv(let delimiter, let quote):
            let dialect = DelimitedRecordReader.Dialect(delimiter: delimiter.first ?? UInt8(ascii: ","), csvQuote: quote)
            return Opened(reader: DelimitedRecordReader(input, dialect: dialect), bytesRead: { counting.count })
        case .fixedWidth(let widths):
            return Opened(reader: FixedWidthRecordReader(input, widths: widths), bytesRead: { counting.count })
        case .json(let mapping):
            return Opened(reader: JSONRecordReader(input, mapping: try jsonMapping(mapping, plan: plan, store: store)),
                          bytesRead: { counting.count })
        case .parquet:
            return try parquet(file, plan: plan, store: store)
        case .avro(let mapping):
            return try avro(input, mapping: mapping, plan: plan, store: store, bytesRead: { counting.count })
        case .orc:
            throw copyUnsupported("COPY FORMAT ORC")
        }
    }

    /// PARQUET: columns map to the loaded columns by position, and their numbers must match
    /// (copy-usage_notes-copy-from-columnar).
    static func parquet(_ file: CopySource.File, plan: CopyPlan, store: any ObjectStore) throws -> Opened {
        let reader: ParquetReader
        do {
            reader = try ParquetReader(store: store, location: file.location, size: file.size)
        } catch let error as ParquetError {
            throw SQLError(code: "XX000", message: error.message)
        } catch let error as ObjectStoreError {
            throw CopySource.sqlError(error)
        }
        guard reader.columns.count == plan.columns.count else {
            throw SQLError(code: "XX000", message: "Number of columns in the Parquet file '\(file.location)' (\(reader.columns.count)) does not match the number of columns in the table or column list (\(plan.columns.count))")
        }
        let source = BulkRowRecordSource(columns: plan.columns, sources: plan.columns.indices.map { $0 }) { (row: inout [BulkValue]) in
            do { return try reader.nextRow(into: &row) } catch let error as ParquetError { throw SQLError(code: "XX000", message: error.message) }
        }
        return Opened(reader: source, bytesRead: { file.size })
    }

    /// AVRO 'auto' / 'auto ignorecase': fields map to columns by name; a JSONPaths file: its paths
    /// over each record as JSON (copy-usage_notes-copy-from-avro … per the AVRO format parameter).
    static func avro(_ input: any ByteReader, mapping: CopyPlan.JSONMapping, plan: CopyPlan, store: any ObjectStore,
                     bytesRead: @escaping () -> Int64) throws -> Opened {
        let reader: AvroContainerReader
        do {
            reader = try AvroContainerReader(input)
        } catch let error as AvroError {
            throw SQLError(code: "XX000", message: error.message)
        }
        func next() throws -> [BulkValue]? {
            do { return try reader.nextRecord() } catch let error as AvroError { throw SQLError(code: "XX000", message: error.message) }
        }
        switch mapping {
        case .auto, .autoIgnoreCase:
            let names = reader.fieldNames
            let sources = plan.columns.map { column in
                names.firstIndex(of: column.name) ?? (mapping == .autoIgnoreCase ? names.firstIndex { $0.lowercased() == column.name.lowercased() } : nil)
            }
            return Opened(reader: BulkRowRecordSource(columns: plan.columns, sources: sources, nextRow: next), bytesRead: bytesRead)
        case .paths:
            let paths = try jsonMapping(mapping, plan: plan, store: store)
            return Opened(reader: JSONRecordReader(AvroJSONLines(reader), mapping: paths), bytesRead: bytesRead)
        }
    }

    /// JSON 'auto' (the loaded columns' names), 'auto ignorecase', or the JSONPaths file's expressions
    /// (one per loaded column; copy-usage_notes-copy-from-json).
    static func jsonMapping(_ mapping: CopyPlan.JSONMapping, plan: CopyPlan, store: any ObjectStore) throws -> JSONRecordReader.Mapping {
        switch mapping {
        case .auto: return .names(plan.columns.map(\.name), ignoringCase: false)
        case .autoIgnoreCase: return .names(plan.columns.map(\.name), ignoringCase: true)
        case .paths(let url):
            guard let location = S3Location(url: url) else { throw SQLError(code: "XX000", message: "Invalid JSONPaths file location: '\(url)'") }
            let bytes: [UInt8]
            do {
                guard let info = try store.head(location) else {
                    throw SQLError(code: "XX000", message: "Problem reading JSONPaths file - S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey")
                }
                bytes = try store.read(location, offset: 0, length: Int(min(info.size, 16 * 1024 * 1024)))
            } catch let error as ObjectStoreError {
                throw CopySource.sqlError(error)
            }
            guard let paths = JSONRecordReader.paths(fromJSONPathsFile: bytes) else {
                throw SQLError(code: "XX000", message: "Invalid JSONPath format: the JSONPaths file must hold {\"jsonpaths\": [\"$.name\", …]}")
            }
            guard paths.count == plan.columns.count else {
                throw SQLError(code: "XX000", message: "Number of jsonpaths and the number of columns should match. JSONPath size: \(paths.count), Number of columns in table or column list: \(plan.columns.count)")
            }
            return .paths(paths)
        }
    }

    /// The decompressing reader for COPY's GZIP, BZIP2, ZSTD keywords.
    static func decompressed(_ reader: any ByteReader, compression: String?) throws -> any ByteReader {
        guard let compression, let format = CompressionFormat(keyword: compression) else { return reader }
        do {
            return try format.reader(decompressing: reader)
        } catch let error as CompressionError {
            throw SQLError(code: "XX000", message: error.message)
        }
    }

    /// ENCODING: UTF-16 input is read as UTF-8 (copy-parameters-data-conversion).
    static func transcoded(_ reader: any ByteReader, encoding: String) throws -> any ByteReader {
        switch encoding.replacingOccurrences(of: "-", with: "") {
        case "utf16": return UTF16ToUTF8Reader(reader, order: .fromByteOrderMark)
        case "utf16le": return UTF16ToUTF8Reader(reader, order: .littleEndian)
        case "utf16be": return UTF16ToUTF8Reader(reader, order: .bigEndian)
        default: return reader
        }
    }
}

/// Counts the bytes read through it (SYS_LOAD_HISTORY.loaded_bytes).
final class CountingByteReader: ByteReader {
    private let base: any ByteReader
    private(set) var count: Int64 = 0

    init(_ base: any ByteReader) { self.base = base }

    func read(maxLength: Int) throws -> [UInt8] {
        let bytes = try base.read(maxLength: maxLength)
        count += Int64(bytes.count)
        return bytes
    }
}

/// A COPY feature the emulator does not have (yet): SQLSTATE 0A000, as the SQL front end words it.
func copyUnsupported(_ what: String) -> SQLError {
    SQLError(code: "0A000", message: "\(what) is not supported by the Redshift emulator yet")
}

import Foundation
import GRDBSQLite
import ObjectStore
import BulkFormats
import RedshiftSQL

/// One data file of an external table, read record by record through the COPY readers, each
/// field converted to its column's stored value only when the query asks for it.
///
/// Parquet files decode only the columns in `used` (the others' pages are never read), a column
/// at a time (`ParquetColumnRows`) unless a used field is nested (then row by row); Avro
/// records are decoded whole but only used fields are converted. Delimited and JSON records are
/// checked field by field as they are read (a field that does not convert fails the scan whether
/// or not the query uses its column, as when the file was copied into a table first).
///
/// - Redshift: c-spectrum-data-files (compression by file extension), r_CREATE_EXTERNAL_TABLE
///   (`skip.header.line.count`, `serialization.null.format`, Avro fields by name).
final class ExternalFileRows {
    private let reader: any TextRecordSource
    /// Parquet files whose used columns are flat: read column by column instead of `reader`.
    private let columnar: ParquetColumnRows?
    /// `reader` when it holds typed values (Parquet, Avro): their stored values skip the text.
    private let typed: BulkRowRecordSource?
    private let converters: [LoadFieldConverter]
    private let table: ExternalTable
    private let path: String
    /// Typed formats (Parquet, Avro) convert lazily; text formats check every field on `next()`.
    private let checksEveryField: Bool

    /// Opens `file`; `used[i]` tells whether data column `i` is read by the query.
    init(file: ObjectInfo, table: ExternalTable, store: any ObjectStore, used: [Bool]) throws {
        self.table = table
        path = file.location.description
        let columns = table.columns.map { CopyPlan.Column(name: $0.name, type: $0.type, nullable: true) }
        var options = LoadOptions()
        switch table.format {
        case .parquet:
            let parquet: ParquetReader
            do {
                parquet = try ParquetReader(store: store, location: file.location, size: file.size)
            } catch let error as ParquetError {
                throw ExternalTableScanner.scanError(file.location, "\(error.message)")
            } catch let error as ObjectStoreError {
                throw CopySource.sqlError(error)
            }
            let names = parquet.columns.map { $0.name.lowercased() }
            let sources = table.columns.enumerated().map { index, column in
                used[index] ? names.firstIndex(of: column.name.lowercased()) : nil
            }
            parquet.projection = Set(sources.compactMap { $0 })
            let location = file.location
            columnar = ParquetColumnRows(parquet, sources: sources, converters: columns.map { LoadFieldConverter(column: $0, options: options) },
                                         location: location)
            reader = BulkRowRecordSource(columns: columns, sources: sources) { (row: inout [BulkValue]) in
                do { return try parquet.nextRow(into: &row) } catch let error as ParquetError { throw ExternalTableScanner.scanError(location, error.message) }
            }
            checksEveryField = false
        case .text(let delimiter, let quote):
            options.nullString = table.property("serialization.null.format").map { Array($0.utf8) } ?? (quote == nil ? Array(#"\N"#.utf8) : [0xFF, 0xFF])
            let dialect = DelimitedRecordReader.Dialect(delimiter: delimiter, csvQuote: quote)
            reader = DelimitedRecordReader(try ExternalTableScanner.input(file, store: store), dialect: dialect)
            columnar = nil
            checksEveryField = true
        case .avro:
            let avro: AvroContainerReader
            do {
                avro = try AvroContainerReader(try ExternalTableScanner.input(file, store: store))
            } catch let error as AvroError {
                throw ExternalTableScanner.scanError(file.location, error.message)
            }
            let names = avro.fieldNames.map { $0.lowercased() }
            let sources = table.columns.enumerated().map { index, column in
                used[index] ? names.firstIndex(of: column.name.lowercased()) : nil
            }
            let location = file.location
            reader = BulkRowRecordSource(columns: columns, sources: sources) {
                do { return try avro.nextRecord() } catch let error as AvroError { throw ExternalTableScanner.scanError(location, error.message) }
            }
            columnar = nil
            checksEveryField = false
        case .json:
            reader = JSONRecordReader(try ExternalTableScanner.input(file, store: store), mapping: .names(table.columns.map(\.name), ignoringCase: true))
            columnar = nil
            checksEveryField = true
        }
        if let skip = table.property("skip.header.line.count").flatMap(Int.init), skip > 0, table.format != .parquet, table.format != .avro {
            try reader.skipLines(skip)
        }
        converters = columns.map { LoadFieldConverter(column: $0, options: options) }
        typed = reader as? BulkRowRecordSource
    }

    /// Moves to the next record; false after the last one.
    func next() throws -> Bool {
        if let columnar { return try columnar.next() }
        guard try reader.next() else { return false }
        if let error = reader.recordError {
            throw SQLError(code: "XX000", message: "Spectrum Scan Error: file '\(path)': line \(reader.lineNumber): \(error.reason)")
        }
        if checksEveryField {
            for index in converters.indices where index < reader.fieldCount && !reader.isNull(index) {
                let quoted = reader.isQuoted(index)
                var failure: LoadFieldError?
                reader.withFieldBytes(index) { field in
                    do throws(LoadFieldError) { _ = try converters[index].convert(field, quoted: quoted) } catch { failure = error }
                }
                if let failure { throw fieldError(failure, column: index) }
            }
        }
        return true
    }

    /// Sets data column `column` of the current record as the result of `context` (an xColumn call).
    func result(column: Int, into context: OpaquePointer?) throws {
        if let columnar {
            do throws(LoadFieldError) {
                return try columnar.withStoredValue(column) { SQLiteResult.set($0, field: $1, context) }
            } catch {
                throw fieldError(error, column: column)
            }
        }
        guard column < reader.fieldCount, !reader.isNull(column) else {
            sqlite3_result_null(context)
            return
        }
        let converter = converters[column]
        if let typed {
            do throws(LoadFieldError) {
                if let value = try typed.storedValue(column, for: converter) {
                    return SQLiteResult.set(value, field: UnsafeBufferPointer(start: nil, count: 0), context)
                }
            } catch {
                throw fieldError(error, column: column)
            }
        }
        let quoted = reader.isQuoted(column)
        var failure: LoadFieldError?
        reader.withFieldBytes(column) { field in
            do throws(LoadFieldError) {
                SQLiteResult.set(try converter.convert(field, quoted: quoted), field: field, context)
            } catch {
                failure = error
            }
        }
        if let failure { throw fieldError(failure, column: column) }
    }

    /// Data column `column` of the current record as a value (what a rescan keeps).
    func value(column: Int) throws -> SQLiteValue {
        if let columnar {
            do throws(LoadFieldError) {
                return try columnar.withStoredValue(column) { value, field in value.sqliteValue(field: field) }
            } catch {
                throw fieldError(error, column: column)
            }
        }
        guard column < reader.fieldCount, !reader.isNull(column) else { return .null }
        let converter = converters[column]
        if let typed {
            do throws(LoadFieldError) {
                switch try typed.storedValue(column, for: converter) {
                case .integer(let i): return .integer(i)
                case .real(let d): return .real(d)
                default: break
                }
            } catch {
                throw fieldError(error, column: column)
            }
        }
        let quoted = reader.isQuoted(column)
        var result = Result<SQLiteValue, LoadFieldError>.success(.null)
        reader.withFieldBytes(column) { field in
            do throws(LoadFieldError) {
                switch try converter.convert(field, quoted: quoted) {
                case .null: result = .success(.null)
                case .integer(let i): result = .success(.integer(i))
                case .real(let d): result = .success(.real(d))
                case .text(let t): result = .success(.text(t))
                case .fieldText: result = .success(.text(String(decoding: field, as: UTF8.self)))
                case .blob(let b): result = .success(.blob(b))
                }
            } catch {
                result = .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw fieldError(error, column: column)
        }
    }

    private func fieldError(_ error: LoadFieldError, column: Int) -> SQLError {
        ExternalTableScanner.fieldError(error, column: table.columns[column], file: path, line: columnar?.rowNumber ?? reader.lineNumber)
    }
}

/// Results of SQLite function and virtual table column calls.
enum SQLiteResult {
    /// SQLITE_TRANSIENT: SQLite copies the bytes before the Swift buffer goes away.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Sets a converted field as the result; `field` is the source of `.fieldText`.
    @inline(__always)
    static func set(_ value: LoadedValue, field: UnsafeBufferPointer<UInt8>, _ context: OpaquePointer?) {
        switch value {
        case .null: sqlite3_result_null(context)
        case .integer(let i): sqlite3_result_int64(context, i)
        case .real(let d): sqlite3_result_double(context, d)
        case .text(let t): sqlite3_result_text(context, t, -1, transient)
        case .fieldText:
            if let base = field.baseAddress {
                sqlite3_result_text(context, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(field.count), transient)
            } else {
                sqlite3_result_text(context, "", 0, transient)
            }
        case .blob(let b): b.withUnsafeBytes { _ = sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    static func set(_ value: SQLiteValue, _ context: OpaquePointer?) {
        switch value {
        case .null: sqlite3_result_null(context)
        case .integer(let i): sqlite3_result_int64(context, i)
        case .real(let d): sqlite3_result_double(context, d)
        case .text(let t): sqlite3_result_text(context, t, -1, transient)
        case .blob(let b): b.withUnsafeBytes { _ = sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient) }
        }
    }
}

import BulkFormats
import ObjectStore
import RedshiftSQL

/// The rows of a Parquet data file read column by column (`ParquetReader.nextRowGroup(fields:)`):
/// each used column's pages are decoded into typed buffers, and a row is an index into them, so a
/// row costs no array and a value no `BulkValue` on the common paths.
///
/// A value's stored form is the one COPY's text path gives (`BulkRowRecordSource`): strings are
/// converted from their bytes in the page, DECIMALs into DECIMAL columns from their unscaled
/// integer (`LoadFieldConverter.storedDecimal`), integers, floats and booleans through
/// `storedValue(of:)`, DATEs and TIMESTAMPs from their text written in a stack buffer
/// (`DateTimeFieldText`), and anything else from the text `BulkRowRecordSource.appendText` writes.
final class ParquetColumnRows {
    private let reader: ParquetReader
    /// The file fields read, in file order, and for each table column the index of its field
    /// among them (nil: NULL, the column is not used or not in the file).
    private let fields: [Int]
    private let slots: [Int?]
    /// One converter per table column, in memory this object owns (read per value without the
    /// array's retain and bounds check).
    private let converters: UnsafeMutableBufferPointer<LoadFieldConverter>
    /// Table columns of type VARBYTE (their bytes' text is hexadecimal).
    private let hexColumns: [Bool]
    private let location: S3Location
    /// The current row group's column readers, and unretained references to them (`columns`
    /// keeps them alive) for the per-value path.
    @exclusivity(unchecked) private var columns: [ParquetColumnValues] = []
    @exclusivity(unchecked) private var columnRefs: [Unmanaged<ParquetColumnValues>] = []
    @exclusivity(unchecked) private var rowsLeft = 0
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    /// The current row's number in the file (STL_LOAD_ERRORS.line_number's counterpart).
    @exclusivity(unchecked) private(set) var rowNumber = 0

    /// A reader of `sources` (for each table column, the file field it reads, or nil) converted
    /// by `converters` (one per table column), or nil when a field is not a flat column read
    /// this way (nested fields use the row reader).
    init?(_ reader: ParquetReader, sources: [Int?], converters: [LoadFieldConverter], location: S3Location) {
        let fields = Array(Set(sources.compactMap { $0 })).sorted()
        guard fields.allSatisfy({ reader.readsColumnValues(field: $0) }) else { return nil }
        self.reader = reader
        self.fields = fields
        slots = sources.map { source in source.flatMap { fields.firstIndex(of: $0) } }
        self.converters = .allocate(capacity: converters.count)
        _ = self.converters.initialize(from: converters)
        hexColumns = converters.map { if case .varbyte = $0.column.type { return true } else { return false } }
        self.location = location
        scratch.reserveCapacity(64)
    }

    deinit {
        converters.deinitialize()
        converters.deallocate()
    }

    /// Moves to the next row; false after the last one.
    func next() throws -> Bool {
        do {
            while rowsLeft == 0 {
                guard let group = try reader.nextRowGroup(fields: fields) else { return false }
                columns = group.columns
                columnRefs = group.columns.map { Unmanaged.passUnretained($0) }
                rowsLeft = group.rows
            }
            rowsLeft -= 1
            rowNumber += 1
            for column in columns { try column.advance() }
            return true
        } catch let error as ParquetError {
            throw ExternalTableScanner.scanError(location, error.message)
        }
    }

    /// Calls `body` with the stored value of table column `column` in the current row, and the
    /// bytes a `.fieldText` value stands for.
    @inline(__always)
    func withStoredValue<T>(_ column: Int, _ body: (LoadedValue, UnsafeBufferPointer<UInt8>) -> T) throws(LoadFieldError) -> T {
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        guard let slot = slots[column] else { return body(.null, none) }
        let converter = converters.baseAddress! + column
        let hex = hexColumns[column]
        return try columnRefs[slot]._withUnsafeGuaranteedRef { values in
            Result { () throws(LoadFieldError) in try storedValue(values, converter, hex: hex, body) }
        }.get()
    }

    @inline(__always)
    private func storedValue<T>(_ values: ParquetColumnValues, _ converter: UnsafeMutablePointer<LoadFieldConverter>, hex: Bool,
                                _ body: (LoadedValue, UnsafeBufferPointer<UInt8>) -> T) throws(LoadFieldError) -> T {
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if values.isNull { return body(.null, none) }
        switch values.kind {
        case .string:
            let field = values.stringBytes
            return body(try converter.pointee.convert(field, quoted: true), field)
        case .decimal(let scale):
            let (magnitude, negative) = values.decimal
            if let stored = converter.pointee.storedDecimal(magnitude: magnitude, negative: negative, scale: scale) {
                return body(stored, none)
            }
        case .other:
            break
        }
        let value = values.value()
        switch value {
        case .null: return body(.null, none)
        case .date(let days):
            if let result = try DateTimeFieldText.withText(days: Int(days), { field throws(LoadFieldError) in
                body(try converter.pointee.convert(field, quoted: true), field)
            }) { return result }
        case .timestamp(let micros, _):
            if let result = try DateTimeFieldText.withText(micros: micros, { field throws(LoadFieldError) in
                body(try converter.pointee.convert(field, quoted: true), field)
            }) { return result }
        default:
            if let stored = try converter.pointee.storedValue(of: value) { return body(stored, none) }
        }
        scratch.removeAll(keepingCapacity: true)
        _ = BulkRowRecordSource.appendText(value, hex: hex, to: &scratch)
        return try scratch.withUnsafeBufferPointer { field in
            Result { () throws(LoadFieldError) in body(try converter.pointee.convert(field, quoted: true), field) }
        }.get()
    }
}

/// One flat column's values in a row group, read row by row from decoded pages held in their
/// physical type: a column-at-a-time alternative to `ParquetReader.nextRow()` for readers that
/// convert values themselves (no `BulkValue` and no array per row). For example:
///
///     while let group = try reader.nextRowGroup(fields: [2, 5]) {
///         for _ in 0..<group.rows {
///             for column in group.columns { try column.advance() }
///             if !group.columns[0].isNull { … group.columns[0].value() … }
///         }
///     }
///
/// `value()` is the `BulkValue` `nextRow()` gives for the same row; `decimal` and `stringBytes`
/// read DECIMAL and STRING values without making one. Page errors are `ParquetError`s, thrown by
/// `advance()` when it reaches the page.
public final class ParquetColumnValues {
    /// What a column's values are, for readers that convert some kinds without `value()`.
    public enum Kind: Equatable, Sendable {
        /// DECIMAL with this scale stored in an INT32, INT64, or at most 16 bytes.
        case decimal(scale: Int)
        /// UTF-8 text (STRING, ENUM, JSON annotations): `stringBytes` reads it.
        case string
        /// Anything else: `value()` reads it.
        case other
    }

    public let kind: Kind
    private let chunk: ColumnChunkCursor
    private let converter: ValueConverter
    /// The current page's values, copied out of its `PhysicalPage` (only the buffer of the
    /// page's kind is used), and its definition levels when some of its rows are NULL.
    private let physical: PhysicalPage.Kind
    @exclusivity(unchecked) private var booleans = PageBuffer<Bool>()
    @exclusivity(unchecked) private var int32s = PageBuffer<Int32>()
    @exclusivity(unchecked) private var int64s = PageBuffer<Int64>()
    @exclusivity(unchecked) private var floats = PageBuffer<Float>()
    @exclusivity(unchecked) private var doubles = PageBuffer<Double>()
    @exclusivity(unchecked) private var bytes = PageBuffer<UInt8>()
    @exclusivity(unchecked) private var starts = PageBuffer<Int32>()
    @exclusivity(unchecked) private var ends = PageBuffer<Int32>()
    @exclusivity(unchecked) private var levels = PageBuffer<UInt32>()
    @exclusivity(unchecked) private var hasNulls = false
    private let maximumLevel: UInt32
    @exclusivity(unchecked) private var pageRows = 0
    /// The current row's index in the page, and its value's index among the page's values.
    @exclusivity(unchecked) private var row = -1
    @exclusivity(unchecked) private var valueIndex = -1
    /// Whether the current row is NULL.
    @exclusivity(unchecked) public private(set) var isNull = true

    init(chunk: ColumnChunkCursor, descriptor: ColumnDescriptor) {
        self.chunk = chunk
        converter = descriptor.converter
        physical = PhysicalPage.kind(of: descriptor.physical)
        maximumLevel = UInt32(descriptor.maxDefinitionLevel)
        switch converter.conversion {
        case .string: kind = .string
        case .decimal(let scale) where descriptor.physical != .fixedLenByteArray || descriptor.typeLength <= 16:
            kind = descriptor.physical == .byteArray ? .other : .decimal(scale: scale)
        default: kind = .other
        }
    }

    deinit {
        booleans.deallocate(); int32s.deallocate(); int64s.deallocate(); floats.deallocate(); doubles.deallocate()
        bytes.deallocate(); starts.deallocate(); ends.deallocate(); levels.deallocate()
    }

    /// Moves to the column's next row (the first on the first call), reading the next page when
    /// the current one ends.
    @inline(__always)
    public func advance() throws {
        row += 1
        if row >= pageRows { try nextPage() }
        if hasNulls {
            isNull = levels[row] < maximumLevel
            if !isNull { valueIndex += 1 }
        } else {
            valueIndex += 1
        }
    }

    private func nextPage() throws {
        var decoded = try chunk.nextPhysicalPage()
        while decoded.rowCount == 0 { decoded = try chunk.nextPhysicalPage() }
        let page = decoded.values
        switch page.kind {
        case .boolean: booleans.load(page.booleans)
        case .int32: int32s.load(page.int32s)
        case .int64: int64s.load(page.int64s)
        case .float: floats.load(page.floats)
        case .double: doubles.load(page.doubles)
        case .bytes:
            bytes.load(page.bytes)
            starts.load(page.starts)
            ends.load(page.ends)
        }
        pageRows = decoded.rowCount
        hasNulls = false
        if let definition = decoded.definitionLevels, definition.count != page.count {   // some rows are NULL
            levels.load(definition)
            hasNulls = true
        }
        isNull = false
        row = 0
        valueIndex = -1
    }

    /// The current value's bytes (a byte array column's), in place.
    @inline(__always)
    private var valueBytes: UnsafeBufferPointer<UInt8> {
        let start = Int(starts[valueIndex])
        return UnsafeBufferPointer(start: bytes.base + start, count: Int(ends[valueIndex]) - start)
    }

    /// The current row's value as `ParquetReader.nextRow()` gives it (`.null` for NULL).
    public func value() -> BulkValue {
        guard !isNull else { return .null }
        switch physical {
        case .boolean: return .boolean(booleans[valueIndex])
        case .int32: return converter.convert(int32: int32s[valueIndex])
        case .int64: return converter.convert(int64: int64s[valueIndex])
        case .float: return .double(Double(floats[valueIndex]))
        case .double: return .double(doubles[valueIndex])
        case .bytes:
            // The page's values were checked when it was read: this conversion does not throw.
            return (try? converter.convertBytes(valueBytes)) ?? .null
        }
    }

    /// The current row's DECIMAL as its unscaled magnitude and sign (the scale is `kind`'s), for
    /// a `.decimal` column that is not NULL.
    public var decimal: (magnitude: UInt128, negative: Bool) {
        switch physical {
        case .int32:
            let value = int32s[valueIndex]
            return (UInt128(value.magnitude), value < 0)
        case .int64:
            let value = int64s[valueIndex]
            return (UInt128(value.magnitude), value < 0)
        default:
            let bytes = valueBytes
            guard let first = bytes.first else { return (0, false) }
            var value: UInt128 = first & 0x80 != 0 ? ~0 : 0
            for byte in bytes { value = value << 8 | UInt128(byte) }
            let signed = Int128(bitPattern: value)
            return (signed.magnitude, signed < 0)
        }
    }

    /// The current row's UTF-8 bytes (valid UTF-8), in place, for a `.string` column that is not
    /// NULL. Valid until the next `advance()`.
    public var stringBytes: UnsafeBufferPointer<UInt8> { valueBytes }
}

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
/// `value()` is the `BulkValue` `nextRow()` gives for the same row; `decimal` and `withStringBytes`
/// read DECIMAL and STRING values without making one. Page errors are `ParquetError`s, thrown by
/// `advance()` when it reaches the page.
public final class ParquetColumnValues {
    /// What a column's values are, for readers that convert some kinds without `value()`.
    public enum Kind: Equatable, Sendable {
        /// DECIMAL with this scale stored in an INT32, INT64, or at most 16 bytes.
        case decimal(scale: Int)
        /// UTF-8 text (STRING, ENUM, JSON annotations): `withStringBytes` reads it.
        case string
        /// Anything else: `value()` reads it.
        case other
    }

    public let kind: Kind
    private let chunk: ColumnChunkCursor
    private let converter: ValueConverter
    @exclusivity(unchecked) private var page = PhysicalPage(kind: .boolean)
    /// The page's definition levels (nil: no nulls in it) and maximum level.
    @exclusivity(unchecked) private var levels: [UInt32]?
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
        maximumLevel = UInt32(descriptor.maxDefinitionLevel)
        switch converter.conversion {
        case .string: kind = .string
        case .decimal(let scale) where descriptor.physical != .fixedLenByteArray || descriptor.typeLength <= 16:
            kind = descriptor.physical == .byteArray ? .other : .decimal(scale: scale)
        default: kind = .other
        }
    }

    /// Moves to the column's next row (the first on the first call), reading the next page when
    /// the current one ends.
    @inline(__always)
    public func advance() throws {
        row += 1
        if row >= pageRows { try nextPage() }
        if let levels {
            isNull = levels[row] < maximumLevel
            if !isNull { valueIndex += 1 }
        } else {
            valueIndex += 1
        }
    }

    private func nextPage() throws {
        var decoded = try chunk.nextPhysicalPage()
        while decoded.rowCount == 0 { decoded = try chunk.nextPhysicalPage() }
        page = decoded.values
        pageRows = decoded.rowCount
        levels = decoded.definitionLevels.flatMap { levels in
            levels.count == decoded.values.count ? nil : levels   // every row has a value
        }
        isNull = false
        row = 0
        valueIndex = -1
    }

    /// The current row's value as `ParquetReader.nextRow()` gives it (`.null` for NULL).
    public func value() -> BulkValue {
        guard !isNull else { return .null }
        switch page.kind {
        case .boolean: return .boolean(page.booleans[valueIndex])
        case .int32: return converter.convert(int32: page.int32s[valueIndex])
        case .int64: return converter.convert(int64: page.int64s[valueIndex])
        case .float: return .double(Double(page.floats[valueIndex]))
        case .double: return .double(page.doubles[valueIndex])
        case .bytes:
            // The page's values were checked when it was read: this conversion does not throw.
            return (try? page.withBytes(valueIndex) { try converter.convertBytes($0) }) ?? .null
        }
    }

    /// The current row's DECIMAL as its unscaled magnitude and sign (the scale is `kind`'s), for
    /// a `.decimal` column that is not NULL.
    public var decimal: (magnitude: UInt128, negative: Bool) {
        switch page.kind {
        case .int32:
            let value = page.int32s[valueIndex]
            return (UInt128(value.magnitude), value < 0)
        case .int64:
            let value = page.int64s[valueIndex]
            return (UInt128(value.magnitude), value < 0)
        default:
            return page.withBytes(valueIndex) { bytes in
                guard let first = bytes.first else { return (0, false) }
                var value: UInt128 = first & 0x80 != 0 ? ~0 : 0
                for byte in bytes { value = value << 8 | UInt128(byte) }
                let signed = Int128(bitPattern: value)
                return (signed.magnitude, signed < 0)
            }
        }
    }

    /// The current row's UTF-8 bytes (valid UTF-8), in place, for a `.string` column that is not NULL.
    @inline(__always)
    public func withStringBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try page.withBytes(valueIndex, body)
    }
}

import ObjectStore

/// Reads fixed-width text: each line is cut into fields of the given widths, in characters.
///
/// - Redshift: copy-parameters-data-format (FIXEDWIDTH 'label:width, …'). A line shorter than the
///   widths yields fewer fields (the load reports it unless FILLRECORD); characters past the last
///   width are ignored.
public final class FixedWidthRecordReader: TextRecordSource {
    private let lines: DelimitedRecordReader
    private let widths: [Int]
    private var ranges: [Range<Int>] = []
    private var line: [UInt8] = []

    public init(_ source: any ByteReader, widths: [Int], chunkSize: Int = 1 << 20) {
        // A line is one "field" of a reader whose delimiter never appears (a line feed ends it first).
        lines = DelimitedRecordReader(source, dialect: .init(delimiter: 10), chunkSize: chunkSize)
        self.widths = widths
    }

    public func next() throws -> Bool {
        guard try lines.next() else { return false }
        line = lines.withField(0) { Array($0) }
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        for width in widths {
            guard start < line.count else { break }
            var end = start, characters = 0
            while end < line.count, characters < width {
                end += 1
                while end < line.count, line[end] & 0xC0 == 0x80 { end += 1 }
                characters += 1
            }
            ranges.append(start..<end)
            start = end
        }
        return true
    }

    public func skipLines(_ count: Int) throws { try lines.skipLines(count) }
    public var fieldCount: Int { ranges.count }
    public func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try line.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[ranges[index]])) }
    }
    public func isQuoted(_ index: Int) -> Bool { false }
    public func isNull(_ index: Int) -> Bool { false }
    public var lineNumber: Int { lines.lineNumber }
    public var rawLine: [UInt8] { lines.rawLine }
    public var recordError: DelimitedRecordReader.RecordError? { nil }
}

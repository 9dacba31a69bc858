import ObjectStore

/// Reads records of delimited text or CSV from a byte stream, one at a time, without holding the
/// file: each record's fields are unquoted and unescaped into one reused buffer.
///
/// - Redshift: copy-parameters-data-format (DELIMITER, CSV with QUOTE AS), copy-parameters-data-conversion
///   (ESCAPE: a backslash makes the next character literal, a line feed included; REMOVEQUOTES:
///   surrounding quotation marks are removed and delimiters inside them kept).
/// - Divergence: a carriage return before the line feed is dropped (Windows line ends load as
///   Unix ones).
public final class DelimitedRecordReader {
    /// How the text is laid out.
    public struct Dialect: Sendable, Equatable {
        public var delimiter: UInt8
        /// CSV quoting with this quote character (doubled inside a quoted field), or nil for text.
        public var csvQuote: UInt8?
        public var escape: Bool
        public var removeQuotes: Bool

        public init(delimiter: UInt8, csvQuote: UInt8? = nil, escape: Bool = false, removeQuotes: Bool = false) {
            self.delimiter = delimiter
            self.csvQuote = csvQuote
            self.escape = escape
            self.removeQuotes = removeQuotes
        }
    }

    /// A record that cannot be split into fields (an unterminated or misplaced quote).
    public struct RecordError: Error, Equatable, Sendable {
        public var code: Int
        public var reason: String
    }

    /// The longest record accepted (Redshift's limit on one input row is 4 MB).
    public static let maximumRecordBytes = 4 * 1024 * 1024
    /// How much of a record `rawLine` keeps (STL_LOAD_ERRORS.raw_line is char(1024)).
    public static let rawLineLimit = 1024

    private let source: any ByteReader
    private let dialect: Dialect
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 0

    private var record = ScannedRecord()
    private var csv: CSVRecordScanner?

    /// The current record's fields, unquoted and unescaped, one after the other.
    public var fieldBytes: [UInt8] { record.fieldBytes }
    /// Where each field of the current record is in `fieldBytes`.
    public var fieldRanges: [Range<Int>] { record.fieldRanges }
    /// Whether each field was enclosed in quotes.
    public var fieldQuoted: [Bool] { record.fieldQuoted }
    /// The 1-based line the current record starts on.
    public private(set) var lineNumber = 0
    /// The current record as read (at most `rawLineLimit` bytes, without the line end).
    public var rawLine: [UInt8] { record.rawLine }
    /// Set when the current record could not be split; its fields are then incomplete.
    public var recordError: RecordError? { record.recordError }
    /// Bytes consumed from the source so far.
    public private(set) var bytesRead: Int64 = 0

    public init(_ source: any ByteReader, dialect: Dialect, chunkSize: Int = 1 << 20) {
        self.source = source
        self.dialect = dialect
        self.chunkSize = chunkSize
        csv = dialect.csvQuote.map { CSVRecordScanner(delimiter: dialect.delimiter, quote: $0) }
    }

    /// The next byte, or nil at the end of the input.
    @inline(__always)
    private func nextByte() throws -> UInt8? {
        if position == buffer.count {
            if atEnd { return nil }
            buffer = try source.read(maxLength: chunkSize)
            position = 0
            if buffer.isEmpty { atEnd = true; return nil }
        }
        let byte = buffer[position]
        position += 1
        bytesRead += 1
        return byte
    }

    @inline(__always)
    private func peekByte() throws -> UInt8? {
        if position == buffer.count {
            if atEnd { return nil }
            buffer = try source.read(maxLength: chunkSize)
            position = 0
            if buffer.isEmpty { atEnd = true; return nil }
        }
        return buffer[position]
    }

    /// Skips `count` lines (IGNOREHEADER); false when the input ended first.
    public func skipLines(_ count: Int) throws {
        var skipped = 0
        while skipped < count, let byte = try nextByte() {
            if byte == 10 { skipped += 1; line += 1 }
        }
    }

    /// Reads the next record; false at the end of the input.
    public func next() throws -> Bool {
        record.clear()
        guard try peekByte() != nil else { return false }
        line += 1
        lineNumber = line
        if csv != nil { try readCSVRecord() } else { try readTextRecord() }
        if record.rawLine.last == 10 { record.rawLine.removeLast() }
        if record.rawLine.last == 13 { record.rawLine.removeLast() }
        return true
    }

    @inline(__always)
    private func keepRaw(_ byte: UInt8) throws {
        if record.rawLine.count < Self.rawLineLimit { record.rawLine.append(byte) }
        if record.fieldBytes.count > Self.maximumRecordBytes {
            throw RecordTooLong(line: lineNumber)
        }
    }

    private func endField(start: Int, quoted: Bool, lineEnd: Bool = false) {
        record.endField(start: start, quoted: quoted, lineEnd: lineEnd)
    }

    private func readTextRecord() throws {
        let delimiter = dialect.delimiter
        var start = 0
        var quote: UInt8?       // REMOVEQUOTES: inside this quotation mark
        var quoted = false
        var fieldHasContent = false
        while let byte = try nextByte() {
            try keepRaw(byte)
            if dialect.escape && byte == 92 {   // backslash: the next byte is literal
                guard let escaped = try nextByte() else { break }
                if escaped == 10 { line += 1 } else { try keepRaw(escaped) }
                record.fieldBytes.append(escaped)
                fieldHasContent = true
                continue
            }
            if let open = quote {
                if byte == open { quote = nil; continue }
                if byte == 10 {
                    endField(start: start, quoted: quoted, lineEnd: true)
                    record.recordError = RecordError(code: 1216, reason: "Unterminated quoted string")
                    return
                }
                record.fieldBytes.append(byte)
                continue
            }
            if byte == 10 {
                endField(start: start, quoted: quoted, lineEnd: true)
                return
            }
            if byte == delimiter {
                endField(start: start, quoted: quoted)
                start = record.fieldBytes.count
                quoted = false
                fieldHasContent = false
                continue
            }
            if dialect.removeQuotes && !fieldHasContent && (byte == 34 || byte == 39) {
                quote = byte
                quoted = true
                fieldHasContent = true
                continue
            }
            fieldHasContent = true
            record.fieldBytes.append(byte)
        }
        if quote != nil { record.recordError = RecordError(code: 1216, reason: "Unterminated quoted string") }
        endField(start: start, quoted: quoted, lineEnd: true)
    }

    /// Scans the buffer's chunks until the record's line feed or the end of the input.
    private func readCSVRecord() throws {
        csv!.reset()
        while true {
            if position == buffer.count {
                if !atEnd {
                    buffer = try source.read(maxLength: chunkSize)
                    position = 0
                    if buffer.isEmpty { atEnd = true }
                }
                if atEnd {
                    csv!.finish(into: &record)
                    break
                }
            }
            let from = position
            let line = lineNumber
            let next = try buffer.withUnsafeBufferPointer { chunk in
                try csv!.scan(chunk, from: from, into: &record, line: line)
            }
            position = next ?? buffer.count
            bytesRead += Int64(position - from)
            if next != nil { break }
        }
        line += csv!.embeddedLineFeeds
    }

    /// Calls `body` with the bytes of field `index` of the current record.
    public func withFieldBytes(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let range = record.fieldRanges[index]
        record.fieldBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Calls `body` with the bytes of field `index` of the current record.
    @inline(__always)
    public func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let range = record.fieldRanges[index]
        return try record.fieldBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

/// A record longer than `DelimitedRecordReader.maximumRecordBytes`: the load stops.
public struct RecordTooLong: Error, Equatable, Sendable {
    public var line: Int
}

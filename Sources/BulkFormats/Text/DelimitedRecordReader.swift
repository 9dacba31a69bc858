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

    /// The current record's fields, unquoted and unescaped, one after the other.
    public private(set) var fieldBytes: [UInt8] = []
    /// Where each field of the current record is in `fieldBytes`.
    public private(set) var fieldRanges: [Range<Int>] = []
    /// Whether each field was enclosed in quotes.
    public private(set) var fieldQuoted: [Bool] = []
    /// The 1-based line the current record starts on.
    public private(set) var lineNumber = 0
    /// The current record as read (at most `rawLineLimit` bytes, without the line end).
    public private(set) var rawLine: [UInt8] = []
    /// Set when the current record could not be split; its fields are then incomplete.
    public private(set) var recordError: RecordError?
    /// Bytes consumed from the source so far.
    public private(set) var bytesRead: Int64 = 0

    public init(_ source: any ByteReader, dialect: Dialect, chunkSize: Int = 1 << 20) {
        self.source = source
        self.dialect = dialect
        self.chunkSize = chunkSize
        fieldBytes.reserveCapacity(4096)
        rawLine.reserveCapacity(Self.rawLineLimit)
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
        fieldBytes.removeAll(keepingCapacity: true)
        fieldRanges.removeAll(keepingCapacity: true)
        fieldQuoted.removeAll(keepingCapacity: true)
        rawLine.removeAll(keepingCapacity: true)
        recordError = nil
        guard try peekByte() != nil else { return false }
        line += 1
        lineNumber = line
        if dialect.csvQuote != nil { try readCSVRecord() } else { try readTextRecord() }
        if rawLine.last == 10 { rawLine.removeLast() }
        if rawLine.last == 13 { rawLine.removeLast() }
        return true
    }

    @inline(__always)
    private func keepRaw(_ byte: UInt8) throws {
        if rawLine.count < Self.rawLineLimit { rawLine.append(byte) }
        if fieldBytes.count > Self.maximumRecordBytes {
            throw RecordTooLong(line: lineNumber)
        }
    }

    private func endField(start: Int, quoted: Bool, lineEnd: Bool = false) {
        var end = fieldBytes.count
        if lineEnd, end > start, fieldBytes[end - 1] == 13 { end -= 1 }   // CR of a CRLF line end
        fieldRanges.append(start..<end)
        fieldQuoted.append(quoted)
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
                fieldBytes.append(escaped)
                fieldHasContent = true
                continue
            }
            if let open = quote {
                if byte == open { quote = nil; continue }
                if byte == 10 {
                    endField(start: start, quoted: quoted, lineEnd: true)
                    recordError = RecordError(code: 1216, reason: "Unterminated quoted string")
                    return
                }
                fieldBytes.append(byte)
                continue
            }
            if byte == 10 {
                endField(start: start, quoted: quoted, lineEnd: true)
                return
            }
            if byte == delimiter {
                endField(start: start, quoted: quoted)
                start = fieldBytes.count
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
            fieldBytes.append(byte)
        }
        if quote != nil { recordError = RecordError(code: 1216, reason: "Unterminated quoted string") }
        endField(start: start, quoted: quoted, lineEnd: true)
    }

    private func readCSVRecord() throws {
        let delimiter = dialect.delimiter
        let quoteByte = dialect.csvQuote!
        var start = 0
        var inQuotes = false
        var quoted = false
        var afterClosingQuote = false
        var fieldHasContent = false
        while let byte = try nextByte() {
            try keepRaw(byte)
            if inQuotes {
                if byte == quoteByte {
                    if try peekByte() == quoteByte {
                        _ = try nextByte()
                        try keepRaw(quoteByte)
                        fieldBytes.append(quoteByte)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                    continue
                }
                if byte == 10 { line += 1 }
                fieldBytes.append(byte)
                continue
            }
            if byte == 10 {
                endField(start: start, quoted: quoted, lineEnd: !quoted)
                return
            }
            if byte == delimiter {
                endField(start: start, quoted: quoted)
                start = fieldBytes.count
                quoted = false
                afterClosingQuote = false
                fieldHasContent = false
                continue
            }
            if afterClosingQuote {
                if byte == 13 { continue }
                if recordError == nil { recordError = RecordError(code: 1216, reason: "Invalid quote formatting for CSV") }
                fieldBytes.append(byte)
                continue
            }
            if byte == quoteByte && !fieldHasContent {
                inQuotes = true
                quoted = true
                fieldHasContent = true
                continue
            }
            fieldHasContent = true
            fieldBytes.append(byte)
        }
        if inQuotes { recordError = RecordError(code: 1216, reason: "Invalid quote formatting for CSV: unterminated quoted field") }
        endField(start: start, quoted: quoted, lineEnd: !quoted)
    }

    /// Calls `body` with the bytes of field `index` of the current record.
    @inline(__always)
    public func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let range = fieldRanges[index]
        return try fieldBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

/// A record longer than `DelimitedRecordReader.maximumRecordBytes`: the load stops.
public struct RecordTooLong: Error, Equatable, Sendable {
    public var line: Int
}

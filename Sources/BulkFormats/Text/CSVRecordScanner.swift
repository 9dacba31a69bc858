/// Splits CSV records out of the input's chunks (copy-parameters-data-format: CSV, QUOTE AS): a
/// quoted field keeps delimiters and line feeds, a doubled quote inside it is one quote, text after
/// a closing quote is a record error. Runs of ordinary bytes are copied at once, and the state
/// carries over from one chunk to the next, so a record may straddle chunks anywhere.
struct CSVRecordScanner {
    let delimiter: UInt8
    let quote: UInt8

    private var start = 0
    private var inQuotes = false
    private var quoted = false
    private var afterClosingQuote = false
    /// A quote just closed the quoted field; a quote right after it is a literal quote.
    private var justClosed = false
    private var fieldHasContent = false
    /// Line feeds inside quoted fields of the current record.
    private(set) var embeddedLineFeeds = 0

    init(delimiter: UInt8, quote: UInt8) {
        self.delimiter = delimiter
        self.quote = quote
    }

    /// Prepares for the next record.
    mutating func reset() {
        start = 0
        inQuotes = false
        quoted = false
        afterClosingQuote = false
        justClosed = false
        fieldHasContent = false
        embeddedLineFeeds = 0
    }

    /// Scans `chunk` from `index` into `record`: the index after the record's line feed, or nil
    /// when the chunk ended inside the record (then the next chunk continues it).
    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, from index: Int, into record: inout ScannedRecord,
                       line: Int) throws -> Int? {
        let count = chunk.count
        let limit = DelimitedRecordReader.maximumRecordBytes
        var i = index
        while i < count {
            let byte = chunk[i]
            if justClosed {
                justClosed = false
                if byte == quote {
                    record.fieldBytes.append(quote)
                    inQuotes = true
                    afterClosingQuote = false
                    i += 1
                    continue
                }
            }
            if inQuotes {
                var end = i
                while end < count, chunk[end] != quote, chunk[end] != 10 { end += 1 }
                if end > i {
                    record.fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<end]))
                    if record.fieldBytes.count > limit { throw RecordTooLong(line: line) }
                    i = end
                    continue
                }
                i += 1
                if byte == quote {
                    inQuotes = false
                    afterClosingQuote = true
                    justClosed = true
                } else {
                    embeddedLineFeeds += 1
                    record.fieldBytes.append(10)
                }
                continue
            }
            if byte == 10 {
                record.endField(start: start, quoted: quoted, lineEnd: !quoted)
                i += 1
                record.keepRaw(UnsafeBufferPointer(rebasing: chunk[index..<i]))
                return i
            }
            if byte == delimiter {
                record.endField(start: start, quoted: quoted)
                start = record.fieldBytes.count
                quoted = false
                afterClosingQuote = false
                fieldHasContent = false
                i += 1
                continue
            }
            if afterClosingQuote {
                i += 1
                if byte == 13 { continue }
                if record.recordError == nil {
                    record.recordError = DelimitedRecordReader.RecordError(code: 1216, reason: "Invalid quote formatting for CSV")
                }
                record.fieldBytes.append(byte)
                continue
            }
            if byte == quote && !fieldHasContent {
                inQuotes = true
                quoted = true
                fieldHasContent = true
                i += 1
                continue
            }
            fieldHasContent = true
            var end = i + 1
            while end < count, chunk[end] != delimiter, chunk[end] != 10 { end += 1 }
            record.fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<end]))
            if record.fieldBytes.count > limit { throw RecordTooLong(line: line) }
            i = end
        }
        record.keepRaw(UnsafeBufferPointer(rebasing: chunk[index..<count]))
        return nil
    }

    /// Ends the record at the end of the input (its last line has no line feed).
    mutating func finish(into record: inout ScannedRecord) {
        if inQuotes {
            record.recordError = DelimitedRecordReader.RecordError(code: 1216, reason: "Invalid quote formatting for CSV: unterminated quoted field")
        }
        record.endField(start: start, quoted: quoted, lineEnd: !quoted)
    }
}

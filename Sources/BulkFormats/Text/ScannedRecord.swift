/// One record of delimited text or CSV as it is split: its fields unquoted and unescaped one
/// after the other in `fieldBytes`, where each one is, whether it was quoted, and the raw line.
/// A value type the reader owns, so scanning works on it without a class's access checks.
struct ScannedRecord {
    var fieldBytes: [UInt8] = []
    var fieldRanges: [Range<Int>] = []
    var fieldQuoted: [Bool] = []
    /// The record as read (at most `DelimitedRecordReader.rawLineLimit` bytes, line end included
    /// until `next()` drops it).
    var rawLine: [UInt8] = []
    var recordError: DelimitedRecordReader.RecordError?

    init() {
        fieldBytes.reserveCapacity(4096)
        fieldRanges.reserveCapacity(32)
        fieldQuoted.reserveCapacity(32)
        rawLine.reserveCapacity(DelimitedRecordReader.rawLineLimit)
    }

    mutating func clear() {
        fieldBytes.removeAll(keepingCapacity: true)
        fieldRanges.removeAll(keepingCapacity: true)
        fieldQuoted.removeAll(keepingCapacity: true)
        rawLine.removeAll(keepingCapacity: true)
        recordError = nil
    }

    /// Ends the field that started at `start`; at a line end a trailing carriage return (of a
    /// CRLF line end) is not part of it.
    @inline(__always)
    mutating func endField(start: Int, quoted: Bool, lineEnd: Bool = false) {
        var end = fieldBytes.count
        if lineEnd, end > start, fieldBytes[end - 1] == 13 { end -= 1 }
        fieldRanges.append(start..<end)
        fieldQuoted.append(quoted)
    }

    /// Keeps `bytes` of the raw record, up to the raw-line limit.
    @inline(__always)
    mutating func keepRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = DelimitedRecordReader.rawLineLimit - rawLine.count
        guard room > 0, !bytes.isEmpty else { return }
        rawLine.append(contentsOf: bytes.count <= room ? bytes : UnsafeBufferPointer(rebasing: bytes[..<room]))
    }
}

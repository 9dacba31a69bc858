import Foundation

/// Reads RFC 4180 CSV records one at a time, streaming: quoted fields may hold separators, `""`
/// and newlines (query texts do). Tracks the line each record starts on, for diagnostics.
final class CSVRecordReader {
    private let lines: LineReader
    let path: String
    /// Line number where the record last returned starts.
    private(set) var recordLine = 0

    init(path: String) throws {
        self.path = path
        lines = LineReader(try openInput(path: path))
    }

    /// The next record's fields, nil at the end; `nil` fields never occur (empty is ""). A record
    /// whose quote never closes is returned with ``unterminated`` set.
    func next() throws -> (fields: [String], unterminated: Bool)? {
        guard var line = try lines.nextBytes() else { return nil }
        recordLine = lines.lineNumber
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var atFieldStart = true
        while true {
            var i = line.startIndex
            while i < line.endIndex {
                let c = line[i]
                if inQuotes {
                    if c == 34 {
                        if i + 1 < line.endIndex && line[i + 1] == 34 { field.append(34); i += 2; continue }
                        inQuotes = false
                    } else {
                        field.append(c)
                    }
                } else if c == 34 && atFieldStart {
                    inQuotes = true
                    atFieldStart = false
                } else if c == 44 {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    atFieldStart = true
                } else {
                    field.append(c)
                    atFieldStart = false
                }
                i += 1
            }
            guard inQuotes else { break }
            guard let more = try lines.nextBytes() else {
                fields.append(String(decoding: field, as: UTF8.self))
                return (fields, true)
            }
            field.append(10)
            line = more
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, false)
    }
}

import Foundation

/// Splits a ``ByteSource`` into lines (`\n`, with a trailing `\r` removed), in constant memory.
///
/// For example:
///
/// ```swift
/// let lines = LineReader(try openInput(path: "useractivitylog.gz"))
/// while let line = try lines.next() { print(lines.lineNumber, line) }
/// ```
public final class LineReader {
    private let source: ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    public init(_ source: ByteSource, chunkSize: Int = 256 * 1024) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The next line as bytes (without its terminator), nil at the end.
    public func nextBytes() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 10) {
                var lineEnd = newline
                if lineEnd > start && buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = buffer[start..<lineEnd]
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < end else { return nil }
                var lineEnd = end
                if buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = buffer[start..<lineEnd]
                start = end
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    /// The next line, decoded as UTF-8 (invalid bytes become U+FFFD), nil at the end.
    public func next() throws -> String? {
        guard let bytes = try nextBytes() else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func fill() throws {
        if start > 0 {
            // Move the partial line to the front.
            let remaining = end - start
            if remaining > 0 { buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: $0.baseAddress! + start, count: remaining) } }
            start = 0
            end = remaining
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let count = try buffer.withUnsafeMutableBytes { raw in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
        }
        if count == 0 { atEnd = true } else { end += count }
    }
}

import ObjectStore

/// Buffered reading of an object container file's framing (header, block counts and sizes, sync
/// markers) from a `ByteReader`, 64 KB at a time.
final class AvroByteInput {
    private let source: any ByteReader
    private var buffer: [UInt8] = []
    private var position = 0
    private var sourceEnded = false
    private static let chunkSize = 64 * 1024

    init(_ source: any ByteReader) { self.source = source }

    /// True when no byte is left.
    func isAtEnd() throws -> Bool {
        try fill()
        return position == buffer.count
    }

    /// Exactly `count` bytes; throws `truncated` when the file ends first.
    func read(_ count: Int, truncated: @autoclosure () -> AvroError) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(count, 1 << 24))
        while result.count < count {
            try fill()
            guard position < buffer.count else { throw truncated() }
            let take = min(count - result.count, buffer.count - position)
            result.append(contentsOf: buffer[position..<position + take])
            position += take
        }
        return result
    }

    /// A zig-zag variable-length long.
    func readLong(truncated: @autoclosure () -> AvroError) throws -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            try fill()
            guard position < buffer.count else { throw truncated() }
            let byte = buffer[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw AvroError(.corrupt, "Invalid Avro file: a variable-length integer is longer than 10 bytes") }
        }
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Refills the buffer when it is used up and the source has more.
    private func fill() throws {
        guard position == buffer.count, !sourceEnded else { return }
        buffer = try source.read(maxLength: Self.chunkSize)
        position = 0
        if buffer.isEmpty { sourceEnded = true }
    }
}

import ObjectStore

/// Deterministic test inputs and small helpers shared by the compression and Avro tests.
enum TestData {
    /// `count` bytes of pipe-delimited rows mixed with pseudo-random bytes: compressible, but not
    /// trivially (a fixed seed, so every run sees the same bytes).
    static func bytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
        var state = seed
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var row = 0
        while result.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if state >> 62 == 0 {
                for shift in stride(from: 0, to: 64, by: 8) { result.append(UInt8(truncatingIfNeeded: state >> UInt64(shift))) }
            } else {
                result.append(contentsOf: Array("\(row)|name \(row % 97)|\(Double(row) / 7)\n".utf8))
                row += 1
            }
        }
        return Array(result.prefix(count))
    }

    /// The sizes every round trip covers: empty, one byte, and several 64 KB chunks.
    static let sizes = [0, 1, 1000, 300_000]

    /// Reads `reader` to its end, `chunk` bytes at a time.
    static func readAll(_ reader: any ByteReader, chunk: Int = 10_000) throws -> [UInt8] {
        var result: [UInt8] = []
        while true {
            let bytes = try reader.read(maxLength: chunk)
            if bytes.isEmpty { return result }
            result.append(contentsOf: bytes)
        }
    }
}

/// Hands out its bytes a few at a time, as a slow network read would.
final class TrickleByteReader: ByteReader {
    private let bytes: [UInt8]
    private var position = 0
    private let step: Int

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(maxLength: Int) throws -> [UInt8] {
        let end = min(position + min(step, maxLength), bytes.count)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

/// Counts what is read from it: shows that a reader pulls its input a chunk at a time.
final class CountingByteReader: ByteReader {
    private let inner: any ByteReader
    private(set) var bytesRead = 0

    init(_ inner: any ByteReader) { self.inner = inner }

    func read(maxLength: Int) throws -> [UInt8] {
        let bytes = try inner.read(maxLength: maxLength)
        bytesRead += bytes.count
        return bytes
    }
}

/// Records the size of every write: shows that a writer passes output on as it goes.
final class RecordingObjectWriter: ObjectWriter {
    private(set) var writeSizes: [Int] = []
    private(set) var bytes: [UInt8] = []
    private(set) var finished = false

    func write(_ bytes: [UInt8]) throws {
        writeSizes.append(bytes.count)
        self.bytes += bytes
    }

    func finish() throws -> ObjectInfo {
        finished = true
        return ObjectInfo(location: S3Location(bucket: "b", key: "k"), size: Int64(bytes.count))
    }

    func abort() {}
}

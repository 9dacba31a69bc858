import BulkFormats
import Foundation
import ObjectStore

/// The committed `.avro` fixtures (written by `Fixtures/make_fixtures.py` with fastavro) and
/// hand-made headers for the error cases.
enum AvroFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Avro's zig-zag variable-length encoding of `value`.
    static func long(_ value: Int64) -> [UInt8] {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        var result: [UInt8] = []
        while zigzag >= 0x80 {
            result.append(UInt8(zigzag & 0x7f) | 0x80)
            zigzag >>= 7
        }
        return result + [UInt8(zigzag)]
    }

    static func string(_ text: String) -> [UInt8] { long(Int64(text.utf8.count)) + Array(text.utf8) }

    static let sync: [UInt8] = Array(0..<16)

    /// An object container header with `metadata`, then `blocks` (record count, data) each
    /// followed by the sync marker, uncompressed.
    static func file(metadata: [(String, String)], blocks: [(Int64, [UInt8])] = []) -> [UInt8] {
        var bytes: [UInt8] = [0x4f, 0x62, 0x6a, 0x01] + long(Int64(metadata.count))
        for (key, value) in metadata { bytes += string(key) + string(value) }
        bytes += long(0) + sync
        for (count, data) in blocks { bytes += long(count) + long(Int64(data.count)) + data + sync }
        return bytes
    }

    static func reader(_ bytes: [UInt8]) throws -> AvroReaderForTests { try AvroReaderForTests(bytes) }
}

/// Reads every record of a file (for tests only: files are read record by record in COPY).
struct AvroReaderForTests {
    let reader: AvroContainerReader

    init(_ bytes: [UInt8]) throws { reader = try AvroContainerReader(ArrayByteReader(bytes)) }

    func all() throws -> [[BulkValue]] {
        var records: [[BulkValue]] = []
        while let record = try reader.nextRecord() { records.append(record) }
        return records
    }
}

import Crypto
import DataAPIModel
import Engine
import Foundation

/// The result fingerprint of recordings (`resultFingerprint`, docs/recording-format.md): a
/// SHA-256 over the rows of a result as the Data API's typed `Field`s, **independent of row
/// order** (a multiset hash), so that a query without ORDER BY may return its rows in another
/// order and still match.
///
/// Each row is encoded unambiguously — its cell count (UInt64, big-endian), then per cell a tag
/// byte and a payload: `0` null; `1` boolean (one byte 0/1); `2` longValue (Int64, big-endian);
/// `3` doubleValue (IEEE 754 bits, big-endian; every NaN as 0x7FF8000000000000); `4` stringValue
/// and `5` blobValue (UInt64 big-endian byte count, then the UTF-8 text or the bytes) — and
/// hashed with SHA-256. The row digests, read as four big-endian UInt64 lanes, are added lane by
/// lane (wrapping). The fingerprint is `sha256:` and the lowercase hex of
/// SHA-256(`redshift-emulator-result-v1` ‖ row count as UInt64 big-endian ‖ the four lane sums
/// big-endian).
public struct ResultFingerprint: Sendable {
    /// The prefix of every fingerprint of this scheme.
    public static let scheme = "sha256:"
    private static let domain = Array("redshift-emulator-result-v1".utf8)

    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var rows: UInt64 = 0
    private var buffer: [UInt8] = []

    public init() {}

    /// Adds one row.
    public mutating func add(_ row: [Field]) {
        buffer.removeAll(keepingCapacity: true)
        Self.append(UInt64(row.count), to: &buffer)
        for field in row { Self.append(field, to: &buffer) }
        let digest = Array(SHA256.hash(data: buffer))
        func lane(_ index: Int) -> UInt64 {
            digest[(index * 8)..<(index * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        lanes = (lanes.0 &+ lane(0), lanes.1 &+ lane(1), lanes.2 &+ lane(2), lanes.3 &+ lane(3))
        rows &+= 1
    }

    /// `sha256:<64 hex digits>`.
    public var value: String {
        var bytes = Self.domain
        Self.append(rows, to: &bytes)
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { Self.append(lane, to: &bytes) }
        let hex = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return Self.scheme + hex
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func append(_ field: Field, to bytes: inout [UInt8]) {
        switch field {
        case .isNull:
            bytes.append(0)
        case .booleanValue(let value):
            bytes.append(1)
            bytes.append(value ? 1 : 0)
        case .longValue(let value):
            bytes.append(2)
            append(UInt64(bitPattern: value), to: &bytes)
        case .doubleValue(let value):
            bytes.append(3)
            append(value.isNaN ? 0x7FF8_0000_0000_0000 : value.bitPattern, to: &bytes)
        case .stringValue(let text):
            bytes.append(4)
            append(UInt64(text.utf8.count), to: &bytes)
            bytes.append(contentsOf: text.utf8)
        case .blobValue(let data):
            bytes.append(5)
            append(UInt64(data.count), to: &bytes)
            bytes.append(contentsOf: data)
        }
    }
}

extension StatementResultRows {
    /// The ``ResultFingerprint`` of the rows as GetStatementResult returns them; nil when the
    /// stored result cannot be read back.
    public func fingerprint() -> String? {
        let types = result.columns.map(\.type)
        var hasher = ResultFingerprint()
        var row: [Field] = []
        row.reserveCapacity(types.count)
        do {
            try result.scan(from: 0) { stored in
                row.removeAll(keepingCapacity: true)
                for index in 0..<min(types.count, stored.columnCount) {
                    row.append(ResultEncoding.field(stored.value(at: index), type: types[index]))
                }
                hasher.add(row)
                return true
            }
        } catch {
            return nil
        }
        return hasher.value
    }
}

import ObjectStore

/// Reads UTF-16 input as UTF-8, chunk by chunk (COPY's ENCODING UTF16, UTF16LE, UTF16BE).
///
/// - Redshift: copy-parameters-data-conversion (ENCODING): UTF16 "specifies UTF-16 encoding with
///   either big endian or little endian" (the byte order mark decides; big endian without one),
///   UTF16LE and UTF16BE fix the order. A byte order mark at the start is dropped; an unpaired
///   surrogate becomes U+FFFD, which the load then treats as any other character.
public final class UTF16ToUTF8Reader: ByteReader {
    /// The byte order: fixed, or read from a byte order mark.
    public enum Order: Sendable { case bigEndian, littleEndian, fromByteOrderMark }

    private let source: any ByteReader
    private var order: Order
    private var pending: [UInt8] = []
    private var highSurrogate: UInt16?
    private var started = false

    public init(_ source: any ByteReader, order: Order) {
        self.source = source
        self.order = order
    }

    public func read(maxLength: Int) throws -> [UInt8] {
        while true {
            let chunk = try source.read(maxLength: max(maxLength, 2))
            if chunk.isEmpty {
                var out: [UInt8] = []
                if highSurrogate != nil || !pending.isEmpty { Self.append(0xFFFD, to: &out) }
                highSurrogate = nil
                pending = []
                return out
            }
            pending += chunk
            if !started {
                guard pending.count >= 2 else { continue }
                started = true
                let bom = (pending[0], pending[1])
                if bom == (0xFE, 0xFF) || bom == (0xFF, 0xFE) {
                    if order == .fromByteOrderMark { order = bom == (0xFF, 0xFE) ? .littleEndian : .bigEndian }
                    pending.removeFirst(2)
                }
                if order == .fromByteOrderMark { order = .bigEndian }
            }
            var out: [UInt8] = []
            out.reserveCapacity(pending.count * 3 / 2)
            let usable = pending.count & ~1
            var index = 0
            while index < usable {
                let unit = order == .littleEndian ? UInt16(pending[index]) | UInt16(pending[index + 1]) << 8
                    : UInt16(pending[index]) << 8 | UInt16(pending[index + 1])
                index += 2
                if let high = highSurrogate {
                    highSurrogate = nil
                    if (0xDC00..<0xE000).contains(unit) {
                        Self.append(0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00), to: &out)
                        continue
                    }
                    Self.append(0xFFFD, to: &out)
                }
                if (0xD800..<0xDC00).contains(unit) { highSurrogate = unit; continue }
                Self.append((0xDC00..<0xE000).contains(unit) ? 0xFFFD : UInt32(unit), to: &out)
            }
            pending.removeFirst(usable)
            if !out.isEmpty { return out }
        }
    }

    private static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800: out += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
        case ..<0x10000: out += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        default: out += [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        }
    }
}

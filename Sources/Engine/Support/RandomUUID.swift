import Foundation
import Synchronization

/// Version 4-shaped UUIDs for statement, session and request ids, unique within the process and
/// unpredictable to clients: a random 64-bit key drawn once, and a counter mixed with it through
/// splitmix64 (a bijection, so no two ids of one process collide). Foundation's `UUID()` on Linux
/// opens and reads /dev/urandom for each one, and even `getrandom` per id showed up at a busy
/// connection's rate.
public enum RandomUUID {
    private static let key: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    /// A new id, lower-cased as the Data API prints ids.
    public static func string() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var bytes = (mix(key &+ n &* 0x9E37_79B9_7F4A_7C15), mix(key ^ (n &* 0xD1B5_4A32_D192_ED03)))
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = (raw[6] & 0x0F) | 0x40   // version 4
            raw[8] = (raw[8] & 0x3F) | 0x80   // RFC 4122 variant
            return format(UnsafeRawBufferPointer(raw))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case, from 16 bytes (what `UUID.uuidString`
    /// prints, lower-cased, without Foundation's formatting on every id).
    static func format(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 36) { text in
            var at = 0
            for (index, byte) in bytes.prefix(16).enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[at] = UInt8(ascii: "-")
                    at += 1
                }
                text[at] = hexDigits[Int(byte >> 4)]
                text[at + 1] = hexDigits[Int(byte & 0x0F)]
                at += 2
            }
            return at
        }
    }

    /// splitmix64's finalizer: a bijection on 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

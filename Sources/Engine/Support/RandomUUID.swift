import Foundation

/// Version 4 UUIDs from the system's random generator (`getrandom`). Foundation's `UUID()` on Linux
/// opens and reads /dev/urandom for each one, which showed up as 5% of a busy connection's time.
public enum RandomUUID {
    /// A new random UUID, lower-cased as the Data API prints ids.
    public static func string() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (generator.next() as UInt64, generator.next() as UInt64)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = (raw[6] & 0x0F) | 0x40   // version 4
            raw[8] = (raw[8] & 0x3F) | 0x80   // RFC 4122 variant
            return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9],
                               raw[10], raw[11], raw[12], raw[13], raw[14], raw[15])).uuidString.lowercased()
        }
    }
}

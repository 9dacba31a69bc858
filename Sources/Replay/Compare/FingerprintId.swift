import Foundation

/// A short stable id of a statement fingerprint (`RedshiftSQL.SQLFingerprint.of`), for report
/// tables, charts and divergence lists: FNV-1a 64 of its UTF-8, 16 hex digits.
///
/// ```swift
/// fingerprintId(SQLFingerprint.of("select 1"))   // the id of "select ?"
/// ```
func fingerprintId(_ fingerprint: String) -> String {
    var hash: UInt64 = 0xcbf29ce484222325
    for byte in fingerprint.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

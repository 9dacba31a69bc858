/// The SQL front end's digests (the ones behind `MD5()` and `SHA2()`), for the engine's password
/// checks: CREATE USER's `md5…` and `sha256|…` forms are verified with the same functions.
public enum Hashes {
    /// MD5 of `bytes` (RFC 1321).
    public static func md5(_ bytes: [UInt8]) -> [UInt8] { Digest.md5(bytes) }

    /// SHA-256 of `bytes` (FIPS 180-4).
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { Digest.sha256(bytes) }

    /// Lower-case hexadecimal text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String { Digest.hex(bytes) }
}

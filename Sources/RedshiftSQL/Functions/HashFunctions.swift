import Foundation

extension EmulatedFunctions {
    /// Hash functions: `rs_md5(s)`, `rs_sha1(s)`, `rs_sha2(s, bits)`, `rs_fnv_hash(v, width [, seed])`,
    /// `rs_checksum(n)`.
    ///
    /// - Redshift: MD5 (r_MD5) and SHA1 (SHA1) give lower-case hex; SHA2 (SHA2) takes 0 (= 256), 224, 256,
    ///   384 or 512 bits; FNV_HASH (r_FNV_HASH) is 64-bit FNV-1a over the value's binary form (INTEGER 4
    ///   bytes, BIGINT 8, strings as written, trailing blanks included); the seed is the running hash, so
    ///   `fnv_hash('cd', fnv_hash('ab')) = fnv_hash('abcd')`. CHECKSUM (r_CHECKSUM) of a DECIMAL is its
    ///   unscaled value (the page's example: commission 109.20 → 10920).
    static var hashFunctions: [EmulatedFunction] {
        return [
            EmulatedFunction("rs_md5", argumentCount: 1) { args in bytes(args[0]).map { .text(Digest.hex(Digest.md5($0))) } ?? .null },
            EmulatedFunction("rs_sha1", argumentCount: 1) { args in bytes(args[0]).map { .text(Digest.hex(Digest.sha1($0))) } ?? .null },
            EmulatedFunction("rs_sha2", argumentCount: 2) { args in
                guard let data = bytes(args[0]), let bits = args[1].doubleValue else { return .null }
                switch Int(exactly: bits.rounded(.towardZero)) ?? -1 {
                case 0, 256: return .text(Digest.hex(Digest.sha256(data)))
                case 224: return .text(Digest.hex(Digest.sha256(data, truncatedTo224: true)))
                case 384: return .text(Digest.hex(Digest.sha512(data, truncatedTo384: true)))
                case 512: return .text(Digest.hex(Digest.sha512(data)))
                default: return .text("")  // SHA2: an invalid bit length gives an empty string.
                }
            },
            EmulatedFunction("rs_fnv_hash", argumentCount: nil) { args in
                guard args.count >= 2 else { return .null }
                var state: UInt64 = 0xcbf2_9ce4_8422_2325
                if args.count > 2 {
                    guard case .integer(let seed) = args[2] else { return .null }
                    state = UInt64(bitPattern: seed)
                }
                guard case .integer(let width) = args[1] else { return .null }
                let input: [UInt8]
                if width > 0 {
                    // An integer of `width` bytes, little-endian.
                    guard let value = args[0].integerValue ?? args[0].doubleValue.map({ Int64(clamping: $0) }) else { return .null }
                    let pattern = UInt64(bitPattern: value)
                    input = (0..<Int(width)).map { UInt8(truncatingIfNeeded: pattern >> (8 * UInt64($0))) }
                } else {
                    guard let data = bytes(args[0]) else { return .null }
                    input = data
                }
                return .integer(Int64(bitPattern: fnv1a(input, state: state)))
            },
            EmulatedFunction("rs_checksum", argumentCount: 1) { args in
                guard case .integer(let value) = args[0] else { return args[0].isNull ? .null : .integer(Int64(args[0].doubleValue ?? 0)) }
                return .integer(value)
            },
        ]
    }

    /// 64-bit FNV-1a continuing from `state` (the offset basis for a fresh hash).
    static func fnv1a(_ bytes: [UInt8], state: UInt64) -> UInt64 {
        var hash = state
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

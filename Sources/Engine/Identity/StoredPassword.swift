import RedshiftSQL

/// A password as CREATE USER / ALTER USER store it, and the check of a login against it.
///
/// The forms are those of Developer Guide › CREATE USER (PASSWORD): clear text; `md5` followed by
/// the 32-digit MD5 of password + user name; `sha256|password` (Redshift salts it); or
/// `sha256|digest|salt`, a SHA-256 digest in hexadecimal and the 256-bit salt, in hexadecimal, that
/// made it (the digest is SHA-256 of the password's bytes followed by the salt's, as the
/// drivers' SHA-256 handshake computes it).
public enum StoredPassword: Sendable, Equatable {
    case clear(String)
    /// The 32 hexadecimal digits after `md5` (lower case).
    case md5(String)
    /// `sha256|password`: Redshift chooses the salt.
    case sha256Clear(String)
    case sha256(digest: [UInt8], salt: [UInt8])

    /// The form of a stored password text.
    public init(_ text: String) {
        if text.count == 35, text.hasPrefix("md5"), text.dropFirst(3).allSatisfy(\.isHexDigit) {
            self = .md5(String(text.dropFirst(3)).lowercased())
            return
        }
        if text.hasPrefix("sha256|") {
            let rest = text.dropFirst(7)
            let parts = rest.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 2, let digest = Self.bytes(hex: parts[0]), digest.count == 32,
               let salt = Self.bytes(hex: parts[1]), !salt.isEmpty {
                self = .sha256(digest: digest, salt: salt)
            } else {
                self = .sha256Clear(String(rest))
            }
            return
        }
        self = .clear(text)
    }

    /// How to ask for this password; `randomSalt` salts a `sha256|password` (clear) form.
    public func challenge(randomSalt: [UInt8]) -> LoginChallenge {
        switch self {
        case .clear, .md5: return .md5
        case .sha256Clear: return .sha256(salt: randomSalt)
        case .sha256(_, let salt): return .sha256(salt: salt)
        }
    }

    /// True when `credential` proves this password for `user`.
    public func verifies(_ credential: LoginCredential, user: String) -> Bool {
        switch credential {
        case .cleartext(let password):
            switch self {
            case .clear(let stored), .sha256Clear(let stored): return password == stored
            case .md5(let hash): return Self.md5Hex(password + user) == hash
            case .sha256(let digest, let salt): return Hashes.sha256(Array(password.utf8) + salt) == digest
            }
        case .md5(let response, let salt):
            guard let inner = md5Inner(user: user) else { return false }
            return response == "md5" + Hashes.hex(Hashes.md5(Array(inner.utf8) + salt))
        case .sha256(let proof, let salt, let serverNonce, let clientNonce):
            let digest: [UInt8]
            switch self {
            case .sha256(let stored, let storedSalt):
                guard storedSalt == salt else { return false }
                digest = stored
            case .clear(let password), .sha256Clear(let password):
                digest = Hashes.sha256(Array(password.utf8) + salt)
            case .md5:
                return false
            }
            return Hashes.sha256(digest + serverNonce + clientNonce) == proof
        }
    }

    /// hex(md5(password + user)): what an MD5 answer is built on (nil for a SHA-256 digest).
    private func md5Inner(user: String) -> String? {
        switch self {
        case .clear(let password), .sha256Clear(let password): return Self.md5Hex(password + user)
        case .md5(let hash): return hash
        case .sha256: return nil
        }
    }

    private static func md5Hex(_ text: String) -> String { Hashes.hex(Hashes.md5(Array(text.utf8))) }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

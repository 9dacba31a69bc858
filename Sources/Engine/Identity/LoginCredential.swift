/// How a door must ask a client for its password at login.
///
/// Redshift asks for an MD5 answer for passwords set in clear text or as `md5…` (CREATE USER turns a
/// clear-text password into the MD5 form), and for a SHA-256 digest for the `sha256|…` forms
/// (redshift_connector's and the JDBC driver's `AUTH_REQ_DIGEST`).
public enum LoginChallenge: Sendable, Equatable {
    /// PostgreSQL's AuthenticationMD5Password: the answer is
    /// `"md5" + hex(md5(hex(md5(password + user)) + salt))`.
    case md5
    /// Redshift's extensible digest (authentication code 13, algorithm 0 = SHA-256) with the salt of
    /// the stored digest: the answer is `sha256(sha256(password + salt) + serverNonce + clientNonce)`.
    case sha256(salt: [UInt8])
}

/// What a client sent to prove its password.
public enum LoginCredential: Sendable, Equatable {
    /// The answer to an MD5 challenge with `salt`.
    case md5(response: String, salt: [UInt8])
    /// A password in clear text (a client may send it whatever was asked).
    case cleartext(String)
    /// The answer to a SHA-256 challenge (`LoginChallenge.sha256`).
    case sha256(proof: [UInt8], salt: [UInt8], serverNonce: [UInt8], clientNonce: [UInt8])

    /// A PasswordMessage's text: an MD5 answer (`md5` and 32 hexadecimal digits) when an MD5
    /// challenge was sent, else the password in clear text.
    public static func passwordMessage(_ text: String, md5Salt: [UInt8]?) -> LoginCredential {
        if let md5Salt, text.count == 35, text.hasPrefix("md5"),
           text.dropFirst(3).allSatisfy({ $0.isHexDigit && ($0.isNumber || $0.isLowercase) }) {
            return .md5(response: text, salt: md5Salt)
        }
        return .cleartext(text)
    }
}

import Foundation
import RedshiftSQL
import Testing
@testable import Engine

/// CREATE USER's password forms (Developer Guide › CREATE USER, PASSWORD) checked against what
/// clients send: MD5 answers (PostgreSQL protocol-flow.html), clear text, and the SHA-256 digest
/// handshake (redshift_connector's ExtensibleDigest: sha256(sha256(password + salt) + nonces)).
@Suite struct StoredPasswordTests {
    private func md5Answer(password: String, user: String, salt: [UInt8]) -> LoginCredential {
        let inner = Hashes.hex(Hashes.md5(Array((password + user).utf8)))
        return .md5(response: "md5" + Hashes.hex(Hashes.md5(Array(inner.utf8) + salt)), salt: salt)
    }

    private func digestAnswer(password: String, salt: [UInt8], serverNonce: [UInt8] = [1, 2],
                              clientNonce: [UInt8] = Array("1700000000000".utf8)) -> LoginCredential {
        let digest = Hashes.sha256(Array(password.utf8) + salt)
        return .sha256(proof: Hashes.sha256(digest + serverNonce + clientNonce), salt: salt,
                       serverNonce: serverNonce, clientNonce: clientNonce)
    }

    @Test func theDocumentedMD5Example() {
        // "for password ez and user user1 … md5153c434b4b77c89e6b94f12c5393af5b".
        let stored = StoredPassword("md5153c434b4b77c89e6b94f12c5393af5b")
        #expect(stored == .md5("153c434b4b77c89e6b94f12c5393af5b"))
        #expect(stored.challenge(randomSalt: []) == .md5)
        #expect(stored.verifies(md5Answer(password: "ez", user: "user1", salt: [1, 2, 3, 4]), user: "user1"))
        #expect(stored.verifies(.cleartext("ez"), user: "user1"))
        #expect(!stored.verifies(md5Answer(password: "ez", user: "user2", salt: [1, 2, 3, 4]), user: "user2"))
        #expect(!stored.verifies(.cleartext("EZ"), user: "user1"))
    }

    @Test func clearText() {
        let stored = StoredPassword("abcD1234")
        #expect(stored == .clear("abcD1234"))
        #expect(stored.verifies(md5Answer(password: "abcD1234", user: "dbuser", salt: [9, 9, 9, 9]), user: "dbuser"))
        #expect(!stored.verifies(md5Answer(password: "abcD1235", user: "dbuser", salt: [9, 9, 9, 9]), user: "dbuser"))
        // An MD5 answer made with another salt than the one sent does not pass.
        guard case .md5(let response, _) = md5Answer(password: "abcD1234", user: "dbuser", salt: [1, 1, 1, 1]) else { return }
        #expect(!stored.verifies(.md5(response: response, salt: [9, 9, 9, 9]), user: "dbuser"))
    }

    @Test func sha256WithRedshiftsSalt() {
        let stored = StoredPassword("sha256|Mypassword1")
        #expect(stored == .sha256Clear("Mypassword1"))
        let salt = [UInt8](repeating: 7, count: 32)
        #expect(stored.challenge(randomSalt: salt) == .sha256(salt: salt))
        #expect(stored.verifies(digestAnswer(password: "Mypassword1", salt: salt), user: "admin"))
        #expect(!stored.verifies(digestAnswer(password: "Mypassword2", salt: salt), user: "admin"))
        #expect(stored.verifies(.cleartext("Mypassword1"), user: "admin"))
    }

    @Test func sha256DigestAndSalt() {
        // The digest is SHA-256 of the password's bytes followed by the salt's (hex-decoded) bytes.
        let salt = (0..<32).map { UInt8($0) }
        let digest = Hashes.hex(Hashes.sha256(Array("Secret123".utf8) + salt))
        let stored = StoredPassword("sha256|\(digest)|\(Hashes.hex(salt))")
        guard case .sha256(_, let storedSalt) = stored else { Issue.record("not parsed: \(stored)"); return }
        #expect(storedSalt == salt)
        #expect(stored.challenge(randomSalt: [0]) == .sha256(salt: salt))
        #expect(stored.verifies(digestAnswer(password: "Secret123", salt: salt), user: "u"))
        #expect(!stored.verifies(digestAnswer(password: "Secret124", salt: salt), user: "u"))
        #expect(!stored.verifies(digestAnswer(password: "Secret123", salt: [1]), user: "u"))
        #expect(stored.verifies(.cleartext("Secret123"), user: "u"))
        // An MD5 answer cannot be checked against a SHA-256 digest.
        #expect(!stored.verifies(md5Answer(password: "Secret123", user: "u", salt: [1, 2, 3, 4]), user: "u"))
    }

    @Test func aPasswordMessageIsAnMD5AnswerOnlyWhenItLooksLikeOne() {
        let md5 = "md5" + String(repeating: "0f", count: 16)
        #expect(LoginCredential.passwordMessage(md5, md5Salt: [1]) == .md5(response: md5, salt: [1]))
        #expect(LoginCredential.passwordMessage(md5, md5Salt: nil) == .cleartext(md5))
        #expect(LoginCredential.passwordMessage("md5short", md5Salt: [1]) == .cleartext("md5short"))
    }
}

/// VALID UNTIL (Developer Guide › CREATE USER: the password is no longer valid after it).
@Suite struct PasswordValidityTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15

    @Test func datesAndTimestamps() {
        #expect(PasswordValidity.hasExpired("2017-06-10", now: now))
        #expect(PasswordValidity.hasExpired("2027-01-15 07:59:59", now: now))
        #expect(!PasswordValidity.hasExpired("2027-01-15 08:00:01", now: now))
        #expect(!PasswordValidity.hasExpired("2030-01-01", now: now))
    }

    @Test func noLimit() {
        #expect(!PasswordValidity.hasExpired(nil, now: now))
        #expect(!PasswordValidity.hasExpired("infinity", now: now))
    }
}

import Crypto
import Foundation

/// The client side of SCRAM-SHA-256 (RFC 5802 and 7677) as PostgreSQL uses it: no channel
/// binding (`n,,`), the user name left empty by default (PostgreSQL uses the startup packet's).
/// The password is used as given (no SASLprep: ASCII passwords are unaffected).
struct SCRAMSHA256 {
    let password: String
    let clientNonce: String
    var user = ""
    private(set) var clientFirstBare = ""
    private(set) var expectedServerSignature: [UInt8] = []

    init(password: String, clientNonce: String = SCRAMSHA256.randomNonce()) {
        self.password = password
        self.clientNonce = clientNonce
    }

    static func randomNonce() -> String {
        Data((0..<18).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }

    /// client-first-message.
    mutating func clientFirst() -> [UInt8] {
        clientFirstBare = "n=\(user),r=\(clientNonce)"
        return Array("n,,\(clientFirstBare)".utf8)
    }

    /// client-final-message for the server-first-message `serverFirst`.
    mutating func clientFinal(serverFirst: String) throws -> [UInt8] {
        var nonce = "", salt: [UInt8] = [], iterations = 0
        for attribute in serverFirst.split(separator: ",") {
            let value = String(attribute.dropFirst(2))
            switch attribute.prefix(2) {
            case "r=": nonce = value
            case "s=": salt = Data(base64Encoded: value).map(Array.init) ?? []
            case "i=": iterations = Int(value) ?? 0
            default: continue
            }
        }
        guard nonce.hasPrefix(clientNonce), nonce.count > clientNonce.count, !salt.isEmpty, iterations > 0 else {
            throw PGClientError.authentication("malformed SCRAM-SHA-256 server-first-message")
        }
        let salted = Self.hi(Array(password.utf8), salt: salt, iterations: iterations)
        let clientKey = Self.hmac(salted, Array("Client Key".utf8))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let withoutProof = "c=biws,r=\(nonce)"
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let clientSignature = Self.hmac(storedKey, authMessage)
        let proof = zip(clientKey, clientSignature).map { $0 ^ $1 }
        let serverKey = Self.hmac(salted, Array("Server Key".utf8))
        expectedServerSignature = Self.hmac(serverKey, authMessage)
        return Array("\(withoutProof),p=\(Data(proof).base64EncodedString())".utf8)
    }

    /// Checks the server-final-message's signature.
    func verify(serverFinal: String) throws {
        guard serverFinal.hasPrefix("v="), let signature = Data(base64Encoded: String(serverFinal.dropFirst(2))),
              Array(signature) == expectedServerSignature else {
            throw PGClientError.authentication("the server's SCRAM-SHA-256 signature does not match")
        }
    }

    static func hmac(_ key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// Hi(): PBKDF2 with HMAC-SHA-256, one block.
    static func hi(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = u
        for _ in 1..<iterations {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in result.indices { result[i] ^= u[i] }
        }
        return result
    }

    /// Redshift's SHA-256 digest answer (authentication code 13, algorithm 0), for passwords stored
    /// in its `sha256` form: SHA-256(SHA-256(password + salt) + server nonce + client nonce).
    static func redshiftDigest(password: String, salt: [UInt8], serverNonce: [UInt8], clientNonce: [UInt8]) -> [UInt8] {
        let stored = Array(SHA256.hash(data: Array(password.utf8) + salt))
        return Array(SHA256.hash(data: stored + serverNonce + clientNonce))
    }

    /// The MD5 answer: `md5` + md5hex(md5hex(password + user) + salt).
    static func md5Answer(user: String, password: String, salt: [UInt8]) -> String {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        let inner = hex(Array(Insecure.MD5.hash(data: Array((password + user).utf8))))
        return "md5" + hex(Array(Insecure.MD5.hash(data: Array(inner.utf8) + salt)))
    }
}

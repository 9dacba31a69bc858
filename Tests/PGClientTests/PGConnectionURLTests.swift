@testable import PGClient
import Testing

/// `replay --target postgresql://…`: the URL forms libpq reads (PostgreSQL docs › libpq ›
/// Connection Strings › Connection URIs).
@Suite struct PGConnectionURLTests {
    @Test func readsUserPasswordHostPortAndDatabase() throws {
        let url = try PGConnectionURL(parsing: "postgresql://awsuser:p%40ss@127.0.0.1:5440/dev")
        #expect(url == PGConnectionURL(host: "127.0.0.1", port: 5440, user: "awsuser", password: "p@ss", database: "dev"))
        #expect(url.description == "postgresql://awsuser@127.0.0.1:5440/dev")
    }

    @Test func defaultsToRedshiftsPortAndNoPassword() throws {
        let url = try PGConnectionURL(parsing: "postgres://bob@cluster.example.com/analytics?sslmode=prefer")
        #expect(url.port == 5439)
        #expect(url.password == nil)
        #expect(url.sslMode == "prefer")
    }

    @Test func readsSSLModeAndRootCertificate() throws {
        let url = try PGConnectionURL(parsing: "postgresql://u@h/dev?sslmode=verify-full&sslrootcert=/etc/redshift-ca.pem")
        #expect(url.sslMode == "verify-full" && url.sslRootCertificate == "/etc/redshift-ca.pem" && url.requestsTLS)
        #expect(try !PGConnectionURL(parsing: "postgresql://u@h/dev").requestsTLS)
        #expect(try !PGConnectionURL(parsing: "postgresql://u@h/dev?sslmode=allow").requestsTLS)
        #expect(try PGConnectionURL(parsing: "postgresql://u@h/dev?sslmode=require").requestsTLS)
    }

    @Test(arguments: [
        "http://a@h:1/db", "postgresql://h:5439/dev", "postgresql://u@h:5439/", "postgresql://u@:5439/dev",
        "postgresql://u@h:5439/dev?sslmode=bogus", "postgresql://u@h:5439/dev?sslrootcert=",
        "postgresql://u@h:5439/dev?application=x", "not a url",
    ])
    func refusesWhatItCannotUse(_ text: String) {
        #expect(throws: PGClientError.self) { try PGConnectionURL(parsing: text) }
    }
}

/// Authentication answers (PostgreSQL docs › Frontend/Backend Protocol › SASL Authentication;
/// RFC 7677's SCRAM-SHA-256 example).
@Suite struct PGAuthenticationTests {
    @Test func scramMatchesRFC7677() throws {
        var scram = SCRAMSHA256(password: "pencil", clientNonce: "rOprNGfwEbeRWgbNEkqO")
        scram.user = "user"
        #expect(String(decoding: scram.clientFirst(), as: UTF8.self) == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let final = try scram.clientFinal(
            serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
        #expect(String(decoding: final, as: UTF8.self)
            == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        try scram.verify(serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
        #expect(throws: PGClientError.self) { try scram.verify(serverFinal: "v=AAAA") }
    }

    @Test func scramRefusesANonceTheClientDidNotStart() {
        var scram = SCRAMSHA256(password: "pencil", clientNonce: "abc")
        _ = scram.clientFirst()
        #expect(throws: PGClientError.self) { try scram.clientFinal(serverFirst: "r=xyz123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096") }
    }

    @Test func md5AnswerIsMd5OfMd5PasswordUserAndSalt() {
        #expect(SCRAMSHA256.md5Answer(user: "awsuser", password: "secret", salt: [1, 2, 3, 4])
            == "md5de2cd5fde3c9899d51a3628760f87ae3")
    }

    /// redshift_connector's ExtensibleDigest: SHA256(SHA256(password + salt) + server nonce + client nonce).
    @Test func redshiftDigestHashesTwice() {
        let digest = SCRAMSHA256.redshiftDigest(password: "secret", salt: [1, 2], serverNonce: [3], clientNonce: Array("42".utf8))
        #expect(digest.map { String(format: "%02x", $0) }.joined()
            == "86120319a032b7160feda7e4013ad4b07b3b9ef3135924e5f9b8e73aa43eaa8a")
    }

    @Test func resultRowsComeFromTheTag() {
        var result = PGResult(tag: "INSERT 0 3")
        #expect(result.rows == 3)
        result.tag = "SELECT 2"
        #expect(result.rows == 2)
        result.tag = "BEGIN"
        result.rowsReceived = 0
        #expect(result.rows == 0)
    }
}

import Foundation
import HTTPTypes
import Testing
@testable import DataAPI
@testable import DataAPIModel
@testable import Engine

/// Vectors from the AWS Signature Version 4 test suite (credentials AKIDEXAMPLE, 2015-08-30,
/// us-east-1, service "service"); expected signatures are the suite's, not ours.
@Suite struct SigV4Tests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let scope = "20150830/us-east-1/service/aws4_request"

    struct Vector: CustomStringConvertible, Sendable {
        var name: String
        var method: String
        var query: String
        var headers: [String: String]
        var signedHeaders: [String]
        var signature: String
        var description: String { name }
    }

    static let vectors = [
        Vector(name: "get-vanilla", method: "GET", query: "", headers: [:], signedHeaders: ["host", "x-amz-date"],
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "post-vanilla", method: "POST", query: "", headers: [:], signedHeaders: ["host", "x-amz-date"],
               signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET", query: "Param2=value2&Param1=value1", headers: [:],
               signedHeaders: ["host", "x-amz-date"],
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "post-header-value-case", method: "POST", query: "", headers: ["My-Header1": "VALUE1"],
               signedHeaders: ["host", "my-header1", "x-amz-date"],
               signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(name: "get-header-value-trim", method: "GET", query: "",
               headers: ["My-Header1": " value1", "My-Header2": " \"a   b   c\""],
               signedHeaders: ["host", "my-header1", "my-header2", "x-amz-date"],
               signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
    ]

    @Test(arguments: vectors)
    func signatureMatchesTheTestSuite(_ vector: Vector) throws {
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Amz-Date")!] = "20150830T123600Z"
        for (name, value) in vector.headers { fields[HTTPField.Name(name)!] = value }
        let values = SigV4.headerValues(vector.signedHeaders, headers: fields, authority: "example.amazonaws.com")
        let signature = SigV4.signature(secret: Self.secret, method: vector.method, path: "/", query: vector.query,
                                        headers: values, signedHeaders: vector.signedHeaders, payload: Data(),
                                        amzDate: "20150830T123600Z", scope: Self.scope)
        #expect(signature == vector.signature)
    }

    @Test func verifierAcceptsAGoodSignatureAndRejectsABadOne() throws {
        let verifier = SignatureVerifier(credentials: ["AKIDEXAMPLE": Self.secret])
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Amz-Date")!] = "20150830T123600Z"
        fields[.authorization] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(Self.scope), SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        try verifier.verify(method: "POST", path: "/", query: "", authority: "example.amazonaws.com", headers: fields, body: Data())

        fields[.authorization] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(Self.scope), SignedHeaders=host;x-amz-date, Signature=00"
        #expect(throws: DataAPIError.self) {
            try verifier.verify(method: "POST", path: "/", query: "", authority: "example.amazonaws.com", headers: fields, body: Data())
        }
        fields[.authorization] = "AWS4-HMAC-SHA256 Credential=UNKNOWN/\(Self.scope), SignedHeaders=host;x-amz-date, Signature=00"
        do {
            try verifier.verify(method: "POST", path: "/", query: "", authority: "example.amazonaws.com", headers: fields, body: Data())
            Issue.record("an unknown access key must be refused")
        } catch let error as DataAPIError {
            #expect(error.code == .unrecognizedClient)
        }
    }

    @Test func callerIsTheAccessKeyOfTheAuthorizationHeader() {
        let caller = Caller(authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/redshift-data/aws4_request, SignedHeaders=host, Signature=x")
        #expect(caller.accessKeyId == "AKIDEXAMPLE")
        #expect(Caller(authorization: nil) == .anonymous)
    }
}

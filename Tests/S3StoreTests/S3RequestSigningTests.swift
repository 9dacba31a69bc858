import Foundation
import Testing
@testable import S3Store

/// SigV4 for S3, checked against the worked examples of the Amazon S3 API Reference page
/// "Examples: Signature Calculations" (sig-v4-header-based-auth): examplebucket, 20130524T000000Z.
@Suite struct S3RequestSigningTests {
    private let signer = S3RequestSigner(
        credentials: S3Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    private let date = Date(timeIntervalSince1970: 1_369_353_600)   // 2013-05-24T00:00:00Z

    @Test func getObjectWithARange() {
        let headers = signer.sign(method: "GET", path: "/test.txt", query: "",
                                  headers: ["host": "examplebucket.s3.amazonaws.com", "range": "bytes=0-9"],
                                  payloadHash: S3RequestSigner.emptyPayloadHash, date: date)
        #expect(headers["x-amz-date"] == "20130524T000000Z")
        #expect(headers["x-amz-content-sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(headers["authorization"] == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func listObjectsWithAQuery() {
        let headers = signer.sign(method: "GET", path: "/", query: "max-keys=2&prefix=J",
                                  headers: ["host": "examplebucket.s3.amazonaws.com"],
                                  payloadHash: S3RequestSigner.emptyPayloadHash, date: date)
        #expect(headers["authorization"]?.hasSuffix(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    @Test func aSessionTokenIsSentAndSigned() {
        let temporary = S3RequestSigner(credentials: S3Credentials(accessKeyId: "ASIA", secretAccessKey: "s", sessionToken: "tok"),
                                        region: "eu-west-1")
        let headers = temporary.sign(method: "GET", path: "/b/k", query: "", headers: ["host": "h"],
                                     payloadHash: S3RequestSigner.emptyPayloadHash, date: date)
        #expect(headers["x-amz-security-token"] == "tok")
        #expect(headers["authorization"]?.contains("/20130524/eu-west-1/s3/aws4_request") == true)
        #expect(headers["authorization"]?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token") == true)
    }

    @Test func requestsArePathStyleWithTheKeyEncodedOnce() throws {
        let endpoint = try S3Endpoint(url: "http://127.0.0.1:5000/", region: "us-east-1", credentials: nil)
        let request = S3Request(method: .GET, bucket: "data", key: "dir/a b+c=é.csv").prepared(for: endpoint, date: date)
        #expect(request.url == "http://127.0.0.1:5000/data/dir/a%20b%2Bc%3D%C3%A9.csv")
        #expect(request.headers["host"] == ["127.0.0.1:5000"])
        #expect(request.headers["authorization"].isEmpty)   // no credentials: anonymous
        let list = S3Request(method: .GET, bucket: "data", key: nil,
                             query: [("prefix", "a/b c"), ("list-type", "2"), ("continuation-token", "x+y/z==")])
            .prepared(for: endpoint, date: date)
        #expect(list.url == "http://127.0.0.1:5000/data?continuation-token=x%2By%2Fz%3D%3D&list-type=2&prefix=a%2Fb%20c")
    }

    @Test func theHostHeaderDropsADefaultPortAndKeepsAPathPrefix() throws {
        let secure = try S3Endpoint(url: "https://s3.example.com:443/proxy/s3", region: "us-east-1", credentials: nil)
        #expect(secure.hostHeader == "s3.example.com")
        #expect(S3Request(method: .HEAD, bucket: "b", key: "k").prepared(for: secure).url == "https://s3.example.com/proxy/s3/b/k")
        #expect(secure.path(bucket: "b", key: "k") == "/proxy/s3/b/k")
        #expect(throws: (any Error).self) { try S3Endpoint(url: "s3.example.com", region: "us-east-1", credentials: nil) }
    }

    @Test func credentialsComeFromTheStandardVariables() {
        #expect(S3Credentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "secret"])
                == S3Credentials(accessKeyId: "id", secretAccessKey: "secret"))
        #expect(S3Credentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "t"])?
                .sessionToken == "t")
        #expect(S3Credentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "id"]) == nil)
    }
}

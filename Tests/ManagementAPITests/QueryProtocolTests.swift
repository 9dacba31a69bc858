import Foundation
import Testing
@testable import ManagementAPI

/// The AWS Query protocol's request form and XML answers.
@Suite struct QueryProtocolTests {
    @Test func formFieldsArePercentDecodedWithPlusAsSpace() {
        let fields = QueryProtocol.parseForm("Action=GetClusterCredentials&DbUser=al%3Aice&Note=a+b&Empty=&=x")
        #expect(fields["Action"] == "GetClusterCredentials")
        #expect(fields["DbUser"] == "al:ice")
        #expect(fields["Note"] == "a b")
        #expect(fields["Empty"] == "")
        #expect(fields.count == 4)
    }

    @Test func listsAreReadInOrderUntilTheFirstGap() {
        let fields = ["DbGroups.DbGroup.2": "b", "DbGroups.DbGroup.1": "a", "DbGroups.DbGroup.4": "d"]
        #expect(QueryProtocol.list(fields, "DbGroups", member: "DbGroup") == ["a", "b"])
        #expect(QueryProtocol.list([:], "DbGroups", member: "DbGroup") == [])
    }

    @Test func answersAreWrappedInResponseAndResultInTheServiceNamespace() {
        let xml = QueryProtocol.response(action: "GetClusterCredentials", requestId: "r-1",
                                         result: .group([.leaf("DbUser", "IAM:a<b&c>"), .optional("Missing", nil)]))
        #expect(xml.contains(#"<GetClusterCredentialsResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">"#))
        #expect(xml.contains("<GetClusterCredentialsResult><DbUser>IAM:a&lt;b&amp;c&gt;</DbUser></GetClusterCredentialsResult>"))
        #expect(xml.contains("<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"))
        #expect(!xml.contains("Missing"))
    }

    @Test func errorsCarryTypeCodeMessageAndRequestId() {
        let body = QueryError.clusterNotFound("x").body(requestId: "r-2")
        #expect(body.contains("<Error><Type>Sender</Type><Code>ClusterNotFound</Code><Message>Cluster x not found.</Message></Error><RequestId>r-2</RequestId>"))
        #expect(QueryError.clusterNotFound("x").httpStatus == 404)
    }

    @Test func timestampsAreISO8601InUTCWithMilliseconds() {
        #expect(QueryProtocol.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func theCallerComesFromTheCredentialScope() {
        let caller = ManagementCaller(authorization:
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261206/eu-west-1/redshift/aws4_request, SignedHeaders=host, Signature=abc")
        #expect(caller == ManagementCaller(accessKeyId: "AKIDEXAMPLE", region: "eu-west-1"))
        #expect(caller.iamDatabaseUser == "IAM:AKIDEXAMPLE")
        #expect(ManagementCaller(authorization: nil) == ManagementCaller(accessKeyId: "anonymous", region: "us-east-1"))
    }

    @Test func namesFollowTheDocumentedConstraints() {
        #expect(ManagementAdapter.isValidName("alice"))
        #expect(ManagementAdapter.isValidName("a.b+c@d-e_f9"))
        #expect(!ManagementAdapter.isValidName("9alice"))
        #expect(!ManagementAdapter.isValidName("IAM:alice"))
        #expect(!ManagementAdapter.isValidName("a/b"))
        #expect(!ManagementAdapter.isValidName(""))
        #expect(!ManagementAdapter.isValidName(String(repeating: "a", count: 65)))
    }

    @Test func durationsAre900To3600DefaultingTo900() {
        #expect(ManagementAdapter.duration(nil) == 900)
        #expect(ManagementAdapter.duration(3600) == 3600)
        #expect(ManagementAdapter.duration(899) == nil)
        #expect(ManagementAdapter.duration(3601) == nil)
    }
}

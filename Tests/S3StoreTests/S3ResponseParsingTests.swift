import Foundation
import NIOHTTP1
import ObjectStore
import Testing
@testable import S3Store

/// ListObjectsV2 pages and S3's error bodies (Amazon S3 API Reference: ListObjectsV2, Error responses).
@Suite struct S3ResponseParsingTests {
    @Test func aTruncatedListPageCarriesItsContinuationToken() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>data</Name><Prefix>in/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
              <IsTruncated>true</IsTruncated>
              <Contents><Key>in/a&amp;b.csv</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>"fba9dede5f27731c9771645a39863328"</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
              <Contents><Key>in/c.csv</Key><LastModified>2009-10-12T17:50:31Z</LastModified><Size>0</Size></Contents>
              <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
            </ListBucketResult>
            """
        let page = try #require(ListObjectsPage(xml: Data(xml.utf8), bucket: "data"))
        #expect(page.objects.map(\.location.key) == ["in/a&b.csv", "in/c.csv"])
        #expect(page.objects.map(\.size) == [434234, 0])
        #expect(page.objects[0].lastModified == Date(timeIntervalSince1970: 1_255_369_830))
        #expect(page.continuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    }

    @Test func theLastPageHasNoToken() throws {
        let xml = "<ListBucketResult><IsTruncated>false</IsTruncated><KeyCount>0</KeyCount></ListBucketResult>"
        let page = try #require(ListObjectsPage(xml: Data(xml.utf8), bucket: "data"))
        #expect(page.objects.isEmpty)
        #expect(page.continuationToken == nil)
        #expect(ListObjectsPage(xml: Data("<Error><Code>NoSuchBucket</Code></Error>".utf8), bucket: "data") == nil)
        #expect(ListObjectsPage(xml: Data("not xml".utf8), bucket: "data") == nil)
    }

    private func error(_ status: HTTPResponseStatus, _ body: String, missingIsKey: Bool = true) -> ObjectStoreError {
        S3Errors.fromResponse(status: status, body: Data(body.utf8), subject: "s3://data/k", missingIsKey: missingIsKey)
    }

    @Test func errorBodiesBecomeStoreErrors() {
        let noBucket = error(.notFound, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>data</BucketName></Error>")
        #expect(noBucket.kind == .noSuchBucket)
        #expect(error(.notFound, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>").kind == .noSuchKey)
        let denied = error(.forbidden, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>")
        #expect(denied.kind == .accessDenied)
        #expect(denied.message.contains("SignatureDoesNotMatch"))
        #expect(denied.message.contains("s3://data/k"))
        #expect(error(.forbidden, "").kind == .accessDenied)   // HEAD: no body
        #expect(error(.notFound, "").kind == .noSuchKey)
        #expect(error(.notFound, "", missingIsKey: false).kind == .noSuchBucket)
        let failed = error(.internalServerError, "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")
        #expect(failed.kind == .other)
        #expect(failed.message.contains("500"))
        #expect(failed.message.contains("InternalError"))
    }

    @Test func xmlTextIsEscaped() {
        #expect(XMLTree.escape(#"a<b>&"c'"#) == "a&lt;b&gt;&amp;&quot;c&apos;")
    }
}

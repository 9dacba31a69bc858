import Testing
@testable import ObjectStore

@Suite struct S3LocationTests {
    @Test func parsesBucketAndKey() {
        #expect(S3Location(url: "s3://bucket/a/b.csv") == S3Location(bucket: "bucket", key: "a/b.csv"))
        #expect(S3Location(url: "S3://bucket/prefix") == S3Location(bucket: "bucket", key: "prefix"))
        #expect(S3Location(url: "s3://bucket") == S3Location(bucket: "bucket", key: ""))
        #expect(S3Location(url: "s3:///key") == nil)
        #expect(S3Location(url: "https://bucket/key") == nil)
    }

    @Test func ordersKeysByTheirUTF8Bytes() {
        let keys = ["b", "a/2", "a/10", "B", "é"].map { S3Location(bucket: "x", key: $0) }
        #expect(keys.sorted().map(\.key) == ["B", "a/10", "a/2", "b", "é"])
    }

    @Test func memoryStoreListsByPrefixInKeyOrder() throws {
        let store = MemoryObjectStore(buckets: ["x"])
        store.put(S3Location(bucket: "x", key: "p/2"), [2])
        store.put(S3Location(bucket: "x", key: "p/1"), [1, 1])
        store.put(S3Location(bucket: "x", key: "q"), [])
        #expect(try store.list(bucket: "x", prefix: "p/").map(\.size) == [2, 1])
        #expect(throws: ObjectStoreError.self) { try store.list(bucket: "y", prefix: "") }
    }
}

import Foundation
import Testing
@testable import ObjectStore

/// `LocalObjectStore`: `s3://bucket/key` is the file `root/bucket/key` (issue 14, "where s3:// lives").
@Suite struct LocalObjectStoreTests {
    private func kind(_ body: () throws -> Void) -> ObjectStoreError.Kind? {
        do { try body() } catch let error as ObjectStoreError { return error.kind } catch { return nil }
        return nil
    }

    private func at(_ key: String, _ bucket: String = "data") -> S3Location { S3Location(bucket: bucket, key: key) }

    @Test func listsEveryFileOfABucketRecursivelyInS3KeyOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for key in ["b.csv", "a/2.csv", "a/10.csv", "a/sub/x", "B", "é", "a-b"] { try dir.put("data/\(key)", key) }
        try dir.mkdir("data/empty/folder")
        let store = try LocalObjectStore(root: dir.path)
        let keys = try store.list(bucket: "data", prefix: "").map(\.location.key)
        // S3 lists keys in UTF-8 binary order (ListObjectsV2); directories are not objects.
        #expect(keys == ["B", "a-b", "a/10.csv", "a/2.csv", "a/sub/x", "b.csv", "é"])
        #expect(try store.list(bucket: "data", prefix: "a/").map(\.location.key) == ["a/10.csv", "a/2.csv", "a/sub/x"])
        #expect(try store.list(bucket: "data", prefix: "a").map(\.location.key) == ["a-b", "a/10.csv", "a/2.csv", "a/sub/x"])
        #expect(try store.list(bucket: "data", prefix: "a/1").map(\.location.key) == ["a/10.csv"])
        #expect(try store.list(bucket: "data", prefix: "a/sub/").map(\.size) == [7])
        #expect(try store.list(bucket: "data", prefix: "nothing/here").isEmpty)
        #expect(try store.list(bucket: "data", prefix: "b.csv/").isEmpty)
    }

    @Test func unknownBucketAndMissingKeyAreTheirOwnErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.mkdir("data")
        try dir.put("file-not-bucket", "x")
        let store = try LocalObjectStore(root: dir.path)
        #expect(kind { _ = try store.list(bucket: "nope", prefix: "") } == .noSuchBucket)
        #expect(kind { _ = try store.list(bucket: "file-not-bucket", prefix: "") } == .noSuchBucket)
        #expect(kind { _ = try store.head(self.at("k", "nope")) } == .noSuchBucket)
        #expect(kind { _ = try store.writer(for: self.at("k", "nope")) } == .noSuchBucket)
        #expect(kind { _ = try store.reader(for: self.at("missing")) } == .noSuchKey)
        #expect(kind { _ = try store.read(self.at("missing"), offset: 0, length: 1) } == .noSuchKey)
        #expect(try store.head(at("missing")) == nil)
    }

    @Test func headReportsSizeAndTime() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("data/dir/k.txt", "hello")
        let store = try LocalObjectStore(root: dir.path)
        let info = try #require(try store.head(at("dir/k.txt")))
        #expect(info.size == 5)
        #expect(info.location == at("dir/k.txt"))
        #expect(info.lastModified != nil)
        #expect(try store.head(at("dir")) == nil)   // a directory is not an object
    }

    @Test func readsSequentiallyAndAtAnOffset() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("data/k", "0123456789")
        let store = try LocalObjectStore(root: dir.path)
        let reader = try store.reader(for: at("k"))
        #expect(try reader.read(maxLength: 4) == Array("0123".utf8))
        #expect(try reader.read(maxLength: 100) == Array("456789".utf8))
        #expect(try reader.read(maxLength: 100) == [])
        #expect(try store.read(at("k"), offset: 7, length: 2) == Array("78".utf8))
        #expect(try store.read(at("k"), offset: 8, length: 10) == Array("89".utf8))
        #expect(try store.read(at("k"), offset: 20, length: 10) == [])
    }

    @Test func writerPublishesTheObjectOnlyAtFinish() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.mkdir("data")
        let store = try LocalObjectStore(root: dir.path)
        let writer = try store.writer(for: at("out/part/0000_part_00"))
        try writer.write(Array("a|b\n".utf8))
        try writer.write(Array("c|d\n".utf8))
        #expect(try store.list(bucket: "data", prefix: "").isEmpty)   // the temporary file is not listed
        #expect(try store.head(at("out/part/0000_part_00")) == nil)
        let info = try writer.finish()
        #expect(info.size == 8)
        #expect(dir.contents("data/out/part/0000_part_00") == "a|b\nc|d\n")
        #expect(try store.list(bucket: "data", prefix: "out/").map(\.location.key) == ["out/part/0000_part_00"])
        #expect(dir.names("data") == ["out"])   // no temporary file left behind
    }

    @Test func writerReplacesAnExistingObject() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("data/k", "old contents")
        let store = try LocalObjectStore(root: dir.path)
        let writer = try store.writer(for: at("k"))
        try writer.write(Array("new".utf8))
        #expect(dir.contents("data/k") == "old contents")
        try writer.finish()
        #expect(dir.contents("data/k") == "new")
    }

    @Test func abortAndAnUnfinishedWriterLeaveNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.mkdir("data")
        let store = try LocalObjectStore(root: dir.path)
        let writer = try store.writer(for: at("a/k"))
        try writer.write([1, 2, 3])
        #expect(dir.names("data").count == 1)   // the temporary file
        writer.abort()
        #expect(dir.names("data").isEmpty)
        #expect(kind { try writer.write([4]) } == .other)
        do {
            let dropped = try store.writer(for: at("b/k"))
            try dropped.write([1])
        }
        #expect(dir.names("data").isEmpty)
        #expect(try store.head(at("b/k")) == nil)
    }

    @Test func aKeyUnderAnObjectCannotBeStored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("data/a", "object")
        let store = try LocalObjectStore(root: dir.path)
        let writer = try store.writer(for: at("a/b"))
        try writer.write([1])
        #expect(kind { try writer.finish() } == .other)
        #expect(dir.names("data") == ["a"])
        #expect(dir.contents("data/a") == "object")
    }

    @Test func deleteRemovesObjectsAndIgnoresMissingOnes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("data/a/1", "1")
        try dir.put("data/a/2", "2")
        let store = try LocalObjectStore(root: dir.path)
        try store.delete([at("a/1"), at("a/missing")])
        #expect(try store.list(bucket: "data", prefix: "").map(\.location.key) == ["a/2"])
    }

    @Test func dotDotAbsoluteAndOddKeysAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("outside.txt", "secret")
        try dir.mkdir("root/data")
        let store = try LocalObjectStore(root: dir.path + "/root")
        for key in ["../../outside.txt", "a/../../../outside.txt", "/etc/passwd", "a//b", "./k", "a/.", "dir/", "a\0b"] {
            #expect(kind { _ = try store.reader(for: self.at(key)) } == .invalidKey, "reader \(key)")
            #expect(kind { _ = try store.head(self.at(key)) } == .invalidKey, "head \(key)")
            #expect(kind { _ = try store.writer(for: self.at(key)) } == .invalidKey, "writer \(key)")
            #expect(kind { try store.delete([self.at(key)]) } == .invalidKey, "delete \(key)")
        }
        #expect(kind { _ = try store.list(bucket: "data", prefix: "../") } == .invalidKey)
        #expect(kind { _ = try store.list(bucket: "data", prefix: "../../out") } == .invalidKey)
        #expect(kind { _ = try store.list(bucket: "data", prefix: "/etc/") } == .invalidKey)
        #expect(kind { _ = try store.list(bucket: "..", prefix: "") } == .invalidKey)
        #expect(kind { _ = try store.head(self.at("outside.txt", "..")) } == .invalidKey)
        #expect(dir.contents("outside.txt") == "secret")
    }

    @Test func symlinksLeadingOutOfTheRootAreRefusedNeverFollowed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("outside/secret.txt", "secret")
        try dir.mkdir("root/data")
        try dir.symlink("root/data/out", to: dir.path + "/outside")              // a folder link
        try dir.symlink("root/data/file", to: dir.path + "/outside/secret.txt")  // a file link
        try dir.symlink("root/data/dangling", to: dir.path + "/outside/nowhere")
        try dir.symlink("root/linked-bucket", to: dir.path + "/outside")         // a bucket link
        let store = try LocalObjectStore(root: dir.path + "/root")
        #expect(kind { _ = try store.reader(for: self.at("out/secret.txt")) } == .invalidKey)
        #expect(kind { _ = try store.read(self.at("file"), offset: 0, length: 6) } == .invalidKey)
        #expect(kind { _ = try store.head(self.at("out/secret.txt")) } == .invalidKey)
        #expect(kind { _ = try store.writer(for: self.at("out/new.txt")) } == .invalidKey)
        #expect(kind { _ = try store.writer(for: self.at("out/deeper/new.txt")) } == .invalidKey)
        #expect(kind { _ = try store.writer(for: self.at("dangling/new.txt")) } == .invalidKey)
        #expect(kind { try store.delete([self.at("out/secret.txt")]) } == .invalidKey)
        #expect(kind { _ = try store.list(bucket: "data", prefix: "") } == .invalidKey)
        #expect(kind { _ = try store.list(bucket: "data", prefix: "out/") } == .invalidKey)
        #expect(kind { _ = try store.list(bucket: "linked-bucket", prefix: "") } == .invalidKey)
        #expect(kind { _ = try store.reader(for: self.at("secret.txt", "linked-bucket")) } == .invalidKey)
        #expect(dir.names("outside") == ["secret.txt"])
        #expect(dir.contents("outside/secret.txt") == "secret")
    }

    @Test func symlinksInsideTheRootAreFollowed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.put("root/shared/2024/a.csv", "1,2\n")
        try dir.mkdir("root/data")
        try dir.symlink("root/data/in", to: dir.path + "/root/shared/2024")
        try dir.symlink("root/data/loop", to: dir.path + "/root/data")
        let store = try LocalObjectStore(root: dir.path + "/root")
        #expect(try store.read(at("in/a.csv"), offset: 0, length: 10) == Array("1,2\n".utf8))
        #expect(try store.list(bucket: "data", prefix: "in/").map(\.location.key) == ["in/a.csv"])
        #expect(try store.list(bucket: "data", prefix: "").map(\.location.key) == ["in/a.csv"])
    }

    @Test func summaryNamesTheRoot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalObjectStore(root: dir.path + "/new/root")
        #expect(store.summary.contains(dir.path + "/new/root"))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/new/root"))
    }
}

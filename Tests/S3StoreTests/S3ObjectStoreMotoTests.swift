import Foundation
import ObjectStore
import Testing
@testable import S3Store

/// `S3ObjectStore` against a real S3 API: moto's server, started by each test.
@Suite struct S3ObjectStoreMotoTests {
    private func kind(_ body: () throws -> Void) -> ObjectStoreError.Kind? {
        do { try body() } catch let error as ObjectStoreError { return error.kind } catch { return nil }
        return nil
    }

    @Test func writeListHeadReadAndDelete() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }   // now: the closure below may outlive this test by a moment
        try await onDispatchThread {
            let store = try moto.store(listPageSize: 2)   // three pages for five keys: continuation tokens
            try moto.createBucket("data", on: store)
            let keys = ["in/b.csv", "in/a.csv", "in/sub dir/c+d.csv", "in/é.csv", "out/x"]
            for key in keys {
                let writer = try store.writer(for: S3Location(bucket: "data", key: key))
                try writer.write(Array("\(key)|1\n".utf8))
                try writer.write(Array("row|2\n".utf8))
                #expect(try store.head(S3Location(bucket: "data", key: key)) == nil)   // not before finish
                let info = try writer.finish()
                #expect(info.size == Int64(key.utf8.count + 9))
            }
            #expect(try store.list(bucket: "data", prefix: "in/").map(\.location.key)
                    == ["in/a.csv", "in/b.csv", "in/sub dir/c+d.csv", "in/é.csv"])
            #expect(try store.list(bucket: "data", prefix: "").count == 5)
            #expect(try store.list(bucket: "data", prefix: "none/").isEmpty)

            let location = S3Location(bucket: "data", key: "in/sub dir/c+d.csv")
            let head = try #require(try store.head(location))
            #expect(head.size == 27)
            #expect(head.lastModified != nil)

            let reader = try store.reader(for: location)
            var bytes: [UInt8] = []
            while case let chunk = try reader.read(maxLength: 5), !chunk.isEmpty { bytes += chunk }
            #expect(String(decoding: bytes, as: UTF8.self) == "in/sub dir/c+d.csv|1\nrow|2\n")
            #expect(try store.read(location, offset: 21, length: 3) == Array("row".utf8))
            #expect(try store.read(location, offset: 25, length: 100) == Array("2\n".utf8))
            #expect(try store.read(location, offset: 27, length: 10) == [])

            try store.delete([S3Location(bucket: "data", key: "in/a.csv"), location,
                              S3Location(bucket: "data", key: "in/missing")])
            #expect(try store.list(bucket: "data", prefix: "in/").map(\.location.key) == ["in/b.csv", "in/é.csv"])
        }
    }

    @Test func largeObjectsStreamAndUploadInParts() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }   // now: the closure below may outlive this test by a moment
        try await onDispatchThread {
            let store = try moto.store(partSize: 5 * 1024 * 1024)
            try moto.createBucket("big", on: store)
            let location = S3Location(bucket: "big", key: "unload/0000_part_00")
            let block = (0..<1024 * 1024).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let writer = try store.writer(for: location)
            for round in 0..<11 { try writer.write(block.map { $0 &+ UInt8(round) }) }   // 11 MiB: 3 parts
            let info = try writer.finish()
            #expect(info.size == 11 * 1024 * 1024)
            #expect(try store.head(location)?.size == 11 * 1024 * 1024)

            let reader = try store.reader(for: location)
            var total = 0
            var matches = true
            while case let chunk = try reader.read(maxLength: 300_000), !chunk.isEmpty {
                for (index, byte) in chunk.enumerated() {
                    let position = total + index
                    let expected = block[position % block.count] &+ UInt8(position / block.count)
                    if byte != expected { matches = false }
                }
                total += chunk.count
            }
            #expect(total == 11 * 1024 * 1024)
            #expect(matches)
            let offset = 7 * 1024 * 1024 + 5
            #expect(try store.read(location, offset: Int64(offset), length: 4)
                    == (0..<4).map { block[(offset + $0) % block.count] &+ 7 })
        }
    }

    @Test func missingBucketsAndKeysAndADeadEndpoint() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }   // now: the closure below may outlive this test by a moment
        try await onDispatchThread {
            let store = try moto.store()
            try moto.createBucket("data", on: store)
            #expect(kind { _ = try store.list(bucket: "nope", prefix: "") } == .noSuchBucket)
            #expect(kind { _ = try store.head(S3Location(bucket: "nope", key: "k")) } == .noSuchBucket)
            #expect(kind { _ = try store.writer(for: S3Location(bucket: "nope", key: "k")) } == .noSuchBucket)
            #expect(kind { _ = try store.reader(for: S3Location(bucket: "nope", key: "k")) } == .noSuchBucket)
            #expect(kind { _ = try store.reader(for: S3Location(bucket: "data", key: "missing")) } == .noSuchKey)
            #expect(kind { _ = try store.read(S3Location(bucket: "data", key: "missing"), offset: 0, length: 1) } == .noSuchKey)
            #expect(try store.head(S3Location(bucket: "data", key: "missing")) == nil)
            let writer = try store.writer(for: S3Location(bucket: "data", key: "dropped"))
            try writer.write([1, 2, 3])
            writer.abort()
            #expect(try store.list(bucket: "data", prefix: "").isEmpty)

            let dead = S3ObjectStore(endpoint: try S3Endpoint(url: "http://127.0.0.1:\(moto.port)", region: "us-east-1",
                                                              credentials: nil))
            moto.stop()
            do {
                _ = try dead.list(bucket: "data", prefix: "")
                Issue.record("expected .unreachable")
            } catch let error as ObjectStoreError {
                #expect(error.kind == .unreachable)
                #expect(error.message.contains("connection refused"), "\(error.message)")
                #expect(error.message.contains("Cannot reach the S3 endpoint http://127.0.0.1:\(moto.port)"))
            }
        }
    }
}

import BulkFormats
import Foundation
import Logging
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// An object store that remembers which prefixes were listed and which objects were opened.
final class RecordingStore: ObjectStore, @unchecked Sendable {
    let inner = MemoryObjectStore(buckets: ["bucket"])
    private let lock = NSLock()
    private var listedPrefixes: [String] = []
    private var openedKeys: [String] = []

    var listed: [String] { lock.withLock { listedPrefixes } }
    var opened: [String] { lock.withLock { openedKeys } }
    func reset() { lock.withLock { listedPrefixes = []; openedKeys = [] } }

    func put(_ key: String, _ text: String) { inner.put(S3Location(bucket: "bucket", key: key), Array(text.utf8)) }

    func list(bucket: String, prefix: String) throws -> [ObjectInfo] {
        lock.withLock { listedPrefixes.append(prefix) }
        return try inner.list(bucket: bucket, prefix: prefix)
    }
    func head(_ location: S3Location) throws -> ObjectInfo? { try inner.head(location) }
    func reader(for location: S3Location) throws -> any ByteReader {
        lock.withLock { openedKeys.append(location.key) }
        return try inner.reader(for: location)
    }
    func read(_ location: S3Location, offset: Int64, length: Int) throws -> [UInt8] {
        lock.withLock { openedKeys.append(location.key) }
        return try inner.read(location, offset: offset, length: length)
    }
    func writer(for location: S3Location) throws -> any ObjectWriter { try inner.writer(for: location) }
    func delete(_ locations: [S3Location]) throws { try inner.delete(locations) }
    var summary: String { "recording" }
}

/// External tables read through the engine from an in-memory store: partitions pruned before any
/// file is listed or opened, the file formats, and the data catalog shared by a cluster's databases.
///
/// - Redshift: c-spectrum-external-tables (partitioning, pseudocolumns), r_CREATE_EXTERNAL_TABLE,
///   c-spectrum-external-schemas.
@Suite struct SpectrumScanTests {
    private let store = RecordingStore()
    private let engine: RedshiftEngine
    private let target = Target(kind: .cluster, name: "spectrum-test")
    private static let role = "iam_role 'arn:aws:iam::123456789012:role/mySpectrumRole'"

    init() throws {
        var configuration = EngineConfiguration()
        configuration.objectStore = store
        engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    @discardableResult
    private func run(_ sql: String, database: String = "dev") async throws -> StatementSnapshot {
        let session = try engine.openSession(target: target, database: database, user: "awsuser", caller: .anonymous).id
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: session, database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    private func rows(_ sql: String, database: String = "dev") async throws -> [[SQLiteValue]] {
        let snapshot = try await run(sql, database: database)
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
        return try engine.result(snapshot.id).1?.rows(offset: 0, limit: 10_000) ?? []
    }

    private func partitionedTable() async throws {
        store.put("t/year=2019/a.txt", "1|x\n2|y\n")
        store.put("t/year=2020/a.txt", "3|z\n")
        store.put("t/year=2021/a.txt", "not a number|broken\n")
        #expect(try await run("create external schema s from data catalog database 'db' \(Self.role) create external database if not exists").status == .finished)
        #expect(try await run("create external table s.t (id int, name varchar(5)) partitioned by (year int) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/t/'").status == .finished)
        for year in 2019...2021 {
            #expect(try await run("alter table s.t add partition (year=\(year)) location 's3://bucket/t/year=\(year)/'").status == .finished)
        }
    }

    @Test func prunedPartitionsAreNeverListedOrOpened() async throws {
        try await partitionedTable()
        store.reset()
        #expect(try await rows("select id, name, year from s.t where year = 2020") == [[.integer(3), .text("z"), .integer(2020)]])
        #expect(store.listed == ["t/year=2020/"])
        #expect(store.opened == ["t/year=2020/a.txt"])
        store.reset()
        #expect(try await rows("select count(*) from s.t where year in (2019, 2020) and id > 0") == [[.integer(3)]])
        #expect(store.opened.sorted() == ["t/year=2019/a.txt", "t/year=2020/a.txt"])
        // Reading the broken partition fails the query with a Spectrum scan error.
        let failed = try await run("select count(*) from s.t")
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("Spectrum Scan Error") == true)
        #expect(try await rows("select count(*) from s.t where year < 2021") == [[.integer(3)]])
    }

    @Test func pseudocolumnsAndHiddenFiles() async throws {
        store.put("p/a.csv", "1,one\n")
        store.put("p/_SUCCESS", "")
        store.put("p/.hidden", "junk")
        #expect(try await run("create external schema s from data catalog database 'db' \(Self.role) create external database if not exists").status == .finished)
        #expect(try await run("create external table s.p (id int, name varchar(5)) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/p'").status == .finished)
        #expect(try await rows("select id, \"$path\", \"$size\" from s.p") == [[.integer(1), .text("s3://bucket/p/a.csv"), .integer(6)]])
    }

    @Test func parquetColumnsByName() async throws {
        try store.writeParquet(at: S3Location(bucket: "bucket", key: "pq/0.parquet"),
                               columns: [ParquetWriterColumn(name: "Name", type: .string), ParquetWriterColumn(name: "id", type: .bigint)],
                               rows: [[.string("a"), .int(1)], [.null, .int(2)]])
        #expect(try await run("create external schema s from data catalog database 'db' \(Self.role) create external database if not exists").status == .finished)
        #expect(try await run("create external table s.pq (id bigint, name varchar(5), missing int) stored as parquet location 's3://bucket/pq/'").status == .finished)
        #expect(try await rows("select id, name, missing from s.pq order by id") == [[.integer(1), .text("a"), .null], [.integer(2), .null, .null]])
    }

    @Test func theCatalogIsSharedByTheClustersDatabases() async throws {
        try await partitionedTable()
        #expect(try await run("create external schema other from data catalog database 'db' \(Self.role)", database: "analytics").status == .finished)
        #expect(try await rows("select count(*) from other.t where year = 2019", database: "analytics") == [[.integer(2)]])
        // Each database lists its own schemas.
        #expect(try await rows("select schemaname from svv_external_schemas", database: "analytics") == [[.text("other")]])
        #expect(try await rows("select schemaname, tablename, values from svv_external_partitions order by 3") == [
            [.text("s"), .text("t"), .text("[\"2019\"]")], [.text("s"), .text("t"), .text("[\"2020\"]")], [.text("s"), .text("t"), .text("[\"2021\"]")]])
    }
}

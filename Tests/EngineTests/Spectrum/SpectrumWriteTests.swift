import Foundation
import Logging
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// CREATE EXTERNAL TABLE AS and INSERT INTO an external table through the engine, over an
/// in-memory store: the files written and their names, the partitions and numRows registered,
/// and a failed write that leaves nothing behind.
///
/// - Redshift: r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS, r_INSERT_external_table.
@Suite struct SpectrumWriteTests {
    private let store = MemoryObjectStore(buckets: ["bucket"])
    private let engine: RedshiftEngine
    private let target = Target(kind: .cluster, name: "spectrum-write-test")
    private static let role = "iam_role 'arn:aws:iam::123456789012:role/mySpectrumRole'"

    init() throws {
        var configuration = EngineConfiguration()
        configuration.objectStore = store
        engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    @discardableResult
    private func run(_ sql: String) async throws -> StatementSnapshot {
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous).id
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: session, database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    private func ok(_ sql: String) async throws {
        let snapshot = try await run(sql)
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
    }

    private func rows(_ sql: String) async throws -> [[SQLiteValue]] {
        let snapshot = try await run(sql)
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
        return try engine.result(snapshot.id).1?.rows(offset: 0, limit: 10_000) ?? []
    }

    private func keys(_ prefix: String) throws -> [String] {
        try store.list(bucket: "bucket", prefix: prefix).map(\.location.key).sorted()
    }

    @Test func fileNamesFollowRedshiftsPattern() {
        // r_CREATE_EXTERNAL_TABLE_usage: 20200303_004509_810669_1007_0001_part_00.parquet.
        let date = Date(timeIntervalSince1970: 1_583_196_309.810669)
        #expect(ExternalTableWriter.namePrefix(date: date, queryId: 1007).hasPrefix("20200303_004509_8106"))
        #expect(ExternalTableWriter.namePrefix(date: date, queryId: 1007).hasSuffix("_1007_"))
    }

    @Test func createAsThenInsertRoundTrips() async throws {
        try await ok("create table local (id int, region varchar(8))")
        try await ok("insert into local values (1, 'east'), (2, 'west'), (3, 'east')")
        try await ok("create external schema s from data catalog database 'db' \(Self.role) create external database if not exists")
        try await ok("create external table s.t partitioned by (region) stored as parquet location 's3://bucket/t/' as select id, region from local")
        let written = try keys("t/")
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("_0000_part_00.parquet") })
        #expect(written.map { $0.split(separator: "/")[1] } == ["region=east", "region=west"])
        #expect(try await rows("select id, region from s.t order by id") == [
            [.integer(1), .text("east")], [.integer(2), .text("west")], [.integer(3), .text("east")]])
        try await ok("insert into s.t select 4, 'north'")
        #expect(try keys("t/").count == 3)
        #expect(try await rows("select count(*) from s.t where region = 'north'") == [[.integer(1)]])
        let table = try #require(try engine.externalCatalog(of: target).table("t", inExternalDatabase: "db"))
        #expect(table.partitions.map(\.values) == [["east"], ["west"], ["north"]])
        #expect(table.property("numrows") == "4")
        // The location is no longer empty: a second CETAS there fails and writes nothing.
        let failed = try await run("create external table s.u stored as parquet location 's3://bucket/t/' as select id from local")
        #expect(failed.status == .failed)
        #expect(try keys("t/").count == 3)
        #expect(try engine.externalCatalog(of: target).table("u", inExternalDatabase: "db") == nil)
    }

    @Test func textFilesUseTheTableDelimiterAndNullFormat() async throws {
        try await ok("create external schema s from data catalog database 'db' \(Self.role) create external database if not exists")
        try await ok("create external table s.x (a int, b varchar(5)) row format delimited fields terminated by ',' stored as textfile "
                     + "location 's3://bucket/x/' table properties ('serialization.null.format'='NULL')")
        try await ok("insert into s.x select 1, null union all select 2, 'two'")
        let key = try #require(try keys("x/").first)
        #expect(key.hasSuffix("_0000_part_00.txt"))
        let text = String(decoding: try store.read(S3Location(bucket: "bucket", key: key), offset: 0, length: 1000), as: UTF8.self)
        #expect(text.split(separator: "\n").sorted() == ["1,NULL", "2,two"])
        #expect(try await rows("select a from s.x where b is null") == [[.integer(1)]])
    }
}

import BulkFormats
import Dispatch
import Foundation
import Logging
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// An object store that counts the bytes read by range (Parquet pages) and can run a hook when
/// an object is first read.
final class CountingStore: ObjectStore, @unchecked Sendable {
    let inner = MemoryObjectStore(buckets: ["bucket"])
    private let lock = NSLock()
    private var rangeBytes = 0
    private var opened: [String] = []
    var onOpen: (@Sendable (String) -> Void)?

    var bytesRead: Int { lock.withLock { rangeBytes } }
    var openedKeys: [String] { lock.withLock { opened } }
    func reset() { lock.withLock { rangeBytes = 0; opened = [] } }

    func put(_ key: String, _ bytes: [UInt8]) { inner.put(S3Location(bucket: "bucket", key: key), bytes) }

    private func note(_ key: String) {
        let first = lock.withLock { () -> Bool in
            guard !opened.contains(key) else { return false }
            opened.append(key)
            return true
        }
        if first { onOpen?(key) }
    }

    func list(bucket: String, prefix: String) throws -> [ObjectInfo] { try inner.list(bucket: bucket, prefix: prefix) }
    func head(_ location: S3Location) throws -> ObjectInfo? { try inner.head(location) }
    func reader(for location: S3Location) throws -> any ByteReader {
        note(location.key)
        return try inner.reader(for: location)
    }
    func read(_ location: S3Location, offset: Int64, length: Int) throws -> [UInt8] {
        note(location.key)
        let bytes = try inner.read(location, offset: offset, length: length)
        lock.withLock { rangeBytes += bytes.count }
        return bytes
    }
    func writer(for location: S3Location) throws -> any ObjectWriter { try inner.writer(for: location) }
    func delete(_ locations: [S3Location]) throws { try inner.delete(locations) }
    var summary: String { "counting" }
}

/// The virtual table an external table reference reads through (`ExternalScanModule`): only used
/// columns decoded, every type as COPY stores it, NULLs, empty files and folders, bad files,
/// rescans and cancel.
///
/// - Redshift: c-spectrum-external-tables, r_CREATE_EXTERNAL_TABLE, r_SVL_S3QUERY_SUMMARY,
///   c-spectrum-data-files; COPY of the same Parquet file (copy-usage_notes-copy-from-columnar) is
///   what an external table's values must equal.
@Suite struct ExternalScanModuleTests {
    private let store = CountingStore()
    private let engine: RedshiftEngine
    private let target = Target(kind: .cluster, name: "scan-module-test")
    private static let role = "iam_role 'arn:aws:iam::123456789012:role/mySpectrumRole'"

    init() throws {
        var configuration = EngineConfiguration()
        configuration.objectStore = store
        engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    private func submit(_ sql: String) throws -> String {
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous).id
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: session, database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        return try engine.submit(request).id
    }

    private func wait(_ id: String) async throws -> StatementSnapshot {
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    @discardableResult
    private func run(_ sql: String) async throws -> StatementSnapshot {
        let snapshot = try await wait(try submit(sql))
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
        return snapshot
    }

    private func rows(_ sql: String) async throws -> [[SQLiteValue]] {
        let snapshot = try await run(sql)
        return try engine.result(snapshot.id).1?.rows(offset: 0, limit: 10_000) ?? []
    }

    private func schema() async throws {
        try await run("create external schema s from data catalog database 'db' \(Self.role) create external database if not exists")
    }

    private func parquet(_ key: String, _ columns: [ParquetWriterColumn], _ rows: [[BulkValue]]) throws {
        try store.writeParquet(at: S3Location(bucket: "bucket", key: key), columns: columns, rows: rows)
    }

    private static let allTypes = "sm smallint, i int, b bigint, d decimal(12,2), r real, f double precision, flag boolean, " +
        "c char(4), v varchar(20), day date, ts timestamp"

    @Test func everyTypeAndNullReadAsCopyStoresThem() async throws {
        let columns: [ParquetWriterColumn] = [
            .init(name: "sm", type: .smallint), .init(name: "i", type: .integer), .init(name: "b", type: .bigint),
            .init(name: "d", type: .decimal(precision: 12, scale: 2)), .init(name: "r", type: .real), .init(name: "f", type: .double),
            .init(name: "flag", type: .boolean), .init(name: "c", type: .string), .init(name: "v", type: .string),
            .init(name: "day", type: .date), .init(name: "ts", type: .timestamp)]
        try parquet("all/0.parquet", columns, [
            [.int(-3), .int(70_000), .int(9_000_000_000), .decimal("-12.34", scale: 2), .double(1.5), .double(-2.25),
             .boolean(true), .string("ab"), .string("héllo"), .date(19_000), .timestamp(1_700_000_000_123_456, utc: false)],
            Array(repeating: .null, count: 11)])
        try await schema()
        try await run("create external table s.all_types (\(Self.allTypes)) stored as parquet location 's3://bucket/all/'")
        try await run("create table local_all (\(Self.allTypes))")
        try await run("copy local_all from 's3://bucket/all/' \(Self.role) format as parquet")
        let external = try await rows("select * from s.all_types order by i")
        #expect(external == (try await rows("select * from local_all order by i")))
        #expect(external.count == 2)
        #expect(external.first?[1] == .integer(70_000))
        #expect(external.first?[8] == .text("héllo"))
        #expect(external.last == Array(repeating: SQLiteValue.null, count: 11))
    }

    @Test func onlyTheColumnsTheQueryUsesAreRead() async throws {
        let notes = (0..<2_000).map { BulkValue.string("a long note that takes room in its column chunk \($0)") }
        try parquet("wide/0.parquet", [.init(name: "id", type: .bigint), .init(name: "note", type: .string)],
                    notes.enumerated().map { [.int(Int64($0.offset)), $0.element] })
        try await schema()
        try await run("create external table s.wide (id bigint, note varchar(80)) stored as parquet location 's3://bucket/wide/'")
        store.reset()
        #expect(try await rows("select sum(id) from s.wide") == [[.integer(1_999_000)]])
        let idOnly = store.bytesRead
        store.reset()
        #expect(try await rows("select sum(id), max(length(note)) from s.wide") == [[.integer(1_999_000), .integer(52)]])
        let both = store.bytesRead
        #expect(idOnly * 2 < both, "id alone read \(idOnly) bytes, id and note \(both)")
    }

    @Test func emptyFilesAndEmptyFoldersHaveNoRows() async throws {
        store.put("empty/a.txt", [])
        try parquet("emptypq/0.parquet", [.init(name: "id", type: .bigint)], [])
        try await schema()
        try await run("create external table s.e (id int) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/empty/'")
        try await run("create external table s.epq (id bigint) stored as parquet location 's3://bucket/emptypq/'")
        try await run("create external table s.none (id int) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/nothing/'")
        #expect(try await rows("select count(*), max(id) from s.e") == [[.integer(0), .null]])
        #expect(try await rows("select count(*) from s.epq") == [[.integer(0)]])
        #expect(try await rows("select count(*) from s.none") == [[.integer(0)]])
        // r_SVL_S3QUERY_SUMMARY: the empty folder's scan read no file.
        #expect(try await rows("select files, s3_scanned_rows from svl_s3query_summary where external_table_name = 's.none'")
                == [[.integer(0), .integer(0)]])
    }

    @Test func aFileThatIsNotParquetFailsTheScan() async throws {
        store.put("bad/0.parquet", Array("this is not parquet at all".utf8))
        try await schema()
        try await run("create external table s.bad (id bigint) stored as parquet location 's3://bucket/bad/'")
        let failed = try await wait(try submit("select count(*) from s.bad"))
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("Spectrum Scan Error") == true)
        #expect(failed.error?.contains("not a Parquet file") == true)
        // The failed scan is not logged; the session goes on.
        #expect(try await rows("select count(*) from svl_s3query_summary where external_table_name = 's.bad'") == [[.integer(0)]])
        #expect(try await rows("select 1") == [[.integer(1)]])
    }

    @Test func aCorrelatedSubqueryRescansAndCountsOnePass() async throws {
        store.put("re/a.txt", Array("1\n2\n3\n".utf8))
        try await schema()
        try await run("create external table s.re (id int) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/re/'")
        try await run("create table l (id int)")
        try await run("insert into l values (2), (3), (4)")
        #expect(try await rows("select id from l where exists (select 1 from s.re e where e.id = l.id) order by id")
                == [[.integer(2)], [.integer(3)]])
        #expect(try await rows("select l.id from l join s.re e on e.id = l.id order by 1") == [[.integer(2)], [.integer(3)]])
        #expect(try await rows("select max(s3_scanned_rows) from svl_s3query_summary where external_table_name = 's.re'") == [[.integer(3)]])
    }

    @Test func cancelStopsTheScanBeforeTheNextFile() async throws {
        for index in 0..<3 { store.put("c/\(index).txt", Array("\(index)\n".utf8)) }
        try await schema()
        try await run("create external table s.c (id int) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/c/'")
        let id = Locked<String?>(nil)
        let ready = DispatchSemaphore(value: 0)
        let engine = engine
        store.onOpen = { key in
            guard key == "c/1.txt" else { return }
            _ = ready.wait(timeout: .now() + 10)
            if let statement = id.withLock({ $0 }) { try? engine.cancel(statement) }
        }
        store.reset()
        let statement = try submit("select count(*) from s.c")
        id.withLock { $0 = statement }
        ready.signal()
        let snapshot = try await wait(statement)
        #expect(snapshot.status == .aborted)
        #expect(!store.openedKeys.contains("c/2.txt"))
    }
}

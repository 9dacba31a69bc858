import Foundation
import Logging
import ObjectStore
import RedshiftSQL
import BulkFormats
import Testing
@testable import Engine

/// UNLOAD end to end through the engine onto a `MemoryObjectStore`. Facts: the Developer Guide's
/// r_UNLOAD, r_UNLOAD_command_examples, t_Unloading_tables, r_STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY,
/// PG_LAST_UNLOAD_COUNT, PG_LAST_UNLOAD_ID.
@Suite struct UnloadTests {
    private let target = Target(kind: .cluster, name: "unload-test")
    private static let role = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

    /// An engine with a store holding bucket `b`, and a superuser session with VENUE loaded.
    private func setUp(store: MemoryObjectStore = MemoryObjectStore(buckets: ["b"])) async throws -> (RedshiftEngine, String, MemoryObjectStore) {
        var configuration = EngineConfiguration()
        configuration.objectStore = store
        let engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous).id
        try await ok(engine, session, "create table venue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)")
        try await ok(engine, session, """
            insert into venue values (1, 'Pinewood Racetrack', 'Akron', 'OH', 0), (2, 'Columbus "Crew" Stadium', 'Columbus', 'OH', 0),
            (4, 'Community, Ballpark, Arena', 'Kansas City', 'KS', 0), (22, 'Quicken Loans Arena', 'Cleveland', null, null)
            """)
        return (engine, session, store)
    }

    private func run(_ engine: RedshiftEngine, _ session: String, _ sql: String) async throws -> StatementSnapshot {
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: session, database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    @discardableResult
    private func ok(_ engine: RedshiftEngine, _ session: String, _ sql: String) async throws -> StatementSnapshot {
        let snapshot = try await run(engine, session, sql)
        #expect(snapshot.status == .finished, "\(sql): \(snapshot.error ?? "")")
        return snapshot
    }

    private func rows(_ engine: RedshiftEngine, _ session: String, _ sql: String) async throws -> [[SQLiteValue]] {
        let snapshot = try await ok(engine, session, sql)
        return try engine.result(snapshot.id).1?.rows(offset: 0, limit: 1000) ?? []
    }

    private func text(_ store: MemoryObjectStore, _ url: String) -> String? {
        store.bytes(at: S3Location(url: url)!).map { String(decoding: $0, as: UTF8.self) }
    }

    private func keys(_ store: MemoryObjectStore) throws -> [String] {
        try store.list(bucket: "b", prefix: "").map(\.location.key)
    }

    /// r_UNLOAD_command_examples › Unload VENUE to a pipe-delimited file: one file per slice,
    /// `<prefix><slice>_part_<nn>`; the emulated cluster has one slice. NULLs are empty fields.
    @Test func pipeDelimitedFilesPerSlice() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        let done = try await ok(engine, session, "unload ('select * from venue order by venueid') to 's3://b/unload/venue_pipe_' \(Self.role)")
        #expect(done.hasResultSet == false)
        #expect(done.resultRows == 4)
        #expect(try keys(store) == ["unload/venue_pipe_0000_part_00"])
        #expect(text(store, "s3://b/unload/venue_pipe_0000_part_00") == """
            1|Pinewood Racetrack|Akron|OH|0
            2|Columbus "Crew" Stadium|Columbus|OH|0
            4|Community, Ballpark, Arena|Kansas City|KS|0
            22|Quicken Loans Arena|Cleveland||

            """)
        // PG_LAST_UNLOAD_COUNT / PG_LAST_UNLOAD_ID: the session's last UNLOAD.
        #expect(try await rows(engine, session, "select pg_last_unload_count(), pg_last_unload_id()") == [[.integer(4), .integer(done.redshiftQueryId)]])
    }

    /// r_UNLOAD_command_examples › Unload VENUE serially (`venue_serial_000`), with a header, CSV,
    /// NULL AS; t_Unloading_tables.
    @Test func serialCSVWithHeaderAndNullAs() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        try await ok(engine, session, "unload ('select venueid, venuename, venuestate from venue where venueid < 5 or venuestate is null order by 1') to 's3://b/venue_serial_' \(Self.role) csv header null as 'fred' parallel off")
        #expect(try keys(store) == ["venue_serial_000"])
        #expect(text(store, "s3://b/venue_serial_000") == """
            venueid,venuename,venuestate
            1,Pinewood Racetrack,OH
            2,"Columbus ""Crew"" Stadium",OH
            4,"Community, Ballpark, Arena",KS
            22,Quicken Loans Arena,fred

            """)
    }

    /// r_UNLOAD › ALLOWOVERWRITE ("By default, UNLOAD fails if it finds files that it would possibly
    /// overwrite") and CLEANPATH (removes the existing files under the path first).
    @Test func existingFilesNeedAllowOverwriteOrCleanPath() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        let sql = "unload ('select venueid from venue where venueid = 1') to 's3://b/out/' \(Self.role)"
        try await ok(engine, session, sql)
        store.put(S3Location(url: "s3://b/out/old_file")!, Array("stale".utf8))
        let failed = try await run(engine, session, sql)
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("Specified unload destination on S3 is not empty") == true)
        // PG_LAST_UNLOAD_COUNT: 0 when the last UNLOAD failed during the unload operation.
        #expect(try await rows(engine, session, "select pg_last_unload_count()") == [[.integer(0)]])
        try await ok(engine, session, "unload ('select venueid from venue where venueid = 2') to 's3://b/out/' \(Self.role) allowoverwrite")
        #expect(text(store, "s3://b/out/0000_part_00") == "2\n")
        #expect(text(store, "s3://b/out/old_file") == "stale")
        try await ok(engine, session, "unload ('select venueid from venue where venueid = 4') to 's3://b/out/' \(Self.role) cleanpath")
        #expect(try keys(store) == ["out/0000_part_00"])
        #expect(text(store, "s3://b/out/0000_part_00") == "4\n")
    }

    /// r_STL_UNLOAD_LOG: one row per file (query, pid, path, line_count, transfer_size, file_format);
    /// SYS_UNLOAD_HISTORY: one row per UNLOAD.
    @Test func unloadsAreLogged() async throws {
        let (engine, session, _) = try await setUp()
        defer { engine.shutdown() }
        let done = try await ok(engine, session, "unload ('select venueid from venue') to 's3://b/log_' \(Self.role) parallel off")
        let query = done.redshiftQueryId
        // "1\n2\n4\n22\n": 9 bytes.
        let log = try await rows(engine, session, "select query, slice, trim(path), line_count, transfer_size, trim(file_format), pid = pg_backend_pid() from stl_unload_log where query = \(query)")
        #expect(log == [[.integer(query), .integer(0), .text("s3://b/log_000"), .integer(4), .integer(9), .text("Text"), .integer(1)]])
        let history = try await rows(engine, session, "select query_id, status, unloaded_rows, unloaded_files_count, unloaded_files_size, unloaded_location from sys_unload_history")
        #expect(history == [[.integer(query), .text("completed"), .integer(4), .integer(1), .integer(9), .text("s3://b/log_")]])
        let detail = try await rows(engine, session, "select query_id, trim(file_name), line_count, transfer_size, trim(file_format) from sys_unload_detail")
        #expect(detail == [[.integer(query), .text("s3://b/log_000"), .integer(4), .integer(9), .text("Text")]])
    }

    /// r_UNLOAD › Required privileges ("at least SELECT privilege on the data"); security.md: UNLOAD
    /// is filtered by RLS, and masking applies: the query runs as the caller.
    @Test func theQueryRunsAsTheCaller() async throws {
        let (engine, admin, store) = try await setUp()
        defer { engine.shutdown() }
        for sql in [
            "create table orders (id int, tenant varchar(10), amount int)",
            "insert into orders values (1, 'alice', 11), (2, 'bob', 21), (3, 'alice', 31)",
            "create user alice password disable", "create user bob password disable", "create user eve password disable",
            "grant select on orders to alice, bob",
            "create rls policy own with (tenant varchar(10)) using (tenant = current_user)",
            "attach rls policy own on orders to public", "alter table orders row level security on",
            "create masking policy even with (amount int) using (amount - amount % 2)",
            "attach masking policy even on orders(amount) to bob",
        ] { try await ok(engine, admin, sql) }
        for user in ["alice", "bob", "eve"] {
            let session = try engine.openSession(target: target, database: "dev", user: user, caller: .anonymous).id
            let result = try await run(engine, session, "unload ('select id, amount from orders order by id') to 's3://b/\(user)/' \(Self.role) parallel off")
            if user == "eve" {
                #expect(result.status == .failed)
                #expect(result.error?.contains("permission denied") == true, "\(result.error ?? "")")
            } else {
                #expect(result.status == .finished, "\(result.error ?? "")")
            }
            await engine.closeSession(session)
        }
        #expect(text(store, "s3://b/alice/000") == "1|11\n3|31\n")
        #expect(text(store, "s3://b/bob/000") == "2|20\n")
        #expect(try keys(store).filter { $0.hasPrefix("eve") }.isEmpty)
    }

    /// r_UNLOAD › MANIFEST [VERBOSE]; r_UNLOAD_command_examples (the manifests' content).
    @Test func manifests() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        try await ok(engine, session, "unload ('select venueid, venuename from venue where venueid < 3 order by 1') to 's3://b/venue_' \(Self.role) manifest")
        let plain = try JSONSerialization.jsonObject(with: Data(store.bytes(at: S3Location(url: "s3://b/venue_manifest")!) ?? [])) as? [String: Any]
        let entries = plain?["entries"] as? [[String: Any]]
        #expect(entries?.compactMap { $0["url"] as? String } == ["s3://b/venue_0000_part_00"])
        try await ok(engine, session, "unload ('select venueid, venuename, venueseats, venueid::decimal(8,2) as d from venue order by 1') to 's3://b/verbose/' \(Self.role) manifest verbose header")
        let verbose = try JSONSerialization.jsonObject(with: Data(store.bytes(at: S3Location(url: "s3://b/verbose/manifest")!) ?? [])) as? [String: Any]
        let first = (verbose?["entries"] as? [[String: Any]])?.first
        let size = store.bytes(at: S3Location(url: "s3://b/verbose/0000_part_00")!)?.count ?? -1
        #expect((first?["meta"] as? [String: Any])?["content_length"] as? Int == size)
        // "If the HEADER option is specified, the row count includes the header line."
        #expect((first?["meta"] as? [String: Any])?["record_count"] as? Int == 5)
        let elements = ((verbose?["schema"] as? [String: Any])?["elements"] as? [[String: Any]]) ?? []
        #expect(elements.compactMap { $0["name"] as? String } == ["venueid", "venuename", "venueseats", "d"])
        #expect(elements.compactMap { ($0["type"] as? [String: Any])?["base"] as? String } == ["smallint", "character varying", "integer", "numeric"])
        #expect((elements[1]["type"] as? [String: Any])?["max_length"] as? Int == 100)
        #expect((verbose?["meta"] as? [String: Any])?["record_count"] as? Int == 5)
        #expect((verbose?["author"] as? [String: Any])?["name"] as? String == "Amazon Redshift")
        #expect((verbose?["author"] as? [String: Any])?["version"] as? String == "1.0.0")
    }

    /// r_UNLOAD › PARTITION BY: Hive-style `column=value/` folders, partition columns left out
    /// unless INCLUDE, NULL as `__HIVE_DEFAULT_PARTITION__`, one manifest at the root.
    @Test func partitionedFolders() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        try await ok(engine, session, "unload ('select venueid, venuestate from venue order by venueid') to 's3://b/part' \(Self.role) partition by (venuestate) manifest")
        #expect(try keys(store) == ["part/manifest", "part/venuestate=KS/0000_part_00", "part/venuestate=OH/0000_part_00",
                                    "part/venuestate=__HIVE_DEFAULT_PARTITION__/0000_part_00"])
        #expect(text(store, "s3://b/part/venuestate=OH/0000_part_00") == "1\n2\n")
        try await ok(engine, session, "unload ('select venueid, venuestate from venue where venueid = 4') to 's3://b/inc/' \(Self.role) partition by (venuestate) include parallel off")
        #expect(text(store, "s3://b/inc/venuestate=KS/000") == "4|KS\n")
    }

    /// r_UNLOAD › FORMAT JSON, FIXEDWIDTH, EXTENSION; MAXFILESIZE splits serial files (`000`, `001`).
    @Test func jsonFixedWidthExtensionAndMaxFileSize() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        try await ok(engine, session, "unload ('select venueid, venuename, venuestate from venue where venueid in (2, 22) order by 1') to 's3://b/j_' \(Self.role) json extension 'json'")
        #expect(text(store, "s3://b/j_0000_part_00.json") == """
            {"venueid":2,"venuename":"Columbus \\"Crew\\" Stadium","venuestate":"OH"}
            {"venueid":22,"venuename":"Quicken Loans Arena","venuestate":null}

            """)
        try await ok(engine, session, "unload ('select venueid, venuename, venuestate from venue where venueid = 1') to 's3://b/fw_' \(Self.role) fixedwidth 'venueid:3,venuename:20,venuestate:2'")
        #expect(text(store, "s3://b/fw_0000_part_00") == "1  Pinewood Racetrack  OH\n")
        try await ok(engine, session, """
            unload ('with recursive n(i) as (select 1 union all select i + 1 from n where i < 70000)
                     select i, ''xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'' from n order by i')
            to 's3://b/big_' \(Self.role) parallel off maxfilesize 5 mb
            """)
        let sizes = try store.list(bucket: "b", prefix: "big_").map { ($0.location.key, $0.size) }
        #expect(sizes.map(\.0) == ["big_000", "big_001"])
        #expect(sizes.allSatisfy { $0.1 <= 5 * 1024 * 1024 + 200 })
        #expect(try await rows(engine, session, "select pg_last_unload_count()") == [[.integer(70000)]])
    }

    /// r_UNLOAD › FORMAT AS PARQUET: typed columns in `<prefix>0000_part_00.parquet`
    /// (r_UNLOAD_command_examples), TIMESTAMPTZ as its timestamp value; read back with the Parquet reader.
    @Test func parquetFilesAreTyped() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        try await ok(engine, session, """
            unload ('select venueid, venuename, venueseats, 1.25::decimal(6,2) as price, true as ok, ''2008-01-04''::date as d,
                     ''2008-01-04 10:11:12.5''::timestamp as ts from venue where venueid in (1, 22) order by venueid')
            to 's3://b/pq/' \(Self.role) format as parquet manifest
            """)
        #expect(try keys(store) == ["pq/0000_part_00.parquet", "pq/manifest"])
        let reader = try ParquetReader(store: store, location: S3Location(url: "s3://b/pq/0000_part_00.parquet")!)
        #expect(reader.columns.map(\.name) == ["venueid", "venuename", "venueseats", "price", "ok", "d", "ts"])
        #expect(reader.columns.map(\.type) == [.integer(bitWidth: 16, signed: true), .string, .integer(bitWidth: 32, signed: true),
                                              .decimal(precision: 6, scale: 2), .boolean, .date, reader.columns[6].type])
        var rows: [[BulkValue]] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.count == 2)
        #expect(rows.first == [.int(1), .string("Pinewood Racetrack"), .int(0), .decimal("1.25", scale: 2), .boolean(true),
                               .date(Int32(13_882)), .timestamp(1_199_441_472_500_000, utc: false)])
        #expect(rows.last?[2] == .null)
    }

    /// r_UNLOAD › GZIP, BZIP2, ZSTD ("Each resulting file is appended with a .gz / .bz2 / .zst
    /// extension"); r_UNLOAD_command_examples › GZIP-compressed text file with `extension 'txt.gz'`.
    @Test func compressedFiles() async throws {
        let (engine, session, store) = try await setUp()
        defer { engine.shutdown() }
        for (option, suffix, format) in [("gzip", ".gz", CompressionFormat.gzip), ("bzip2", ".bz2", .bzip2), ("zstd", ".zst", .zstd)] {
            try await ok(engine, session, "unload ('select venueid, venuename from venue where venueid < 3 order by 1') to 's3://b/\(option)_' \(Self.role) delimiter as '\\t' \(option)")
            let location = S3Location(url: "s3://b/\(option)_0000_part_00\(suffix)")!
            let reader = try format.reader(decompressing: try store.reader(for: location))
            var bytes: [UInt8] = []
            while case let chunk = try reader.read(maxLength: 4096), !chunk.isEmpty { bytes += chunk }
            #expect(String(decoding: bytes, as: UTF8.self) == "1\tPinewood Racetrack\n2\tColumbus \"Crew\" Stadium\n", "\(option)")
        }
        try await ok(engine, session, "unload ('select 1') to 's3://b/venue_tab_' \(Self.role) extension 'txt.gz' gzip")
        #expect(try keys(store).contains("venue_tab_0000_part_00.txt.gz"))
    }

    @Test func withoutAStoreOrABucketUnloadFails() async throws {
        let (engine, session, _) = try await setUp(store: MemoryObjectStore(buckets: []))
        defer { engine.shutdown() }
        let failed = try await run(engine, session, "unload ('select 1') to 's3://nobucket/p' \(Self.role)")
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("NoSuchBucket") == true)
        let noStore = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { noStore.shutdown() }
        let other = try noStore.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous).id
        #expect(try await run(noStore, other, "unload ('select 1') to 's3://b/p' \(Self.role)").status == .failed)
    }
}

/// The engine's fast float text agrees with `RedshiftType.text(of:)` (reference §1.11).
@Suite struct FloatTextTests {
    @Test(arguments: [0.0, -0.0, 1.5, -2.25, 1234.5678901234567, 1e20, 1.0e-7, 123456789012345.6, 1e15, .nan, .infinity, -.infinity, 0.1, 2.0 / 3.0])
    func matchesTheTextOutput(_ value: Double) {
        #expect(FloatText.format(value, significantDigits: 15) == RedshiftType.doublePrecision.text(of: .real(value)))
        #expect(FloatText.format(Double(Float(value)), significantDigits: 6) == RedshiftType.real.text(of: .real(value)))
    }
}

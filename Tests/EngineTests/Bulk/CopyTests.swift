import Foundation
import RedshiftSQL
import BulkFormats
import ObjectStore
import Testing
@testable import Engine

/// COPY from a key prefix on an in-memory store, through the engine: formats, options, load errors,
/// MAXERROR, transactions, privileges and the session's PG_LAST_COPY_COUNT / PG_LAST_COPY_ID.
@Suite struct CopyTests {
    private let role = CopyHarness.role

    /// r_COPY: "COPY loads every file whose key begins with the prefix", in key order; the default
    /// format is pipe-delimited text (copy-parameters-data-format).
    @Test func loadsPipeDelimitedTextFromEveryFileUnderThePrefix() async throws {
        let h = try CopyHarness()
        try await h.run("create table sales (id int, name varchar(10), price decimal(8,2), sold date)")
        h.put("sales/part-002", "3|gamma|0.5|2024-03-01\n")
        h.put("sales/part-001", "1|alpha|12.25|2024-01-31\n2|beta|7|2024-02-29\n")
        h.put("other/part-001", "9|not loaded|1|2024-01-01\n")
        let copy = try await h.run("copy sales from 's3://bucket/sales/part' \(role)")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(copy.resultRows == 3)
        let rows = try await h.rows("select id, name, price::varchar, sold::varchar from sales order by id")
        #expect(rows == [[.integer(1), .text("alpha"), .text("12.25"), .text("2024-01-31")],
                         [.integer(2), .text("beta"), .text("7.00"), .text("2024-02-29")],
                         [.integer(3), .text("gamma"), .text("0.50"), .text("2024-03-01")]])
        // PG_LAST_COPY_COUNT: rows the session's last COPY loaded; PG_LAST_COPY_ID: its query id.
        #expect(try await h.rows("select pg_last_copy_count(), pg_last_copy_id()") == [[.integer(3), .integer(copy.redshiftQueryId)]])
    }

    /// PG_LAST_COPY_ID returns -1 and PG_LAST_COPY_COUNT 0 before any COPY (PG_LAST_COPY_ID, PG_LAST_COPY_COUNT).
    @Test func lastCopyFunctionsBeforeAnyCopy() async throws {
        let h = try CopyHarness()
        #expect(try await h.rows("select pg_last_copy_count(), pg_last_copy_id()") == [[.integer(0), .integer(-1)]])
    }

    /// copy-parameters-data-format: CSV quoting (a delimiter, a doubled quote and a line feed inside
    /// quotes), IGNOREHEADER, NULL AS and EMPTYASNULL (copy-parameters-data-conversion).
    @Test func loadsCSVWithQuotesHeaderAndNulls() async throws {
        let h = try CopyHarness()
        try await h.run("create table people (id int, name varchar(20), note varchar(20), age int)")
        h.put("people.csv", "id,name,note,age\n1,\"Smith, J\",\"say \"\"hi\"\"\",40\n2,\"two\nlines\",,NULL\n3,x,\"\",7\r\n")
        let copy = try await h.run("copy people from 's3://bucket/people.csv' \(role) csv ignoreheader 1 null as 'NULL' emptyasnull")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        let rows = try await h.rows("select id, name, note, age from people order by id")
        #expect(rows == [[.integer(1), .text("Smith, J"), .text("say \"hi\""), .integer(40)],
                         [.integer(2), .text("two\nlines"), .null, .null],
                         [.integer(3), .text("x"), .null, .integer(7)]])
    }

    /// An empty CHAR/VARCHAR field is an empty string without EMPTYASNULL; empty fields of other
    /// types are NULL (copy-parameters-data-conversion, EMPTYASNULL).
    @Test func emptyFieldsWithoutEmptyAsNull() async throws {
        let h = try CopyHarness()
        try await h.run("create table e (a varchar(5), b int)")
        h.put("e.txt", "|\n")
        #expect(try await h.run("copy e from 's3://bucket/e.txt' \(role)").status == .finished)
        #expect(try await h.rows("select a, b from e") == [[.text(""), .null]])
    }

    /// A bad field fails the COPY with Redshift's message, loads nothing, and its row stays in
    /// STL_LOAD_ERRORS (r_STL_LOAD_ERRORS; r_Load_Error_Reference: 1207 invalid digit).
    @Test func aConversionErrorFailsTheLoadAndIsLogged() async throws {
        let h = try CopyHarness()
        try await h.run("create table nums (id int, label varchar(5))")
        h.put("nums/1.txt", "1|one\nx2|two\n3|three\n")
        let copy = try await h.run("copy nums from 's3://bucket/nums/' \(role)")
        #expect(copy.status == .failed)
        #expect(copy.error == "ERROR: Load into table 'nums' failed.  Check 'stl_load_errors' system table for details.")
        #expect(try await h.rows("select count(*) from nums") == [[.integer(0)]])
        let errors = try await h.rows("""
            select query, trim(filename), line_number, trim(colname), trim(type), position, trim(raw_line),
                   trim(raw_field_value), err_code, trim(err_reason) from stl_load_errors
            """)
        #expect(errors == [[.integer(copy.redshiftQueryId), .text("s3://bucket/nums/1.txt"), .integer(2), .text("id"),
                            .text("int4"), .integer(0), .text("x2|two"), .text("x2"), .integer(1207),
                            .text("Invalid digit, Value 'x', Pos 0, Type: Integer")]])
        let detail = try await h.rows("select query_id, trim(column_name), error_code from sys_load_error_detail")
        #expect(detail == [[.integer(copy.redshiftQueryId), .text("id"), .integer(1207)]])
        // PG_LAST_COPY_COUNT: 0 when the last COPY failed while loading; its id is still recorded.
        #expect(try await h.rows("select pg_last_copy_count(), pg_last_copy_id()") == [[.integer(0), .integer(copy.redshiftQueryId)]])
    }

    /// MAXERROR n: up to n rows are rejected and the rest load; past n the COPY fails and loads
    /// nothing (copy-parameters-data-load).
    @Test func maxErrorSkipsUpToItsLimit() async throws {
        let h = try CopyHarness()
        try await h.run("create table m (id smallint, code char(2))")
        h.put("m.txt", "1|ab\n99999|cd\n3|toolong\n4|ef\n")
        let tolerated = try await h.run("copy m from 's3://bucket/m.txt' \(role) maxerror 2")
        #expect(tolerated.status == .finished, "\(tolerated.error ?? "")")
        #expect(tolerated.resultRows == 2)
        #expect(try await h.rows("select id, code from m order by id") == [[.integer(1), .text("ab")], [.integer(4), .text("ef")]])
        #expect(try await h.rows("select pg_last_copy_count()") == [[.integer(2)]])
        let logged = try await h.rows("select line_number, trim(colname), err_code, trim(err_reason) from stl_load_errors where query = \(tolerated.redshiftQueryId) order by line_number")
        #expect(logged == [[.integer(2), .text("id"), .integer(1204), .text("Overflow, Value '99999', Pos 0, Type: Short")],
                           [.integer(3), .text("code"), .integer(1204), .text("String length exceeds DDL length")]])

        let failed = try await h.run("copy m from 's3://bucket/m.txt' \(role) maxerror 1")
        #expect(failed.status == .failed)
        #expect(try await h.rows("select count(*) from m") == [[.integer(2)]])
    }

    /// Extra and missing fields: 1202 "Extra column(s) found", 1214 "Delimiter not found"
    /// (r_Load_Error_Reference); FILLRECORD loads the missing trailing fields as NULL, or as empty
    /// strings for VARCHAR (copy-parameters-data-conversion).
    @Test func fieldCountErrorsAndFillRecord() async throws {
        let h = try CopyHarness()
        try await h.run("create table f (a int, b varchar(5), c int)")
        h.put("f.txt", "1|x|2|extra\n2|y\n")
        _ = try await h.run("copy f from 's3://bucket/f.txt' \(role) maxerror 5")
        let logged = try await h.rows("select line_number, err_code, trim(err_reason) from stl_load_errors order by line_number")
        #expect(logged == [[.integer(1), .integer(1202), .text("Extra column(s) found")],
                           [.integer(2), .integer(1214), .text("Delimiter not found")]])
        h.put("g.txt", "3|z\n4\n")
        #expect(try await h.run("copy f from 's3://bucket/g.txt' \(role) fillrecord").status == .finished)
        #expect(try await h.rows("select a, b, c from f order by a") == [[.integer(3), .text("z"), .null], [.integer(4), .text(""), .null]])
    }

    /// The options that change values (copy-parameters-data-conversion): TRUNCATECOLUMNS, BLANKSASNULL,
    /// ACCEPTINVCHARS, ESCAPE, REMOVEQUOTES, DATEFORMAT, TIMEFORMAT 'epochsecs', ROUNDEC.
    @Test func dataConversionOptions() async throws {
        let h = try CopyHarness()
        try await h.run("create table o (s varchar(4), blank varchar(5), price decimal(6,2), d date, ts timestamp)")
        h.put("o.txt", "abcdefg|   |1.239|03/15/2024|1700000000\n")
        let copy = try await h.run("copy o from 's3://bucket/o.txt' \(role) truncatecolumns blanksasnull roundec dateformat 'MM/DD/YYYY' timeformat 'epochsecs'")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(try await h.rows("select s, blank, price::varchar, d::varchar, ts::varchar from o")
                == [[.text("abcd"), .null, .text("1.24"), .text("2024-03-15"), .text("2023-11-14 22:13:20")]])

        try await h.run("create table q (a varchar(20), b varchar(20))")
        h.put("q.txt", "pipe\\|inside|\"quoted|kept\"\n")
        #expect(try await h.run("copy q from 's3://bucket/q.txt' \(role) escape removequotes").status == .finished)
        #expect(try await h.rows("select a, b from q") == [[.text("pipe|inside"), .text("quoted|kept")]])

        try await h.run("create table u (a varchar(10))")
        h.put("u.txt", bytes: Array("ok".utf8) + [0xFF] + Array("\n".utf8))
        let rejected = try await h.run("copy u from 's3://bucket/u.txt' \(role)")
        #expect(rejected.status == .failed)
        #expect(try await h.rows("select err_code from stl_load_errors where query = \(rejected.redshiftQueryId)") == [[.integer(1220)]])
        #expect(try await h.run("copy u from 's3://bucket/u.txt' \(role) acceptinvchars as '^'").status == .finished)
        #expect(try await h.rows("select a from u") == [[.text("ok^")]])
    }

    /// Default 'truncate': ROUNDEC is off by default, so extra decimal digits are cut (copy-parameters-data-conversion, ROUNDEC).
    @Test func decimalsAreTruncatedWithoutRoundec() async throws {
        let h = try CopyHarness()
        try await h.run("create table dd (p decimal(8,2))")
        h.put("dd.txt", "20.259\n")
        #expect(try await h.run("copy dd from 's3://bucket/dd.txt' \(role)").status == .finished)
        #expect(try await h.rows("select p::varchar from dd") == [[.text("20.25")]])
    }

    /// A column list loads those columns in file order; the others take their DEFAULT, IDENTITY
    /// columns their generated values; EXPLICIT_IDS loads identity values from the file
    /// (copy-parameters-column-mapping, copy-parameters-data-conversion).
    @Test func columnListDefaultsAndIdentity() async throws {
        let h = try CopyHarness()
        try await h.run("create table c (id bigint identity(1,1), name varchar(10), status varchar(10) default 'new', n int)")
        h.put("c.txt", "5|alpha\n6|beta\n")
        #expect(try await h.run("copy c (n, name) from 's3://bucket/c.txt' \(role)").status == .finished)
        #expect(try await h.rows("select id, name, status, n from c order by id")
                == [[.integer(1), .text("alpha"), .text("new"), .integer(5)], [.integer(2), .text("beta"), .text("new"), .integer(6)]])
        h.put("ids.txt", "100|gamma|done|7\n")
        #expect(try await h.run("copy c from 's3://bucket/ids.txt' \(role) explicit_ids").status == .finished)
        #expect(try await h.rows("select id, status from c where name = 'gamma'") == [[.integer(100), .text("done")]])
        // Without EXPLICIT_IDS the file has no identity field.
        h.put("noid.txt", "delta|x|8\n")
        #expect(try await h.run("copy c from 's3://bucket/noid.txt' \(role)").status == .finished)
        #expect(try await h.rows("select status, n from c where name = 'delta'") == [[.text("x"), .integer(8)]])
    }

    /// COPY is transactional: ROLLBACK undoes it, and a failing COPY leaves the table as it was (r_COPY).
    @Test func copyIsTransactional() async throws {
        let h = try CopyHarness()
        try await h.run("create table t (a int)")
        h.put("t.txt", "1\n2\n")
        try await h.run("begin")
        #expect(try await h.run("copy t from 's3://bucket/t.txt' \(role)").status == .finished)
        #expect(try await h.rows("select count(*) from t") == [[.integer(2)]])
        try await h.run("rollback")
        #expect(try await h.rows("select count(*) from t") == [[.integer(0)]])
        try await h.run("insert into t values (7)")
        h.put("bad.txt", "3\nnope\n")
        #expect(try await h.run("copy t from 's3://bucket/bad.txt' \(role)").status == .failed)
        #expect(try await h.rows("select a from t") == [[.integer(7)]])
    }

    /// COPY needs INSERT on the table, as INSERT does (r_COPY: "the INSERT privilege"; r_GRANT).
    @Test func copyNeedsInsertPrivilege() async throws {
        let h = try CopyHarness()
        try await h.run("create table secret (a int)")
        try await h.run("create user tenant password 'Passw0rd1'")
        try await h.run("grant select on secret to tenant")
        h.put("s.txt", "1\n")
        let denied = try await h.run("copy secret from 's3://bucket/s.txt' \(role)", as: "tenant")
        #expect(denied.status == .failed)
        #expect(denied.error == "ERROR: permission denied for relation secret")
        try await h.run("grant insert on secret to tenant")
        #expect(try await h.run("copy secret from 's3://bucket/s.txt' \(role)", as: "tenant").status == .finished)
        // A regular user sees only its own rows of the load tables (c_visibility-of-data).
        #expect(try await h.rows("select count(*) from sys_load_history", as: "tenant") == [[.integer(1)]])
    }

    /// STL_LOAD_COMMITS: one row per file loaded; SYS_LOAD_HISTORY: one row per COPY (r_STL_LOAD_COMMITS, SYS_LOAD_HISTORY).
    @Test func successfulLoadsAreLogged() async throws {
        let h = try CopyHarness()
        try await h.run("create table l (a int)")
        h.put("l/a", "1\n2\n")
        h.put("l/b", "3\n")
        let copy = try await h.run("copy l from 's3://bucket/l/' \(role)")
        let commits = try await h.rows("select query, trim(filename), lines_scanned from stl_load_commits order by filename")
        #expect(commits == [[.integer(copy.redshiftQueryId), .text("s3://bucket/l/a"), .integer(2)],
                            [.integer(copy.redshiftQueryId), .text("s3://bucket/l/b"), .integer(1)]])
        let history = try await h.rows("select query_id, status, table_name, data_source, loaded_rows, source_file_count, error_count from sys_load_history")
        #expect(history == [[.integer(copy.redshiftQueryId), .text("completed"), .text("l"), .text("s3://bucket/l/"),
                             .integer(3), .integer(2), .integer(0)]])
    }

    /// A prefix with no object: "The specified S3 prefix '…' does not exist"; an unknown bucket:
    /// S3's NoSuchBucket; no store at all: the emulator's own message.
    @Test func missingInputs() async throws {
        let h = try CopyHarness()
        try await h.run("create table n (a int)")
        let empty = try await h.run("copy n from 's3://bucket/nothing/here' \(role)")
        #expect(empty.error == "ERROR: The specified S3 prefix 'nothing/here' does not exist")
        let bucket = try await h.run("copy n from 's3://no-such-bucket/x' \(role)")
        #expect(bucket.error?.contains("The specified bucket does not exist") == true)
        let none = try CopyHarness(objectStore: false)
        try await none.run("create table n (a int)")
        #expect(try await none.run("copy n from 's3://bucket/x' \(role)").status == .failed)
    }

    /// The authorization is checked for form (copy-parameters-authorization).
    @Test(arguments: [
        ("credentials 'aws_access_key_id=AKIA;aws_secret_access_key=abc'", true),
        ("credentials 'aws_access_key_id=AKIA;aws_secret_access_key=abc;token=t'", true),
        ("credentials 'aws_iam_role=arn:aws:iam::123456789012:role/R'", true),
        ("access_key_id 'AKIA' secret_access_key 'abc' session_token 't'", true),
        ("iam_role default", true),
        ("credentials 'aws_access_key_id=AKIA'", false),
        ("credentials 'nonsense'", false),
        ("iam_role 'arn:aws:iam::12:role/R'", false),
        ("access_key_id 'AKIA'", false),
        ("", false),
    ])
    func authorizationForms(_ authorization: String, _ accepted: Bool) async throws {
        let h = try CopyHarness()
        try await h.run("create table z (a int)")
        h.put("z.txt", "1\n")
        let copy = try await h.run("copy z from 's3://bucket/z.txt' \(authorization)")
        #expect((copy.status == .finished) == accepted, "\(copy.error ?? "")")
        if authorization.hasPrefix("credentials 'aws_access_key_id=AKIA'") || authorization == "credentials 'nonsense'" {
            #expect(copy.error == "ERROR: Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'")
        }
    }
}

/// MANIFEST, FIXEDWIDTH and JSON inputs (copy-parameters-data-source-s3, copy-parameters-data-format,
/// copy-usage_notes-copy-from-json).
@Suite struct CopyFormatTests {
    private let role = CopyHarness.role

    /// A manifest names the files; a missing optional entry is skipped, a missing mandatory one
    /// fails the COPY; a missing or malformed manifest fails it too.
    @Test func loadsTheFilesAManifestNames() async throws {
        let h = try CopyHarness()
        try await h.run("create table mf (a int)")
        h.put("data/one", "1\n")
        h.put("data/two", "2\n")
        h.put("data/ignored", "99\n")
        h.put("load.manifest", """
            {"entries": [
              {"url": "s3://bucket/data/one", "mandatory": true},
              {"url": "s3://bucket/data/two", "mandatory": false, "meta": {"content_length": 2}},
              {"url": "s3://bucket/data/gone", "mandatory": false}
            ]}
            """)
        let copy = try await h.run("copy mf from 's3://bucket/load.manifest' \(role) manifest")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(try await h.rows("select a from mf order by a") == [[.integer(1)], [.integer(2)]])

        h.put("strict.manifest", #"{"entries": [{"url": "s3://bucket/data/gone", "mandatory": true}]}"#)
        let mandatory = try await h.run("copy mf from 's3://bucket/strict.manifest' \(role) manifest")
        #expect(mandatory.error == "ERROR: Manifest file entry 's3://bucket/data/gone' is mandatory but the file does not exist")
        let missing = try await h.run("copy mf from 's3://bucket/none.manifest' \(role) manifest")
        #expect(missing.error == "ERROR: Problem reading manifest file - S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey")
        h.put("bad.manifest", "{not json")
        #expect(try await h.run("copy mf from 's3://bucket/bad.manifest' \(role) manifest").error == "ERROR: Manifest file is not in correct json format")
        #expect(try await h.rows("select count(*) from mf") == [[.integer(2)]])
    }

    @Test func loadsFixedWidthText() async throws {
        let h = try CopyHarness()
        try await h.run("create table fw (id int, name varchar(6), code char(2))")
        h.put("fw.txt", "001alice ab\n002bob   cd\n")
        let copy = try await h.run("copy fw from 's3://bucket/fw.txt' \(role) fixedwidth 'id:3,name:6,code:2'")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(try await h.rows("select id, trim(name), code from fw order by id") == [[.integer(1), .text("alice"), .text("ab")], [.integer(2), .text("bob"), .text("cd")]])
    }

    @Test func loadsJSONByNameAndByJSONPaths() async throws {
        let h = try CopyHarness()
        try await h.run("create table js (id int, name varchar(10), price decimal(6,2), tags super)")
        h.put("js/1.json", """
            {"id": 1, "name": "a", "price": 1.25, "tags": ["x", "y"]}
            {"id": 2, "NAME": "ignored", "price": null}
            {
              "id": 3,
              "name": "multi"
            }
            """)
        let copy = try await h.run("copy js from 's3://bucket/js/' \(role) json 'auto'")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(try await h.rows("select id, name, price::varchar, json_serialize(tags) from js order by id")
                == [[.integer(1), .text("a"), .text("1.25"), .text("[\"x\",\"y\"]")], [.integer(2), .null, .null, .text("null")],
                    [.integer(3), .text("multi"), .null, .text("null")]])   // JSON_SERIALIZE(NULL) is 'null' (JSON_SERIALIZE page)

        try await h.run("truncate js")
        h.put("js/1.json", #"{"id": 4, "NAME": "upper"}"#)
        #expect(try await h.run("copy js from 's3://bucket/js/' \(role) format as json 'auto ignorecase'").status == .finished)
        #expect(try await h.rows("select id, name from js") == [[.integer(4), .text("upper")]])

        try await h.run("truncate js")
        h.put("paths.json", #"{"jsonpaths": ["$.key", "$['details'].label", "$.amounts[1]"]}"#)
        h.put("nested/1.json", #"{"key": 5, "details": {"label": "deep"}, "amounts": [1, 2.5]}"#)
        let paths = try await h.run("copy js (id, name, price) from 's3://bucket/nested/' \(role) json 's3://bucket/paths.json'")
        #expect(paths.status == .finished, "\(paths.error ?? "")")
        #expect(try await h.rows("select id, name, price::varchar from js") == [[.integer(5), .text("deep"), .text("2.50")]])
    }
}

/// GZIP, BZIP2 and ZSTD inputs, and a truncated one (copy-parameters-file-compression).
@Suite struct CopyCompressionTests {
    private let role = CopyHarness.role

    private func compressed(_ text: String, _ format: CompressionFormat, into h: CopyHarness, key: String) throws {
        let writer = try format.writer(compressingInto: try h.store.writer(for: S3Location(bucket: "bucket", key: key)))
        try writer.write(Array(text.utf8))
        try writer.finish()
    }

    @Test(arguments: [CompressionFormat.gzip, .bzip2, .zstd])
    func loadsCompressedFiles(_ format: CompressionFormat) async throws {
        let h = try CopyHarness()
        try await h.run("create table z (a int, b varchar(10))")
        let rows = (1...500).map { "\($0)|row\($0)\n" }.joined()
        try compressed(rows, format, into: h, key: "z/part-0\(format.fileExtension)")
        let copy = try await h.run("copy z from 's3://bucket/z/' \(role) \(format.rawValue)")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(try await h.rows("select count(*), sum(a), max(b) from z") == [[.integer(500), .integer(125_250), .text("row99")]])
    }

    @Test func aTruncatedGzipFailsTheCopyAndLoadsNothing() async throws {
        let h = try CopyHarness()
        try await h.run("create table z (a int)")
        try compressed((1...2000).map { "\($0)\n" }.joined(), .gzip, into: h, key: "whole.gz")
        let whole = h.store.bytes(at: S3Location(bucket: "bucket", key: "whole.gz"))!
        h.put("cut/part.gz", bytes: Array(whole.prefix(whole.count / 2)))
        let copy = try await h.run("copy z from 's3://bucket/cut/' \(role) gzip")
        #expect(copy.status == .failed)
        #expect(copy.error?.hasPrefix("ERROR: gzip:") == true, "\(copy.error ?? "")")
        #expect(try await h.rows("select count(*) from z") == [[.integer(0)]])
        // Without GZIP the compressed bytes are text: Redshift decides by the keyword, not the name.
        let plain = try await h.run("copy z from 's3://bucket/whole.gz' \(role)")
        #expect(plain.status == .failed)
    }
}

/// ENCODING UTF16, UTF16LE and UTF16BE (copy-parameters-data-conversion).
@Suite struct CopyEncodingTests {
    @Test func loadsUTF16Input() async throws {
        let h = try CopyHarness()
        try await h.run("create table enc (id int, word varchar(20))")
        let text = "1|héllo\n2|𝄞 clef\n"
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        h.put("le.txt", bytes: le)
        h.put("bom.txt", bytes: [0xFF, 0xFE] + le)
        h.put("be.txt", bytes: be)
        for (key, encoding) in [("le.txt", "utf16le"), ("bom.txt", "utf16"), ("be.txt", "utf16be"), ("be.txt", "utf16")] {
            try await h.run("truncate enc")
            let copy = try await h.run("copy enc from 's3://bucket/\(key)' \(CopyHarness.role) encoding \(encoding)")
            #expect(copy.status == .finished, "\(key) \(encoding): \(copy.error ?? "")")
            #expect(try await h.rows("select id, word from enc order by id") == [[.integer(1), .text("héllo")], [.integer(2), .text("𝄞 clef")]])
        }
    }
}

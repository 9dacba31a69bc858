import Testing
@testable import RedshiftSQL

/// COPY's parse (every parameter as written) and analysis (the table, INSERT, the options and their
/// combinations) into a `CopyPlan`.
///
/// - Redshift: r_COPY, r_COPY-alphabetical-parm-list, copy-parameters-data-format,
///   copy-parameters-authorization, copy-parameters-data-conversion, copy-parameters-data-load.
struct CopyStatementTests {
    private static let role = "iam_role 'arn:aws:iam::123456789012:role/R'"

    @Test(arguments: [
        ("copy t from 's3://b/k' iam_role default", "(copy t 's3://b/k' (iam_role default))"),
        ("COPY s.t (a, b) FROM 's3://b/k' WITH CREDENTIALS AS 'aws_iam_role=x' FORMAT AS CSV QUOTE AS '''' DELIMITER ';' IGNOREHEADER 1",
         "(copy s.t (columns a b) 's3://b/k' (credentials 'aws_iam_role=x') (csv) (quote '''') (delimiter ';') (ignoreheader 1))"),
        ("copy t from 's3://b/m' access_key_id 'A' secret_access_key 'S' manifest gzip json 'auto ignorecase' maxerror as 10",
         "(copy t 's3://b/m' (access_key_id 'A') (secret_access_key 'S') (manifest) (gzip) (json 'auto ignorecase') (maxerror 10))"),
        ("copy t from 's3://b/k' iam_role default null as '\\N' acceptinvchars emptyasnull compupdate off statupdate on timeformat 'auto'",
         "(copy t 's3://b/k' (iam_role default) (null '\\N') (acceptinvchars) (emptyasnull) (compupdate off) (statupdate on) (timeformat 'auto'))"),
        ("copy t from 's3://b/k' iam_role default format parquet", "(copy t 's3://b/k' (iam_role default) (parquet))"),
        ("copy t from 's3://b/k' iam_role default encoding utf16le fixedwidth 'a:1,b:2'",
         "(copy t 's3://b/k' (iam_role default) (encoding utf16le) (fixedwidth 'a:1,b:2'))"),
    ])
    func parsesEveryParameter(_ sql: String, _ tree: String) throws {
        #expect(try Parser.parseStatement(sql).tree == tree)
    }

    @Test(arguments: [
        ("copy t from 's3://b/k' iam_role default bogus", "syntax error at or near \"bogus\""),
        ("copy t from 's3://b/k' iam_role default delimiter", "syntax error at end of input"),
        ("copy t from s3 iam_role default", "syntax error at or near \"s3\""),
        ("copy t 's3://b/k'", "syntax error at or near \"'s3://b/k'\""),
        ("copy t from 's3://b/k' iam_role default maxerror 'x'", "syntax error at or near \"'x'\""),
    ])
    func syntaxErrors(_ sql: String, _ message: String) {
        #expect(throws: SQLError.self) { try Parser.parseStatement(sql) }
        do { _ = try Parser.parseStatement(sql) } catch let error as SQLError { #expect(error.message == message) } catch {}
    }

    private func plan(_ sql: String) throws -> CopyPlan {
        let db = try TestDatabase()
        try db.run("create table t (id int identity(1,1), a int not null, b varchar(10) default 'd', c date)")
        guard case .copy(let plan) = try db.translate(sql).kind else { throw SQLError(code: "XX000", message: "not a copy") }
        return plan
    }

    @Test func defaultsAreTextWithPipesAndEveryColumnButIdentity() throws {
        let p = try plan("copy t from 's3://b/k' \(Self.role)")
        #expect(p.format == .delimited(delimiter: [UInt8(ascii: "|")]))
        #expect(p.columns.map(\.name) == ["a", "b", "c"])
        #expect(p.columns.map(\.nullable) == [false, true, true])
        #expect(p.insertSQL.contains("VALUES (NULL, ?1, ?2, ?3)"))
        #expect(p.conversion.nullString == Array("\\N".utf8))
        #expect(p.maxErrors == 0 && p.ignoreHeader == 0 && p.compression == nil && !p.isManifest)
    }

    @Test func columnListExplicitIdsAndOptions() throws {
        let p = try plan("copy t (c, id, a) from 's3://b/k' \(Self.role) explicit_ids csv quote as '%' delimiter ';' gzip maxerror 500000 manifest")
        #expect(p.columns.map(\.name) == ["c", "id", "a"])
        #expect(p.insertSQL.contains("VALUES (?2, ?3, 'd', ?1)"))
        #expect(p.format == .csv(delimiter: [UInt8(ascii: ";")], quote: UInt8(ascii: "%")))
        #expect(p.compression == "gzip")
        #expect(p.maxErrors == 100_000)   // "The upper limit is 100,000" (copy-parameters-data-load)
        #expect(p.isManifest)
    }

    @Test(arguments: [
        ("copy t from 's3://b/k'", "COPY from Amazon S3 needs authorization: IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY"),
        ("copy t from 's3://b/k' iam_role default credentials 'aws_iam_role=arn:aws:iam::123456789012:role/R'",
         "conflicting or redundant options: give only one of IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY"),
        ("copy t from 's3://b/k' credentials 'aws_access_key_id=A;token=T'", CopyOptionSet.invalidCredentials),
        ("copy t from 's3://b/k' \(role) delimiter ',' delimiter ','", "conflicting or redundant options"),
        ("copy t from 's3://b/k' \(role) csv removequotes", "CSV and REMOVEQUOTES cannot be used together"),
        ("copy t from 's3://b/k' \(role) csv escape", "CSV and ESCAPE cannot be used together"),
        ("copy t from 's3://b/k' \(role) csv json", "CSV and JSON cannot be used together"),
        ("copy t from 's3://b/k' \(role) gzip zstd", "GZIP and ZSTD cannot be used together"),
        ("copy t from 's3://b/k' \(role) delimiter '||'", "COPY delimiter must be a single one-byte character"),
        ("copy t from 's3://b/k' \(role) quote '\"'", "QUOTE can only be used with CSV"),
        ("copy t from 's3://b/k' \(role) format parquet ignoreheader 1", "IGNOREHEADER argument is not supported for PARQUET based COPY"),
        ("copy t from 's3://b/k' \(role) format parquet delimiter ','", "DELIMITER argument is not supported for PARQUET based COPY"),
        ("copy t from 's3://b/k' \(role) fixedwidth 'a:1'", "FIXEDWIDTH specification has 1 columns, the table (or column list) has 3"),
        ("copy t (b, b) from 's3://b/k' \(role)", "column \"b\" specified more than once"),
        ("copy t (id) from 's3://b/k' \(role)", "cannot set an identity column to a value"),
        ("copy t (nope) from 's3://b/k' \(role)", "column \"nope\" of relation \"t\" does not exist"),
        ("copy missing from 's3://b/k' \(role)", "relation \"missing\" does not exist"),
        ("copy t from 's3://b/k' \(role) region 'moon'", "Invalid region: 'moon'"),
        ("copy t from 's3://b/k' \(role) dateformat 'epochsecs'", "DATEFORMAT 'epochsecs' is not valid: epochsecs and epochmillisecs are TIMEFORMAT values"),
    ])
    func badOptionsFailWithRedshiftsWords(_ sql: String, _ message: String) throws {
        do {
            _ = try plan(sql)
            Issue.record("expected an error: \(sql)")
        } catch let error as SQLError {
            #expect(error.message == message, "\(sql)")
        }
    }

    @Test func tuningOptionsAreAccepted() throws {
        let p = try plan("copy t from 's3://b/k' \(Self.role) compupdate off statupdate false comprows 1000 readratio 50 region 'us-east-1' acceptanydate trimblanks ignoreblanklines noload")
        #expect(p.region == "us-east-1")
        #expect(p.noLoad && p.ignoreBlankLines && p.conversion.acceptAnyDate && p.conversion.trimBlanks)
    }
}

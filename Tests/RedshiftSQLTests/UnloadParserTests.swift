import Testing
@testable import RedshiftSQL

/// UNLOAD's grammar and option checks (Parser+Unload.swift) and its translation (Translator+Unload.swift).
/// Facts: the Developer Guide's r_UNLOAD (syntax, parameters, what cannot be combined) and
/// copy-parameters-authorization.
struct UnloadParserTests {
    private static let role = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

    private func unload(_ sql: String) throws -> AST.Unload {
        guard case .unload(let unload) = try Parser.parseStatement(sql) else {
            Issue.record("not an UNLOAD: \(sql)")
            throw SQLError(code: "XX000", message: "not an UNLOAD")
        }
        return unload
    }

    private func error(_ sql: String) -> SQLError? {
        do {
            _ = try Parser.parseStatement(sql)
            return nil
        } catch {
            return error as? SQLError
        }
    }

    /// r_UNLOAD › select-statement: a literal inside the query doubles its quotes (`''NV''`).
    @Test func theQuotedSelectIsParsedWithItsQuotesUndoubled() throws {
        let parsed = try unload("unload ('select * from venue where venuestate=''NV''') to 's3://mybucket/unload/' \(Self.role)")
        #expect(parsed.query.tree == "(select (*) (from venue) (where (= venuestate 'NV')))")
        #expect(parsed.location == "s3://mybucket/unload/")
        #expect(parsed.options == UnloadOptions())
        #expect(Translator.parse("unload ('select 1') to 's3://b/p' iam_role default").statementClass == .unload)
    }

    /// r_UNLOAD › Syntax: every option, in any order, with the optional AS.
    @Test func everyOptionIsRead() throws {
        let parsed = try unload("""
            UNLOAD ('select a, b from t') TO 's3://b/p_' IAM_ROLE default FORMAT AS CSV HEADER DELIMITER AS ';'
            NULL AS 'nil' ADDQUOTES GZIP EXTENSION 'csv.gz' PARALLEL OFF MAXFILESIZE AS 10 MB MANIFEST VERBOSE
            PARTITION BY (a) INCLUDE CLEANPATH ENCRYPTED KMS_KEY_ID 'k' REGION AS 'us-west-2'
            """)
        var expected = UnloadOptions()
        expected.format = .csv
        expected.header = true
        expected.delimiter = ";"
        expected.nullAs = "nil"
        expected.addQuotes = true
        expected.compression = .gzip
        expected.fileExtension = "csv.gz"
        expected.parallel = false
        expected.maxFileSize = 10 * 1024 * 1024
        expected.manifest = .verbose
        expected.partitionBy = ["a"]
        expected.partitionInclude = true
        expected.cleanPath = true
        expected.encrypted = true
        expected.kmsKeyId = "k"
        expected.region = "us-west-2"
        #expect(parsed.options == expected)
        #expect(parsed.authorization == .iamRole(nil))
        let fixed = try unload("unload ('select 1') to 's3://b/p' \(Self.role) fixedwidth as 'venueid:3,venuename:39' parallel false allowoverwrite escape")
        #expect(fixed.options.fixedWidth == [.init(label: "venueid", width: 3), .init(label: "venuename", width: 39)])
        #expect(fixed.options.parallel == false && fixed.options.allowOverwrite && fixed.options.escape)
        // r_UNLOAD_command_examples: `delimiter as '\t'` writes tabs.
        #expect(try unload("unload ('select 1') to 's3://b/p' \(Self.role) delimiter as '\\t'").options.delimiter == "\t")
        #expect(try unload("unload ('select 1') to 's3://b/p' \(Self.role) parquet rowgroupsize 64 mb maxfilesize 1 gb").options.maxFileSize == 1024 * 1024 * 1024)
    }

    /// copy-parameters-authorization: the three forms, checked for form only.
    @Test func authorizationIsCheckedForForm() throws {
        #expect(try unload("unload ('select 1') to 's3://b/p' credentials 'aws_access_key_id=AKIA;aws_secret_access_key=S'").authorization
                == .credentials("aws_access_key_id=AKIA;aws_secret_access_key=S"))
        #expect(try unload("unload ('select 1') to 's3://b/p' access_key_id 'A' secret_access_key 'S' session_token 'T'").authorization
                == .accessKey(id: "A", secret: "S", sessionToken: "T"))
        for bad in ["iam_role 'not-an-arn'", "credentials 'aws_access_key_id=A'", "access_key_id 'A'", "",
                    "\(Self.role) access_key_id 'A' secret_access_key 'S'"] {
            #expect(error("unload ('select 1') to 's3://b/p' \(bad)") != nil, "\(bad)")
        }
    }

    /// r_UNLOAD › FORMAT: "You can't use CSV with FIXEDWIDTH. You can't use PARQUET with DELIMITER,
    /// FIXEDWIDTH, ADDQUOTES, ESCAPE, NULL AS, HEADER, GZIP, BZIP2, or ZSTD … You can't use JSON with
    /// DELIMITER, HEADER, FIXEDWIDTH, ADDQUOTES, ESCAPE, or NULL AS"; FIXEDWIDTH with DELIMITER or
    /// HEADER; CLEANPATH with ALLOWOVERWRITE; VERBOSE only after MANIFEST; LIMIT in the outer SELECT.
    @Test(arguments: [
        "csv fixedwidth 'a:1'", "parquet delimiter ','", "parquet fixedwidth 'a:1'", "parquet addquotes", "parquet escape",
        "parquet null as 'x'", "parquet header", "parquet gzip", "format as parquet bzip2", "parquet zstd",
        "json delimiter ','", "json header", "json fixedwidth 'a:1'", "json addquotes", "json escape", "json null as ''",
        "fixedwidth 'a:1' delimiter ','", "fixedwidth 'a:1' header", "cleanpath allowoverwrite", "verbose",
        "delimiter 'ab'", "maxfilesize 1 mb", "maxfilesize 7 gb", "rowgroupsize 64 mb", "header header", "gzip bzip2",
        "kms_key_id 'k'", "parallel maybe", "fixedwidth 'a'",
    ])
    func invalidCombinationsAreRefused(_ options: String) {
        let failure = error("unload ('select 1 as a') to 's3://b/p' \(Self.role) \(options)")
        #expect(failure != nil, "\(options)")
        #expect(failure?.code == "42601", "\(options): \(failure?.message ?? "")")
    }

    @Test func theQueryMustBeASelectWithoutAnOuterLimit() {
        #expect(error("unload ('select * from venue limit 10') to 's3://b/p' \(Self.role)")?.code == "0A000")
        #expect(error("unload ('select * from venue where venueid in (select venueid from venue order by venueid desc limit 10)') to 's3://b/p' \(Self.role)") == nil)
        #expect(error("unload ('delete from t') to 's3://b/p' \(Self.role)") != nil)
        #expect(error("unload ('select from where') to 's3://b/p' \(Self.role)")?.code == "42601")
        #expect(error("unload ('select 1') to '/tmp/x' \(Self.role)") != nil)
    }

    /// r_UNLOAD › PARTITION BY: a column of the query's result; at least one other column.
    @Test func partitionColumnsMustBeInTheResult() throws {
        let db = try TestDatabase()
        try db.run("create table t (a int, b varchar(10))")
        let translation = try db.translate("unload ('select a, b from t') to 's3://b/p/' \(Self.role) partition by (b)")
        guard case .unload(let plan) = translation.kind else { Issue.record("not an unload"); return }
        #expect(plan.options.partitionBy == ["b"])
        #expect(translation.resultColumns.map(\.name) == ["a", "b"])
        #expect(translation.steps.count == 1)
        #expect(throws: SQLError.self) { try db.translate("unload ('select a from t') to 's3://b/p/' \(Self.role) partition by (c)") }
        #expect(throws: SQLError.self) { try db.translate("unload ('select a from t') to 's3://b/p/' \(Self.role) partition by (a)") }
        #expect(throws: SQLError.self) { try db.translate("unload ('select a, a from t') to 's3://b/p/' \(Self.role) json") }
        #expect(throws: SQLError.self) { try db.translate("unload ('select a, b from t') to 's3://b/p/' \(Self.role) fixedwidth 'a:1'") }
        #expect(throws: SQLError.self) { try db.translate("unload ('select * from missing') to 's3://b/p/' \(Self.role)") }
    }

    /// PG_LAST_UNLOAD_COUNT (BIGINT, 0 before any UNLOAD) and PG_LAST_UNLOAD_ID (-1 before any).
    @Test func lastUnloadFunctionsAnswerFromTheContext() throws {
        let db = try TestDatabase()
        #expect(try db.value("select pg_last_unload_count()") == "0")
        #expect(try db.value("select pg_last_unload_id()") == "-1")
        #expect(try db.translate("select pg_last_unload_count()").resultColumns.first?.type == .bigint)
    }

    /// Secrets never reach the logs (LogText): UNLOAD's credentials are masked.
    @Test func secretsAreMaskedInTheLogText() {
        let sql = "unload ('select 1') to 's3://b/p' credentials 'aws_access_key_id=AKIA;aws_secret_access_key=SECRET' csv"
        #expect(Translator.parse(sql).logText == "unload ('select 1') to 's3://b/p' credentials '***' csv")
        #expect(!Translator.parse("unload ('select 1') to 's3://b/p' access_key_id 'AKIA' secret_access_key 'SECRET'").logText.contains("SECRET"))
    }
}

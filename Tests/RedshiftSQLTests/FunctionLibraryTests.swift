import Testing
@testable import RedshiftSQL

/// String, regex, hash, JSON, aggregate and window functions, with the Redshift documentation's
/// examples (page slug beside each) and the digest standards' test vectors.
@Suite struct FunctionLibraryTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        // WINSALES rows of c_Window_functions (sellerid, qty) and a column with NULLs.
        try db.script("""
            CREATE TABLE winsales (salesid INT, sellerid INT, qty INT, qty_shipped INT);
            INSERT INTO winsales VALUES (30001, 3, 10, 10), (10001, 1, 10, 10), (10005, 1, 30, NULL), (40001, 4, 40, NULL),
                (10006, 1, 10, NULL), (20001, 2, 20, 20), (40005, 4, 10, 10), (20002, 2, 20, 20), (30003, 3, 15, NULL),
                (30004, 3, 20, NULL), (30007, 3, 30, NULL);
            """)
    }

    @Test func digestsMatchTheStandardTestVectors() {
        let abc = Array("abc".utf8)
        #expect(Digest.hex(Digest.md5([])) == "d41d8cd98f00b204e9800998ecf8427e")  // RFC 1321
        #expect(Digest.hex(Digest.md5(abc)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(Digest.hex(Digest.sha1(abc)) == "a9993e364706816aba3e25717850c26c9cd0d89d")  // FIPS 180-4 examples
        #expect(Digest.hex(Digest.sha256(abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex(Digest.sha256(abc, truncatedTo224: true)) == "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
        #expect(Digest.hex(Digest.sha512(abc, truncatedTo384: true)).hasPrefix("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"))
        #expect(Digest.hex(Digest.sha512(abc)).hasPrefix("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"))
        let long = Array(String(repeating: "a", count: 200).utf8)  // several blocks (Python hashlib's digests)
        #expect(Digest.hex(Digest.md5(long)) == "887f30b43b2867f4a9accceee7d16e6c")
        #expect(Digest.hex(Digest.sha1(long)) == "e61cfffe0d9195a525fc6cf06ca2d77119c24a40")
        #expect(Digest.hex(Digest.sha256(long)).hasPrefix("c2a908d98f5df987"))
        #expect(Digest.hex(Digest.sha512(long)).hasPrefix("4b11459c33f52a22"))
    }

    @Test func hashesMatchTheDocumentation() throws {
        #expect(try db.value("select md5('Amazon Redshift')") == "f7415e33f972c03abd4f3fed36748f7a")  // r_MD5
        #expect(try db.value("select fnv_hash(1)") == "-5968735742475085980")  // r_FNV_HASH
        #expect(try db.value("select fnv_hash(1::smallint)") == "589727492704079044")
        #expect(try db.value("select fnv_hash(1::bigint)") == "-8517097267634966620")
        #expect(try db.value("select fnv_hash('Amazon Redshift', fnv_hash(1))") == "-2202602717770968555")
        #expect(try db.value("select fnv_hash('cd', fnv_hash('ab'))") == "-281581062704388899")
        #expect(try db.value("select sha2('x', 7)") == "")  // SHA2: an invalid bit length gives an empty string
        #expect(try db.value("select checksum(109.20::decimal(8,2))") == "10920")  // r_CHECKSUM
    }

    @Test func regularExpressionsMatchTheDocumentation() throws {
        #expect(try db.value("SELECT regexp_count('abcdefghijklmnopqrstuvwxyz', '[a-z]{3}')") == "8")  // REGEXP_COUNT
        #expect(try db.value("SELECT regexp_count('the fox', 'FOX', 1, 'i')") == "1")
        #expect(try db.value("SELECT regexp_instr('the fox', 'FOX', 1, 1, 0, 'i')") == "5")  // REGEXP_INSTR
        #expect(try db.value("SELECT regexp_instr('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 2, 0, 'ip')") == "15")
        #expect(try db.value("select regexp_substr('This is a cat, this is a dog. This is a mouse.', 'this is a (\\\\w+)', 1, 2, 'ie')") == "dog")
        #expect(try db.value("SELECT regexp_substr('the fox', 'cat')") == nil)
        #expect(try db.value("SELECT regexp_replace('the fox', 'FOX', 'quick brown fox', 1, 'i')") == "the quick brown fox")
        #expect(try db.value("SELECT regexp_replace('abc', '(b)', '[\\\\1]')") == "a[b]c")
        #expect(try db.value("SELECT 'Hello' ~* 'hel'") == "t")
        #expect(try db.value("SELECT 'Hello' !~* 'hel'") == "f")
        #expect(try db.value("SELECT 'start_time' SIMILAR TO '%start^_%' ESCAPE '^'") == "t")
        #expect(try db.value("SELECT 'startXtime' SIMILAR TO '%start^_%' ESCAPE '^'") == "f")
    }

    @Test func jsonFunctionsMatchTheDocumentation() throws {
        #expect(try db.value(#"select json_extract_path_text('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}','f4', 'f6')"#) == "star")
        #expect(try db.value(#"select json_extract_path_text('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}','f4', 'f6',true)"#) == nil)
        #expect(throws: SQLError.self) { try db.value(#"select json_extract_path_text('{"f2":{"f3":1}','f2')"#) }
        #expect(try db.value(#"select json_extract_path_text('{"farm": {"barn": {}}}', 'farm', 'barn', 'color')"#) == nil)
        #expect(try db.value("select json_extract_array_element_text('[111,112,113]', 2)") == "113")
        #expect(try db.value("select json_extract_array_element_text('[111,112,113]', 5)") == "")
        #expect(try db.value(#"select json_array_length('[11,12,13,{"f1":21,"f2":[25,26]},14]')"#) == "5")
        #expect(try db.value("select is_valid_json('[1,2,3]')") == "f")
        #expect(try db.value(#"select is_valid_json('{"a": [1,2,"b"]}')"#) == "t")
        #expect(try db.value("select is_valid_json_array('[1,2,]')") == "f")
        #expect(try db.value(#"SELECT JSON_SERIALIZE(JSON_PARSE('[10001, 10002, "abc"]'))"#) == #"[10001,10002,"abc"]"#)
    }

    @Test func stringFunctionsMatchTheDocumentation() throws {
        #expect(try db.value("select strtol('abcd1234',16)") == "2882343476")  // r_STRTOL
        #expect(try db.value("select strtol('0xf',16)") == "15")
        #expect(try db.value("select ascii('')") == "0")  // r_ASCII
        #expect(try db.value("select translate('mint tea', 'inea', 'osin')") == "most tin")  // r_TRANSLATE
        #expect(try db.value("select btrim('xyzaxyzbxyzcxyz', 'xyz')") == "axyzbxyzc")  // r_BTRIM
        #expect(try db.value("select quote_ident('Musicals')") == "\"Musicals\"")  // r_QUOTE_IDENT
    }

    @Test func accumulatorsComputePercentilesAndListagg() throws {
        // r_WF_PERCENTILE_CONT: seller 3 quantities 10, 15, 20, 30 → 17.5; DESC 0.6 of the WA sales → 2044.20.
        let cont = PercentileAccumulator(continuous: true)
        for q in [10, 15, 20, 30] { try cont.step([.integer(Int64(q * 10)), .real(0.5), .integer(0), .integer(1)]) }
        #expect(try cont.finish() == .integer(175))
        let desc = PercentileAccumulator(continuous: true)
        for s in [607600, 603500, 588100, 281400, 153100, 147600, 117700] { try desc.step([.integer(Int64(s)), .real(0.6), .integer(1), .integer(1)]) }
        #expect(try desc.finish() == .integer(204420))
        let disc = PercentileAccumulator(continuous: false)
        for q in [10, 15, 20, 30] { try disc.step([.integer(Int64(q)), .real(0.5), .integer(0)]) }
        #expect(try disc.finish() == .integer(15))
        let list = ListaggAccumulator()
        for (v, k) in [("b", 2), ("a", 1), ("", 3), ("a ", 4)] { try list.step([.text(v), .text(","), .integer(1), .integer(Int64(k)), .integer(0)]) }
        #expect(try list.finish() == .text("a,b"))
        #expect(try ListaggAccumulator().finish() == .null)
    }

    @Test func windowFormsUseJSONArrays() throws {
        // r_WF_MEDIAN / r_WF_PERCENTILE_DISC with WINSALES.
        let median = try db.text("select distinct sellerid, median(qty) over (partition by sellerid) from winsales order by 1")
        #expect(median == [["1", "10.0"], ["2", "20.0"], ["3", "17.5"], ["4", "25.0"]])
        let disc = try db.text("select distinct sellerid, percentile_disc(0.5) within group (order by qty) over (partition by sellerid) from winsales order by 1")
        #expect(disc == [["1", "10"], ["2", "20"], ["3", "15"], ["4", "10"]])
        let ratio = try db.text("select salesid, ratio_to_report(qty) over (partition by sellerid) from winsales where sellerid = 4 order by 1")
        #expect(ratio == [["40001", "0.8"], ["40005", "0.2"]])
        let lag = try db.text("select salesid, lag(qty_shipped) ignore nulls over (order by salesid) from winsales where sellerid in (1, 2) order by 1")
        #expect(lag == [["10001", "NULL"], ["10005", "10"], ["10006", "10"], ["20001", "10"], ["20002", "20"]])
        let first = try db.text("select distinct first_value(qty_shipped ignore nulls) over (order by salesid desc rows between unbounded preceding and unbounded following) from winsales")
        #expect(first == [["10"]])
    }

    @Test func systemFunctions() throws {
        #expect(try db.value("select has_table_privilege('winsales', 'select')") == "t")
        #expect(throws: SQLError(code: "42P01", message: "relation \"nope\" does not exist", position: 8)) {
            try db.value("select has_table_privilege('nope', 'select')")
        }
        #expect(try db.value("select current_schemas(false)") == "{public}")
        #expect(try db.value("select current_schemas(true)") == "{pg_catalog,public}")
    }
}

import Testing
@testable import RedshiftSQL

/// SUPER values end to end on SQLite: storage as JSON text, PartiQL navigation (lax), unnesting and
/// object unpivoting, the SUPER functions. Expected values from the Developer Guide (page cited).
@Suite struct SuperTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table customers (id int, c super);
            insert into customers values
              (1, json_parse('{"name":"Ann","orders":[{"id":10,"items":[1,2]},{"id":11,"items":[3]}],"attrs":{"color":"red","size":2}}')),
              (2, 'plain'), (3, 5);
            """)
    }

    struct Case: CustomStringConvertible, Sendable {
        let sql: String
        let rows: [[String]]
        var description: String { sql }
    }

    static let cases: [Case] = [
        // r_is_char / r_is_varchar: a string stored into SUPER is a SUPER string.
        Case(sql: "select c from customers where id > 1 order by id", rows: [["\"plain\""], ["5"]]),
        // query-super: navigation; a missing path is NULL (lax).
        Case(sql: "select c.name, c.orders[1].items[0], c.missing, c.name.first from customers where id = 1",
             rows: [["\"Ann\"", "3", "NULL", "NULL"]]),
        Case(sql: "select x.id, o.id, i from customers x, x.c.orders o at i order by i", rows: [["1", "10", "0"], ["1", "11", "1"]]),
        Case(sql: "select it from customers x, x.c.orders o, o.items it order by it", rows: [["1"], ["2"], ["3"]]),
        Case(sql: "select k, v from customers x, unpivot x.c.attrs as v at k order by k", rows: [["color", "\"red\""], ["size", "2"]]),
        // Dynamic typing: comparisons read the SUPER side as the other side's type.
        Case(sql: "select id from customers where c.name = 'Ann' or c = 5 order by id", rows: [["1"], ["3"]]),
        // r_subarray, r_array_concat, array_flatten, split_to_array, r_object_function.
        Case(sql: "select subarray(array('a', 'b', 'c', 'd', 'e', 'f'), 2, 3)", rows: [["[\"c\",\"d\",\"e\"]"]]),
        Case(sql: "select array_concat(array(10001,10002),array('ab','cd'))", rows: [["[10001,10002,\"ab\",\"cd\"]"]]),
        Case(sql: "select array_flatten(array(array(1,2,3,4),array(5,6,7,8),array(9,10)))", rows: [["[1,2,3,4,5,6,7,8,9,10]"]]),
        Case(sql: "select split_to_array('12|345|6789', '|')", rows: [["[\"12\",\"345\",\"6789\"]"]]),
        Case(sql: "select object('a', 1, 'b', true, 'c', 3.14)", rows: [["{\"a\":1,\"b\":true,\"c\":3.14}"]]),
        // limitations-super: SUPER cast errors are NULL.
        Case(sql: "select 5::super::bool, 5.0::super::bool", rows: [["t", "NULL"]]),
    ]

    @Test(arguments: cases)
    func rows(_ c: Case) throws {
        #expect(try db.text(c.sql) == c.rows)
    }

    @Test func caseSensitiveAttributesFollowTheSetting() throws {
        // r_enable_case_sensitive_super_attribute
        try db.run("create table tbl (col super)")
        try db.run(#"insert into tbl values (json_parse('{ "A": "HELLO", "a": "123" }'))"#)
        #expect(try db.value("select col.A from tbl") == "\"123\"")
        db.settings["enable_case_sensitive_super_attribute"] = "on"
        #expect(try db.value("select col.A from tbl") == "\"HELLO\"")
    }

    /// r_decimal_precision, r_decimal_scale (3.14159: 6 and 5) and r_SIZE's printed sizes.
    @Test func decimalPrecisionScaleAndSize() throws {
        try db.run("create table t (s super)")
        try db.run("insert into t values (3.14159)")
        #expect(try db.text("select decimal_precision(s), decimal_scale(s) from t") == [["6", "5"]])
        #expect(try db.text("select size(true), size(json_parse('[0,1,2,3]')), size(json_parse('{\"a\":0,\"b\":1,\"c\":2,\"d\":3}'))")
                == [["4", "23", "52"]])
    }

    /// super-configurations: strict navigation and casts fail; lax parsing gives NULL.
    @Test func strictAndLaxModesFollowTheSettings() throws {
        #expect(try db.value("select c.missing from customers where id = 1") == nil)
        db.settings["navigate_super_null_on_error"] = "off"
        #expect(throws: (any Error).self) { _ = try db.run("select c.missing from customers where id = 1") }
        #expect(try db.value("select c.name from customers where id = 1") == "\"Ann\"")
        db.settings["navigate_super_null_on_error"] = "on"
        db.settings["cast_super_null_on_error"] = "off"
        #expect(throws: (any Error).self) { _ = try db.run("select c.name::int from customers where id = 1") }
        db.settings["parse_super_null_on_error"] = "on"
        #expect(try db.value("select json_parse('{nope')") == nil)
    }

    @Test func valuesOver16MBFail() throws {
        // limitations-super: an individual SUPER object holds up to 16 MB.
        let big = String(repeating: "1,", count: 4_500_000) + "1"
        #expect(throws: SQLError.self) { _ = try EmulatedFunctions.named("rs_super_array")!.body(Array(repeating: .text("[" + big + "]"), count: 2)) }
    }
}

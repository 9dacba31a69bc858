"""SUPER and PartiQL through the Data API and the PostgreSQL door: JSON_PARSE, SUPER literals,
navigation with lax semantics, unnesting and object unpivoting in FROM, the SUPER type-information
and array/object functions, casts, and the 16 MB limit.

Expected values are the Developer Guide's printed results (page named on each test); where a
page gives no printed result, the expected value follows the rule the page states (cited)."""

import json

import pytest

from conftest import fetch_all, query, run, run_ok

psycopg2 = pytest.importorskip("psycopg2")


def failed(client, sql, target) -> str:
    d = run(client, sql, **target)
    assert d["Status"] == "FAILED", sql
    return d["Error"]


def setup(client, target, *sqls):
    for sql in sqls:
        run_ok(client, sql, **target)


# ---- SUPER type-information functions (r_is_* pages: CREATE TABLE t(s SUPER); INSERT; SELECT s, IS_X(s)) ----

@pytest.mark.parametrize("value, function, shown", [
    ("1.22", "IS_DECIMAL", "1.22"),                          # r_is_decimal
    ("5", "IS_BIGINT", "5"),                                 # r_is_bigint
    ("5", "IS_SMALLINT", "5"),                               # r_is_smallint
    ("'t'", "IS_CHAR", '"t"'),                               # r_is_char
    ("'abc'", "IS_VARCHAR", '"abc"'),                        # r_is_varchar
    ("""JSON_PARSE('{"name": "Joe"}')""", "IS_OBJECT", '{"name":"Joe"}'),  # r_is_object
])
def test_type_information_examples(client, target, value, function, shown):
    setup(client, target, "CREATE TABLE t(s SUPER)", f"INSERT INTO t VALUES ({value})")
    assert query(client, f"SELECT s, {function}(s) FROM t", **target) == [[shown, True]]


def test_is_scalar_of_a_navigated_attribute(client, target):
    # r_is_scalar: SELECT s, IS_SCALAR(s.name) FROM t → {"name":"Joe"} | true
    setup(client, target, "CREATE TABLE t(s SUPER)", """INSERT INTO t VALUES (JSON_PARSE('{"name": "Joe"}'))""")
    assert query(client, "SELECT s, IS_SCALAR(s.name) FROM t", **target) == [['{"name":"Joe"}', True]]


def test_type_tests_are_false_for_null_and_other_kinds(client, target):
    # r_is_scalar: "IS_ARRAY, IS_OBJECT, and IS_SCALAR cover all values except nulls"; r_is_bigint:
    # false "for all other values, including null and floating point numbers"; r_is_char: ASCII only.
    got = query(client, "SELECT IS_SCALAR(NULL::super), IS_ARRAY(JSON_PARSE('{}')), IS_OBJECT(JSON_PARSE('[]')), "
                        "IS_BIGINT(JSON_PARSE('1.5')), IS_ARRAY(JSON_PARSE('[]')), IS_CHAR(JSON_PARSE('\"é\"')), "
                        "IS_VARCHAR(JSON_PARSE('\"é\"')), IS_BOOLEAN(JSON_PARSE('true')), IS_SMALLINT(JSON_PARSE('70000')), "
                        "IS_INTEGER(JSON_PARSE('70000'))", **target)
    assert got == [[False, False, False, False, True, False, True, True, False, True]]


# ---- array and object functions ----

def test_subarray_example(client, target):
    # r_subarray
    assert query(client, "SELECT SUBARRAY(ARRAY('a', 'b', 'c', 'd', 'e', 'f'), 2, 3)", **target) == [['["c","d","e"]']]


def test_array_concat_examples(client, target):
    # r_array_concat
    assert query(client, "SELECT ARRAY_CONCAT(ARRAY(10001,10002),ARRAY(10003,10004))", **target) == [["[10001,10002,10003,10004]"]]
    assert query(client, "SELECT ARRAY_CONCAT(ARRAY(10001,10002),ARRAY('ab','cd'))", **target) == [['[10001,10002,"ab","cd"]']]


def test_array_flatten_example(client, target):
    # array_flatten
    assert query(client, "SELECT ARRAY_FLATTEN(ARRAY(ARRAY(1,2,3,4),ARRAY(5,6,7,8),ARRAY(9,10)))", **target) == [["[1,2,3,4,5,6,7,8,9,10]"]]


def test_split_to_array_example(client, target):
    # split_to_array
    assert query(client, "SELECT SPLIT_TO_ARRAY('12|345|6789', '|')", **target) == [['["12","345","6789"]']]
    # "If no delimiter is present, then the default is a comma."
    assert query(client, "SELECT SPLIT_TO_ARRAY('a,b')", **target) == [['["a","b"]']]


def test_object_examples(client, target):
    # r_object_function
    assert query(client, "select object()", **target) == [["{}"]]
    assert query(client, "select object('a', 1, 'b', true, 'c', 3.14)", **target) == [['{"a":1,"b":true,"c":3.14}']]
    assert query(client, "select object('a', object('aa', 1), 'b', array(2,3), 'c', json_parse('{}'))", **target) == [
        ['{"a":{"aa":1},"b":[2,3],"c":{}}']]
    setup(client, target, "create table bar (k varchar, v super)",
          "insert into bar values ('k1', json_parse('[1]')), ('k2', json_parse('{}'))")
    assert sorted(query(client, "select object(k, v) from bar", **target)) == [['{"k1":[1]}'], ['{"k2":{}}']]
    assert "OBJECT could not convert type date to super" in failed(client, "select object('k', '2008-12-31'::date)", target)


def test_json_size_and_array_length(client, target):
    # r_json_size: the number of bytes of the serialized value; r_get_array_length: NULL for a non-array (lax).
    got = query(client, """SELECT JSON_SIZE(JSON_PARSE('{"a":[1,2]}')), GET_ARRAY_LENGTH(JSON_PARSE('[1,[2,3],4]')), """
                        """GET_ARRAY_LENGTH(JSON_PARSE('{"a":1}'))""", **target)
    assert got == [[11, 3, None]]


def test_json_typeof_and_serialize(client, target):
    # r_json_typeof, r_json_serialize
    got = query(client, """SELECT JSON_TYPEOF(JSON_PARSE('{"a":1}')), JSON_TYPEOF(JSON_PARSE('[1]')), JSON_TYPEOF(JSON_PARSE('"x"')), """
                        """JSON_TYPEOF(JSON_PARSE('1.5')), JSON_TYPEOF(JSON_PARSE('true')), JSON_SERIALIZE(JSON_PARSE('{"a" : [1, "b"]}'))""", **target)
    assert got == [["object", "array", "string", "number", "boolean", '{"a":[1,"b"]}']]
    # JSON_SERIALIZE: "If super_expression is NULL, JSON_SERIALIZE returns the JSON string 'null'."
    assert query(client, "SELECT JSON_SERIALIZE(NULL::super)", **target) == [["null"]]


def test_object_transform_example(client, target):
    # r_object_transform_function (the page prints the result "formatted for ease of reading").
    setup(client, target, "CREATE TABLE employees ( col_person SUPER )",
          """INSERT INTO employees VALUES
             ( json_parse(' { "name": { "first": "John", "last": "Doe" }, "age": 25, "ssn": "111-22-3333",
                              "company": "Company Inc.", "country": "U.S." } ') ),
             ( json_parse(' { "name": { "first": "Jane", "last": "Appleseed" }, "age": 34, "ssn": "444-55-7777",
                              "company": "Organization Org.", "country": "Ukraine" } ') )""")
    got = query(client, """SELECT OBJECT_TRANSFORM( col_person KEEP '"name"."first"', '"age"', '"company"', '"country"'
                             SET '"name"."first"', UPPER(col_person.name.first::TEXT), '"age"', col_person.age + 5,
                                 '"company"', 'Amazon' ) AS col_person_transformed FROM employees""", **target)
    assert sorted((json.loads(r[0]) for r in got), key=str) == sorted([
        {"name": {"first": "JOHN"}, "age": 30, "company": "Amazon", "country": "U.S."},
        {"name": {"first": "JANE"}, "age": 39, "company": "Amazon", "country": "Ukraine"},
    ], key=str)
    # "If input isn't a SUPER type object, OBJECT_TRANSFORM returns input"
    assert query(client, "SELECT OBJECT_TRANSFORM(JSON_PARSE('[1]') KEEP '\"a\"')", **target) == [["[1]"]]


# ---- storage, navigation, unnesting, unpivoting ----

def test_a_string_stored_into_super_is_a_super_string(client, target):
    # r_is_char / r_is_varchar: INSERT INTO t VALUES ('t') shows "t" (a SUPER string, quoted).
    setup(client, target, "CREATE TABLE t(id int, s SUPER)", "INSERT INTO t VALUES (1, 'str')", "UPDATE t SET s = 'new' WHERE id = 1")
    d = run_ok(client, "SELECT s, JSON_TYPEOF(s) FROM t", **target)
    page = client.get_statement_result(Id=d["Id"])
    assert page["ColumnMetadata"][0]["typeName"] == "super"
    assert page["Records"] == [[{"stringValue": '"new"'}, {"stringValue": "string"}]]


def test_parameters_store_super_strings(client, target):
    # r_is_varchar: a string stored into SUPER is a SUPER string; a Data API parameter is a string
    # (JSON text needs JSON_PARSE to become an object).
    setup(client, target, "CREATE TABLE p (id int, s SUPER)")
    run_ok(client, "INSERT INTO p VALUES (1, :v), (2, JSON_PARSE(:v))", Parameters=[{"name": "v", "value": '{"a":1}'}], **target)
    got = query(client, "SELECT id, s, IS_VARCHAR(s), s.a FROM p ORDER BY id", **target)
    assert got == [[1, '"{\\"a\\":1}"', True, None], [2, '{"a":1}', False, "1"]]


ORDERS = """JSON_PARSE('{"name":"Ann","orders":[{"id":10,"items":[1,2],"status":"F"},{"id":11,"items":[3],"status":"O"}],
  "attrs":{"color":"red","size":2}}')"""


def _customers(client, target):
    setup(client, target, "CREATE TABLE customers (id int, c super)",
          f"INSERT INTO customers VALUES (1, {ORDERS}), (2, JSON_PARSE('{{\"name\":\"Bo\",\"orders\":[]}}')), (3, 'scalar')")


def test_navigation_with_dots_and_brackets(client, target):
    # query-super: `c.c_orders[0].o_orderkey`; results are SUPER (JSON text).
    _customers(client, target)
    got = query(client, "SELECT c.name, c.orders[0].id, c.orders[1].items[0], c.orders[0]['status'] FROM customers WHERE id = 1", **target)
    assert got == [['"Ann"', "10", "3", '"F"']]


def test_lax_navigation_gives_null(client, target):
    # query-super / r_navigate_super_null_on_error: a missing attribute, an index out of range or a
    # path into a non-object is NULL in lax mode.
    _customers(client, target)
    got = query(client, "SELECT id, c.missing, c.orders[5], c.name.first, c.orders.id FROM customers ORDER BY 1", **target)
    assert got == [[1, None, None, None, None], [2, None, None, None, None], [3, None, None, None, None]]


def test_unnest_arrays_with_index(client, target):
    # query-super "Unnesting queries": FROM t AS c, c.c_orders AS o AT idx; nested levels too.
    _customers(client, target)
    got = query(client, "SELECT x.id, o.id, i FROM customers x, x.c.orders AS o AT i ORDER BY 1, 3", **target)
    assert got == [[1, "10", 0], [1, "11", 1]]
    got = query(client, "SELECT o.id, it FROM customers x, x.c.orders o, o.items it ORDER BY it", **target)
    assert got == [["10", "1"], ["10", "2"], ["11", "3"]]


def test_unnest_with_cast_and_filter(client, target):
    # query-super dynamic typing: o.status compared with a string; ::int reads a SUPER number.
    _customers(client, target)
    got = query(client, "SELECT o.id::int + 1 FROM customers x, x.c.orders o WHERE o.status = 'F'", **target)
    assert got == [[11]]


def test_object_unpivot(client, target):
    # query-super "Object unpivoting": FROM t c, UNPIVOT c.attrs AS value AT attr.
    _customers(client, target)
    got = query(client, "SELECT attr, val FROM customers x, UNPIVOT x.c.attrs AS val AT attr ORDER BY attr", **target)
    assert got == [["color", '"red"'], ["size", "2"]]


def test_group_and_order_by_super(client, target):
    # query-super: SUPER values in GROUP BY / ORDER BY.
    _customers(client, target)
    got = query(client, "SELECT o.status, count(*) FROM customers x, x.c.orders o GROUP BY o.status ORDER BY o.status", **target)
    assert got == [['"F"', 1], ['"O"', 1]]


def test_star_arithmetic_and_conditionals_over_super(client, target):
    # query-super: `SELECT *` includes the unnested element (a SUPER value: a string keeps its quotes);
    # arithmetic on SUPER numbers gives SUPER (r_object_transform_function: col_person.age + 5).
    _customers(client, target)
    got = query(client, "SELECT * FROM customers x, x.c.orders o WHERE x.id = 1 ORDER BY o.id", **target)
    assert [r[2] for r in got] == ['{"id":10,"items":[1,2],"status":"F"}', '{"id":11,"items":[3],"status":"O"}']
    got = query(client, "SELECT x.c.orders[0].id + 1, -x.c.orders[0].id, x.c.name + 1 FROM customers x WHERE id = 1", **target)
    assert got == [["11", "-10", None]]
    got = query(client, "SELECT id FROM customers WHERE c.name IN ('Ann', 'Zed')", **target)
    assert got == [[1]]
    got = query(client, "SELECT id, COALESCE(c.nick, 'none'), c.name || '!' FROM customers ORDER BY id", **target)
    assert got == [[1, '"none"', "Ann!"], [2, '"none"', "Bo!"], [3, '"none"', None]]


def test_casts_limitations_examples(client, target):
    # limitations-super: 5::super::bool is true, 5.0::super::bool is NULL (SUPER cast errors are NULL);
    # a SUPER string casts to DATE.
    assert query(client, "SELECT 5::super::bool, 5.0::super::bool, JSON_PARSE('\"2001-09-08\"')::date", **target) == [[True, None, "2001-09-08"]]
    assert query(client, "SELECT JSON_PARSE('{\"a\":1}')::int, JSON_PARSE('\"x\"')::varchar", **target) == [[None, "x"]]


def test_datetime_does_not_cast_to_super(client, target):
    # limitations-super: "Amazon Redshift doesn't cast date and time types to the SUPER data type."
    assert "cannot cast type date to super" in failed(client, "SELECT '2008-12-31'::date::super", target)


def test_super_over_16_mb_fails(client, target):
    # limitations-super: "An individual SUPER object can hold up to 16 MB of data."
    setup(client, target, "CREATE TABLE big (s super)",
          "INSERT INTO big VALUES (JSON_PARSE('[' || REPEAT('1234567,', 7000) || '1]'))")
    for _ in range(8):  # 56 KB doubled 8 times: 14 MB, within the limit
        run_ok(client, "UPDATE big SET s = ARRAY_CONCAT(s, s)", **target)
    assert query(client, "SELECT JSON_SIZE(s) FROM big", **target) == [[256 * 56002 + 1]]
    # JSON_SERIALIZE: "returns an error when the JSON format exceeds the VARCHAR limit"
    assert "VARCHAR" in failed(client, "SELECT JSON_SERIALIZE(s) FROM big", target)
    assert "16 MB" in failed(client, "UPDATE big SET s = ARRAY_CONCAT(s, s)", target)   # 28 MB
    assert query(client, "SELECT JSON_SIZE(s) FROM big", **target) == [[256 * 56002 + 1]]   # nothing changed


def test_unnesting_a_non_super_value_fails(client, target):
    setup(client, target, "CREATE TABLE plain (id int, v varchar(10))")
    assert "SUPER" in failed(client, "SELECT * FROM plain p, p.v AS e AT i", target)


# ---- the PostgreSQL door: session settings and the wire type ----

def _pg(server):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                            dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


def test_case_sensitive_super_attribute_example(server):
    # r_enable_case_sensitive_super_attribute, with its printed results.
    conn = _pg(server)
    try:
        cur = conn.cursor()
        cur.execute("DROP TABLE IF EXISTS tbl_case")
        cur.execute("CREATE TABLE tbl_case (col SUPER)")
        cur.execute("""INSERT INTO tbl_case VALUES (json_parse('{ "A": "HELLO", "a": "123" }'))""")
        cur.execute("SELECT current_setting('enable_case_sensitive_super_attribute')")   # the default is false
        assert cur.fetchall() == [("off",)]
        cur.execute("SET enable_case_sensitive_super_attribute TO ON")
        cur.execute("SELECT col.A FROM tbl_case")
        assert cur.fetchall() == [('"HELLO"',)]
        assert cur.description[0].name == "a"   # column names are lower case either way
        cur.execute("SELECT col.a FROM tbl_case")
        assert cur.fetchall() == [('"123"',)]
        cur.execute("SET enable_case_sensitive_super_attribute TO OFF")
        cur.execute("SELECT col.A FROM tbl_case")
        assert cur.fetchall() == [('"123"',)]
        # A quoted attribute keeps its case when enable_case_sensitive_identifier is on.
        cur.execute("SET enable_case_sensitive_identifier TO ON")
        cur.execute('SELECT col."A" FROM tbl_case')
        assert cur.fetchall() == [('"HELLO"',)]
        cur.execute("DROP TABLE tbl_case")
    finally:
        conn.close()


def test_super_column_type_on_the_pg_door(server):
    # pgwire.md: super is type OID 4000; the value is its JSON text.
    conn = _pg(server)
    try:
        cur = conn.cursor()
        cur.execute("""SELECT JSON_PARSE('{"a":[1,2]}') AS s""")
        assert cur.description[0].type_code == 4000
        assert cur.fetchall() == [('{"a":[1,2]}',)]
    finally:
        conn.close()


# ---- DECIMAL_PRECISION, DECIMAL_SCALE, SIZE ----

def test_decimal_precision_and_scale_examples(client, target):
    # r_decimal_precision: INSERT INTO t VALUES (3.14159); SELECT decimal_precision(s) → 6.
    # r_decimal_scale: the same table; SELECT decimal_scale(s) → 5.
    setup(client, target, "CREATE TABLE t(s super)", "INSERT INTO t VALUES (3.14159)")
    assert query(client, "SELECT decimal_precision(s) FROM t", **target) == [[6]]
    assert query(client, "SELECT decimal_scale(s) FROM t", **target) == [[5]]


def test_size_example(client, target):
    # r_SIZE: SELECT a, SIZE(a) FROM test_super_size ORDER BY 2, 1 with its printed result.
    setup(client, target, "CREATE TABLE test_super_size(a super)",
          """INSERT INTO test_super_size VALUES ((null)), (TRUE), (json_parse('[0,1,2,3]')),
             (json_parse('{"a":0,"b":1,"c":2,"d":3}'))""")
    got = query(client, "SELECT a, SIZE(a) FROM test_super_size ORDER BY 2, 1", **target)
    assert got == [["true", 4], [None, 4], ["[0,1,2,3]", 23], ['{"a":0,"b":1,"c":2,"d":3}', 52]]


# ---- lax and strict modes (super-configurations) ----

def test_strict_navigation_and_casts_and_lax_parsing(server):
    # super-configurations: "If you try to access a non-existent member of an object or element of
    # an array, Amazon Redshift returns a NULL value if your query is run in the default lax mode.
    # If you run your query in the strict mode, Amazon Redshift returns an error."
    # Defaults: navigate_super_null_on_error=ON, cast_super_null_on_error=ON,
    # parse_super_null_on_error=OFF (r_navigate_super_null_on_error, r_cast_super_null_on_error,
    # r_parse_super_null_on_error). The strict-mode error texts are the emulator's (unverified).
    conn = _pg(server)
    try:
        cur = conn.cursor()
        cur.execute("DROP TABLE IF EXISTS super_modes")
        cur.execute("CREATE TABLE super_modes (s SUPER)")
        cur.execute("""INSERT INTO super_modes VALUES (json_parse('{"a": 1, "arr": [1, 2], "name": "Joe"}'))""")
        for name, default in (("navigate_super_null_on_error", "on"), ("cast_super_null_on_error", "on"),
                              ("parse_super_null_on_error", "off")):
            cur.execute(f"SHOW {name}")
            assert cur.fetchall() == [(default,)]
        cur.execute("SELECT s.b, s.arr[5], s.name::int FROM super_modes")
        assert cur.fetchall() == [(None, None, None)]
        with pytest.raises(psycopg2.Error):
            cur.execute("SELECT json_parse('{not json')")
        cur.execute("SET navigate_super_null_on_error=OFF")
        cur.execute("SELECT s.a, s.arr[1] FROM super_modes")
        assert cur.fetchall() == [("1", "2")]
        for path in ("s.b", "s.arr[5]", "s.a.b"):
            with pytest.raises(psycopg2.Error):
                cur.execute(f"SELECT {path} FROM super_modes")
        cur.execute("SET navigate_super_null_on_error=ON")
        cur.execute("SET cast_super_null_on_error=OFF")
        cur.execute("SELECT s.a::int FROM super_modes")
        assert cur.fetchall() == [(1,)]
        with pytest.raises(psycopg2.Error):
            cur.execute("SELECT s.name::int FROM super_modes")
        cur.execute("SET cast_super_null_on_error=ON")
        cur.execute("SET parse_super_null_on_error=ON")
        cur.execute("SELECT json_parse('{not json') IS NULL, json_parse('[1]')")
        assert cur.fetchall() == [(True, "[1]")]
        cur.execute("DROP TABLE super_modes")
    finally:
        conn.close()

"""JSON, conditional, math and system functions and runtime error texts through the Data API.
Expected values are the Amazon Redshift Database Developer Guide's examples or documented semantics
(page slug in each case id)."""

import pytest

from conftest import wait
from functions_corpus import Error, case, check, module_target

SETUP = [
    "CREATE TABLE test_json (id INT, json_strings VARCHAR(100))",
    "INSERT INTO test_json VALUES (0, '{\"a\":2}'), (2, '{\"a\":{\"b\":{\"c\":1}}}'), (4, '{\"a\": [1,2,\"b\"]}'),"
    " (6, '{{}}'), (8, '{1:\"a\"}'), (10, '[1,2,3]')",
    "CREATE TABLE test_json_arrays (id INT, json_arrays VARCHAR(100))",
    "INSERT INTO test_json_arrays VALUES (0, '[]'), (1, '[\"a\",\"b\"]'), (2, '[\"a\",[\"b\",1,[\"c\",2,3,null]]]'),"
    " (3, '{\"a\":1}'), (4, 'a'), (5, '[1,2,]')",
    "CREATE TABLE sales (salesid INT, commission DECIMAL(8,2))",
    "INSERT INTO sales VALUES (10000, 28.05), (784, 111.15)",
    "CREATE TABLE t_short (c VARCHAR(3))",
]

CASES = [
    # JSON
    case("select json_extract_path_text('{\"f2\":{\"f3\":1},\"f4\":{\"f5\":99,\"f6\":\"star\"}}','f4', 'f6')", "star", "JSON_EXTRACT_PATH_TEXT"),
    case("select json_extract_path_text('{\"f2\":{\"f3\":1},\"f4\":{\"f5\":99,\"f6\":\"star\"}','f4', 'f6')", Error("JSON"), "JSON_EXTRACT_PATH_TEXT"),
    case("select json_extract_path_text('{\"f2\":{\"f3\":1},\"f4\":{\"f5\":99,\"f6\":\"star\"}','f4', 'f6',true)", None, "JSON_EXTRACT_PATH_TEXT"),
    case("select json_extract_path_text('{\"farm\": {\"barn\": {\"color\": \"red\", \"feed stocked\": true}}}', 'farm', 'barn', 'color')", "red", "JSON_EXTRACT_PATH_TEXT"),
    case("select json_extract_path_text('{\"farm\": {\"barn\": {}}}', 'farm', 'barn', 'color')", None, "JSON_EXTRACT_PATH_TEXT"),
    case("select json_extract_path_text('{\"house\": {\"appliances\": {\"washing machine\": {\"brand\": \"Any Brand\", \"color\": \"beige\"}}}}',"
         " 'house', 'appliances', 'washing machine', 'brand')", "Any Brand", "JSON_EXTRACT_PATH_TEXT"),
    case("select json_extract_array_element_text('[111,112,113]', 2)", "113", "JSON_EXTRACT_ARRAY_ELEMENT_TEXT"),
    case("select json_extract_array_element_text('[111,112,113]', 3)", "", "JSON_EXTRACT_ARRAY_ELEMENT_TEXT"),
    case("select json_extract_array_element_text('[111,112,113]', -1)", "", "JSON_EXTRACT_ARRAY_ELEMENT_TEXT"),
    case("select json_extract_array_element_text('[\"a\",[\"b\",1,[\"c\",2,3,null,]]]',1)", Error("JSON"), "JSON_EXTRACT_ARRAY_ELEMENT_TEXT"),
    case("select json_extract_array_element_text('[\"a\",[\"b\",1,[\"c\",2,3,null,]]]',1,true)", None, "JSON_EXTRACT_ARRAY_ELEMENT_TEXT"),
    case("select json_array_length('[11,12,13,{\"f1\":21,\"f2\":[25,26]},14]')", 5, "JSON_ARRAY_LENGTH"),
    case("select json_array_length('[11,12,13,{\"f1\":21,\"f2\":[25,26]},14')", Error("JSON"), "JSON_ARRAY_LENGTH"),
    case("select json_array_length('[11,12,13,{\"f1\":21,\"f2\":[25,26]},14',true)", None, "JSON_ARRAY_LENGTH"),
    case("select id, is_valid_json(json_strings) from test_json order by id",
         [[0, True], [2, True], [4, True], [6, False], [8, False], [10, False]], "IS_VALID_JSON"),
    case("select id, is_valid_json_array(json_arrays) from test_json_arrays order by id",
         [[0, True], [1, True], [2, True], [3, False], [4, False], [5, False]], "IS_VALID_JSON_ARRAY"),
    case("SELECT JSON_SERIALIZE(JSON_PARSE('[10001,10002,\"abc\"]'))", "[10001,10002,\"abc\"]", "JSON_SERIALIZE"),
    case("SELECT JSON_TYPEOF(JSON_PARSE('[10001,10002,\"abc\"]'))", "array", "JSON_PARSE"),
    case("SELECT CAN_JSON_PARSE('[10001,10002,\"abc\"]')", True, "CAN_JSON_PARSE"),
    # Conditional
    case("select nvl(null, null, 'x')", "x", "r_NVL_function"),
    case("select coalesce(null, 2, 3)", 2, "r_NVL_function"),
    case("select nvl2(null, 'yes', 'no'), nvl2(1, 'yes', 'no')", [["no", "yes"]], "r_NVL2"),
    case("select decode(null, null, 1234, 2345)", 1234, "r_DECODE_expression"),
    case("select decode('NHL', 'NHL', 'National Hockey League', 'MLB', 'Major League Baseball', 'Unknown')", "National Hockey League", "r_DECODE_expression"),
    case("select decode('XYZ', 'NHL', 'National Hockey League', 'Unknown')", "Unknown", "r_DECODE_expression"),
    case("select nullif('', '')", None, "r_NULLIF_function"),
    case("select nullif(4, 2)", 4, "r_NULLIF_function"),
    case("select greatest('Lars', 'Ratliff'), least('Lars', 'Ratliff')", [["Ratliff", "Lars"]], "r_GREATEST_LEAST"),
    case("select greatest(1, null, 3)", 3, "r_GREATEST_LEAST"),
    # Math
    case("select round(commission), round(commission, 1), round(commission, -1) from sales where salesid = 10000", [["28", "28.1", "30"]], "r_ROUND"),
    case("select trunc(commission), trunc(commission, 1), trunc(commission, -1) from sales where salesid = 784", [["111", "111.1", "110"]], "r_TRUNC"),
    case("select ceiling(commission), floor(commission) from sales where salesid = 10000", [["29", "28"]], "r_CEILING_FLOOR"),
    case("select sign(commission) from sales where salesid = 10000", "1", "r_SIGN"),
    case("SELECT MOD(10, 4)", 2, "r_MOD"),
    case("SELECT MOD(10.5, 4)", "2.5", "r_MOD"),
    case("SELECT MOD(CAST(16.4 as integer), 5)", 1, "r_MOD"),
    case("SELECT mod(5,2) = 0 as is_even", False, "r_MOD"),
    case("select log(100)", 2.0, "r_LOG"),
    case("select ln(2.718281828)", 0.9999999998311267, "r_LN"),
    case("select pi()", 3.141592653589793, "r_PI"),
    case("select cbrt(27.0)", 3.0, "r_CBRT"),
    case("select power(2, 10), pow(2, 0.5)", [[1024.0, 1.4142135623730951]], "r_POWER"),
    case("select exp(0), dexp(1)", [[1.0, 2.718281828459045]], "r_EXP"),
    case("select dlog10(1000), dlog1(1)", [[3.0, 0.0]], "r_DLOG10"),
    case("select random() < 1 and random() >= 0", True, "r_RANDOM"),
    # System information
    case("select current_database()", "dev", "r_CURRENT_DATABASE"),
    case("select current_schema()", "public", "r_CURRENT_SCHEMA"),
    case("select current_schemas(false)", "{public}", "r_CURRENT_SCHEMAS"),
    case("select current_schemas(true)", "{pg_catalog,public}", "r_CURRENT_SCHEMAS"),
    case("select has_table_privilege('awsuser', 'sales', 'select')", True, "r_HAS_TABLE_PRIVILEGE"),
    case("select has_table_privilege('no_such_table', 'select')", Error('relation "no_such_table" does not exist'), "r_HAS_TABLE_PRIVILEGE"),
    case("select has_schema_privilege('awsuser', 'public', 'create')", True, "r_HAS_SCHEMA_PRIVILEGE"),
    case("select version() like 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.%'",
         True, "r_VERSION"),
    # Runtime errors as Redshift prints them
    case("select 1/0", Error("division by zero"), "r_numeric_computations201"),
    case("select commission / (salesid - salesid) from sales", Error("division by zero"), "r_numeric_computations201"),
    case("select 'abc'::int", Error('invalid input syntax for'), "r_CAST_function"),
    case("select 'abc'::decimal(5,2)", Error('invalid input syntax for type numeric: "abc"'), "r_CAST_function"),
    case("select 'maybe'::boolean", Error('invalid input syntax for type boolean: "maybe"'), "r_CAST_function"),
    case("select 33000::smallint", Error("smallint out of range"), "r_Examples_with_numeric_types201"),
    case("insert into t_short values ('abcd')", Error("value too long for type character varying(3)"), "r_Character_types"),
]


@pytest.fixture(scope="module")
def tables(client):
    return module_target(client, SETUP)


@pytest.mark.parametrize("sql,expected", CASES)
def test_misc_function(client, tables, sql, expected):
    check(client, tables, sql, expected)


# r_PG_BACKEND_PID: "returns the process ID (PID) of the server process handling the current
# session" — the same pid DescribeStatement reports as RedshiftPid, stable within a session.
def test_pg_backend_pid_is_the_sessions_redshift_pid(client, tables):
    first = client.execute_statement(Sql="select pg_backend_pid()", SessionKeepAliveSeconds=60, **tables)
    done = wait(client, first["Id"])
    assert done["Status"] == "FINISHED", done.get("Error")
    pid = client.get_statement_result(Id=first["Id"])["Records"][0][0]["longValue"]
    assert pid == done["RedshiftPid"]
    again = client.execute_statement(Sql="select pg_backend_pid()", SessionId=first["SessionId"])
    assert wait(client, again["Id"])["RedshiftPid"] == pid
    assert client.get_statement_result(Id=again["Id"])["Records"][0][0]["longValue"] == pid

"""Named parameters (data-api.md §8)."""

import pytest

from conftest import error_code, error_of, fetch_all, query, raw_json, rows, run, run_ok, wait

UNUSED_ID = "Parameters list contains unused parameters. Unused parameters: [id]"


def P(**kw):
    return [{"name": k, "value": v} for k, v in kw.items()]


def test_parameters_are_bound_not_spliced(client, target):
    # data-api.md §8: values are bound; a quote in a value cannot break out of the literal.
    run_ok(client, "create table people (id int, name varchar(50))", **target)
    d = run_ok(client, "insert into people values (:id, :name)", Parameters=P(id="1", name="O'Brien"),
               **target)
    assert d["ResultRows"] == 1
    got = query(client, "select name from people where id = :id", Parameters=P(id="1"), **target)
    assert got == [["O'Brien"]]


def test_injection_attempt_is_just_a_value(client, target):
    # data-api.md §8: parameters replace values only, so SQL in a value is data.
    run_ok(client, "create table inj (id int, name varchar(80))", **target)
    evil = "x'); drop table inj; --"
    run_ok(client, "insert into inj values (1, :v)", Parameters=P(v=evil), **target)
    assert query(client, "select name from inj", **target) == [[evil]]


def test_describe_keeps_placeholders_and_parameters(client, target):
    # data-api.md §5.2 / §8: QueryString keeps `:name`; QueryParameters is the list as submitted.
    sql = "select :a::int + 1 as r"
    params = P(a="41")
    d = run_ok(client, sql, Parameters=params, **target)
    assert d["QueryString"] == sql
    assert d["QueryParameters"] == params


def test_cast_parameter(client, target):
    # data-api.md §8: explicit casts work (`:venueid::smallint`).
    got = query(client, "select :x::int + 1 as r", Parameters=P(x="41"), **target)
    assert got == [[42]]


def test_parameter_used_twice(client, target):
    # data-api.md §8: a name may appear several times in the SQL.
    got = query(client, "select :a::int * 2 + :a::int as r", Parameters=P(a="5"), **target)
    assert got == [[15]]


def test_parameter_order_does_not_matter(client, target):
    # data-api.md §8: order in the list does not matter.
    got = query(client, "select :first::int - :second::int as r",
                Parameters=[{"name": "second", "value": "3"}, {"name": "first", "value": "10"}], **target)
    assert got == [[7]]


def test_null_string_is_not_sql_null(client, target):
    # data-api.md §8: there is no way to pass SQL NULL; the value `null` is the string "null".
    d = run_ok(client, "select :v::varchar as s", Parameters=P(v="null"), **target)
    assert client.get_statement_result(Id=d["Id"])["Records"] == [[{"stringValue": "null"}]]


def test_date_string_into_timestamp_column(client, target):
    # data-api.md §8: the date string `2022-02-22` inserted into a TIMESTAMP reads back `2022-02-22 00:00:00.0`.
    run_ok(client, "create table ev (starttime timestamp)", **target)
    run_ok(client, "insert into ev values (:t)", Parameters=P(t="2022-02-22"), **target)
    assert query(client, "select starttime from ev", **target) == [["2022-02-22 00:00:00.0"]]


def test_parameter_in_where_compares_typed(client, target):
    # data-api.md §8: values are strings, implicitly cast by Redshift (int column = '2').
    run_ok(client, "create table nums (n int)", **target)
    run_ok(client, "insert into nums values (1), (2), (10)", **target)
    assert query(client, "select n from nums where n > :lo order by n", Parameters=P(lo="1"), **target) == \
        [[2], [10]]


def test_unused_parameter_is_validation_error(endpoint, client, target):
    # data-api.md §8 / §12: ValidationException, HTTP 400, exact text.
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1", Parameters=P(id="1"), **target)
    assert error_of(ei)[1] == UNUSED_ID
    status, body, _ = raw_json(endpoint, "ExecuteStatement",
                               {"Sql": "select 1", "Parameters": P(id="1"), **target})
    assert status == 400
    assert error_code(body) == "ValidationException"
    assert body["message"] == UNUSED_ID


def test_parameter_only_inside_string_literal_is_unused(client, target):
    # data-api.md §8: text inside single-quoted literals is not parameterised.
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select ':id' as s", Parameters=P(id="1"), **target)
    assert error_of(ei)[1] == UNUSED_ID


def test_parameter_only_inside_comment_is_unused(client, target):
    # data-api.md §8: text inside comments is not parameterised.
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1 /* :id */", Parameters=P(id="1"), **target)
    assert error_of(ei)[1] == UNUSED_ID
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1 -- :id", Parameters=P(id="1"), **target)
    assert error_of(ei)[1] == UNUSED_ID


def test_literal_text_with_colon_is_left_alone(client, target):
    # data-api.md §8: a literal that looks like a parameter stays literal text when the real one is used.
    got = query(client, "select ':id' as lit, :id::int as val", Parameters=P(id="3"), **target)
    assert got == [[":id", 3]]


def test_double_colon_cast_is_not_a_parameter(client, target):
    # data-api.md §8: `::` casts are not placeholders.
    assert query(client, "select '5'::int as n", **target) == [[5]]


def test_missing_parameter_fails_the_statement(client, target):
    # data-api.md §8: a name used in the SQL but missing from a non-empty list -> FAILED statement
    # emulator decision (unverified on AWS): FAILED rather than a ValidationException at submit.
    r = client.execute_statement(Sql="select :a::int + :b::int as r", Parameters=P(a="1"), **target)
    d = wait(client, r["Id"])
    assert d["Status"] == "FAILED"
    assert d.get("Error")


def test_placeholder_without_parameters_is_syntax_error(client, target):
    # data-api.md §8 / §5.3: SQL containing `:name` sent without Parameters fails with
    # `ERROR: syntax error at or near ":"` (aws-sdk-pandas issue 3024).
    d = run(client, "select 1 as one where 1 = :x", **target)
    assert d["Status"] == "FAILED"
    assert d["Error"].startswith('ERROR: syntax error at or near ":"')


def test_bad_parameter_name_is_validation_error(client, target):
    # data-api.md §8 / §2.1: names must match [0-9a-zA-Z_]+ (`@id` rejected); botocore does not check
    # patterns, so this reaches the server.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select @id", Parameters=[{"name": "@id", "value": "1"}], **target)


def test_empty_parameter_value_is_validation_error(endpoint, target):
    # data-api.md §8: empty value not allowed (model min length 1; boto3 rejects client side, so raw).
    status, body, _ = raw_json(endpoint, "ExecuteStatement",
                               {"Sql": "select :v::varchar", "Parameters": P(v=""), **target})
    assert status == 400
    assert error_code(body) == "ValidationException"


def test_empty_parameters_list_is_validation_error(endpoint, target):
    # data-api.md §3.1: Parameters has >= 1 item when present (raw: botocore checks min).
    status, body, _ = raw_json(endpoint, "ExecuteStatement", {"Sql": "select 1", "Parameters": [], **target})
    assert status == 400
    assert error_code(body) == "ValidationException"


def test_parameters_on_batch_are_shared(client, target):
    # data-api.md §3.2 / §7: one Parameters list shared by all SQLs of a batch.
    run_ok(client, "create table bp (i int)", **target)
    r = client.batch_execute_statement(
        Sqls=["insert into bp values (:v::int)", "select i from bp where i = :v::int"],
        Parameters=P(v="7"), **target)
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED", d.get("Error")
    assert rows(fetch_all(client, r["Id"] + ":2")) == [[7]]

"""Malformed requests: each gets a 4xx JSON error and the server stays up
(DESIGN.md "Errors are data, never crashes"; data-api.md §1.4: never 5xx for deterministic failures)."""

import json
import random
import uuid

import botocore.session
import pytest
import requests

from conftest import health, raw, run_ok

MODEL = botocore.session.get_session().get_service_model("redshift-data")
OPS = sorted(MODEL.operation_names)  # the 12 operations of botocore 1.44.5


def _check_4xx_json(resp, what):
    """Returns None if the response is a 4xx JSON error with __type, else a description."""
    if not 400 <= resp.status_code < 500:
        return f"{what}: HTTP {resp.status_code} {resp.text[:200]!r}"
    try:
        body = resp.json()
    except ValueError:
        return f"{what}: HTTP {resp.status_code} non-JSON body {resp.text[:200]!r}"
    if not isinstance(body, dict) or not body.get("__type"):
        return f"{what}: HTTP {resp.status_code} JSON without __type {resp.text[:200]!r}"
    return None


def _check_no_5xx(resp, what):
    """For inputs where AWS might reasonably accept the request: any non-5xx answer, always JSON."""
    if resp.status_code >= 500:
        return f"{what}: HTTP {resp.status_code} {resp.text[:200]!r}"
    try:
        resp.json()
    except ValueError:
        return f"{what}: HTTP {resp.status_code} non-JSON body {resp.text[:200]!r}"
    return None


@pytest.fixture(scope="module")
def http():
    with requests.Session() as s:
        yield s


@pytest.fixture(scope="module")
def base_bodies(client):
    """A valid request body per operation (the mutations below break exactly one thing)."""
    cid = f"robust-{uuid.uuid4().hex[:8]}"
    conn = {"ClusterIdentifier": cid, "Database": "dev", "DbUser": "awsuser"}
    run_ok(client, "create table rb (i int)", **conn)
    sid = run_ok(client, "select 1", **conn)["Id"]
    return {
        "BatchExecuteStatement": {"Sqls": ["select 1"], **conn},
        "CancelStatement": {"Id": sid},
        "DescribeStatement": {"Id": sid},
        "DescribeTable": {"Table": "rb", **conn},
        "ExecuteStatement": {"Sql": "select 1", **conn},
        "GetStatementResult": {"Id": sid},
        "GetStatementResultV2": {"Id": sid},
        "ListDatabases": dict(conn),
        "ListSchemas": dict(conn),
        "ListSessions": {},
        "ListStatements": {},
        "ListTables": dict(conn),
    }


def _assert_all(failures, endpoint, total):
    ok = health(endpoint).status_code == 200
    assert ok, "server not healthy after malformed requests"
    assert not failures, f"{len(failures)} of {total} malformed requests mishandled:\n" + "\n".join(failures[:40])


def test_random_bytes_bodies(endpoint, http):
    rnd = random.Random(1234)
    failures, total = [], 0
    for op in OPS:
        for _ in range(8):
            while True:
                body = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 400)))
                if not body.strip():
                    continue
                try:
                    if isinstance(json.loads(body), dict):
                        continue
                except (ValueError, UnicodeDecodeError):
                    pass
                break
            total += 1
            err = _check_4xx_json(raw(endpoint, op, body, session=http), f"{op} random bytes {body[:20]!r}")
            if err:
                failures.append(err)
    _assert_all(failures, endpoint, total)


WRONG = {
    "string": [123, {"x": 1}, ["a"], True],
    "integer": ["5", 1.5, {"x": 1}, True],
    "boolean": ["true", 0, [True]],
    "list": ["select 1", {"a": 1}, [1, 2]],
}


def test_wrong_types_for_every_member(endpoint, http, base_bodies):
    failures, total = [], 0
    for op in OPS:
        shape = MODEL.operation_model(op).input_shape
        for name, member in shape.members.items():
            for bad in WRONG.get(member.type_name, []):
                body = dict(base_bodies[op])
                body[name] = bad
                total += 1
                err = _check_4xx_json(raw(endpoint, op, body, session=http), f"{op}.{name}={bad!r}")
                if err:
                    failures.append(err)
            if member.type_name == "list" and member.member.type_name == "structure":
                for bad_item in ([1], ["x"], [{"name": 1, "value": "v"}], [{"name": "n", "value": 2}],
                                 [{"name": "n"}], [{}]):
                    body = dict(base_bodies[op])
                    body[name] = bad_item
                    total += 1
                    err = _check_4xx_json(raw(endpoint, op, body, session=http), f"{op}.{name}={bad_item!r}")
                    if err:
                        failures.append(err)
    assert total > 150
    _assert_all(failures, endpoint, total)


def test_huge_and_out_of_range_numbers(endpoint, http, base_bodies):
    failures, total = [], 0
    numbers = ["1e400", "-1e400", "18446744073709551616", "-9223372036854775809",
               "99999999999999999999999999999999", "2147483648", "1e10", "-1", "0.5"]
    for op in OPS:
        shape = MODEL.operation_model(op).input_shape
        for name, member in shape.members.items():
            if member.type_name != "integer":
                continue
            for num in numbers:
                if num == "-1" and member.metadata.get("min", 0) < 0:
                    continue
                body = {k: v for k, v in base_bodies[op].items() if k != name}
                text = json.dumps(body)[:-1] + (", " if body else "") + f'"{name}": {num}}}'
                total += 1
                err = _check_4xx_json(raw(endpoint, op, text, session=http), f"{op}.{name}={num}")
                if err:
                    failures.append(err)
    assert total > 40
    _assert_all(failures, endpoint, total)


def test_nested_garbage_and_non_objects(endpoint, http, base_bodies):
    deep_list = "[" * 10000 + "]" * 10000
    deep_obj = '{"a":' * 5000 + "1" + "}" * 5000
    # Not a JSON object at all, or not JSON: a client error for every operation.
    bodies = [
        "[]", '"just a string"', "123", "true", "[{}]", deep_list,
        '{"Sql": "select 1", "ClusterIdentifier": "abc"',  # truncated
        '{"Sql": "select 1",, "ClusterIdentifier": "abc"}',
        "{'Sql': 'select 1'}",
        '{"Sql": "select 1" "ClusterIdentifier": "abc"}',
        '{"Sql": NaN}', '{"MaxResults": Infinity}', '{"Sql": "\\x41"}', '{"Sql": "\\u12"}',
        '{"Sql": "select 1"} trailing', "{" * 10000,
        "<xml><Sql>select 1</Sql></xml>",
    ]
    failures, total = [], 0
    for op in OPS:
        for b in bodies:
            total += 1
            err = _check_4xx_json(raw(endpoint, op, b, session=http), f"{op} body {b[:40]!r}")
            if err:
                failures.append(err)
        # Deeply nested garbage in place of each member the operation knows.
        for name in MODEL.operation_model(op).input_shape.members:
            for garbage in (deep_list, deep_obj, '{"Id": {"Id": {"Id": []}}}'):
                base = {k: v for k, v in base_bodies[op].items() if k != name}
                text = json.dumps(base)[:-1] + (", " if base else "") + f'"{name}": {garbage}}}'
                total += 1
                err = _check_4xx_json(raw(endpoint, op, text, session=http), f"{op}.{name}={garbage[:20]}...")
                if err:
                    failures.append(err)
    _assert_all(failures, endpoint, total)


def test_bad_targets_and_content(endpoint, http, base_bodies):
    failures, total = [], 0
    valid = base_bodies["ExecuteStatement"]
    cases = [
        ({"target": None, "op": None}, valid),                                        # no X-Amz-Target
        ({"target": ""}, valid),
        ({"target": "RedshiftData."}, valid),
        ({"target": "RedshiftData"}, valid),
        ({"target": "RedshiftData.NoSuchThing"}, valid),
        ({"target": "Redshift.ExecuteStatement"}, valid),
        ({"target": "DynamoDB_20120810.ExecuteStatement"}, valid),
        ({"target": "RedshiftData.ExecuteStatement.Extra"}, valid),
        ({"target": "RedshiftData." + "X" * 10000}, valid),
        ({"target": ".ExecuteStatement"}, valid),
        ({"op": "ExecuteStatement", "content_type": "application/x-www-form-urlencoded"},
         "Action=ExecuteStatement&Sql=select+1"),
        ({"op": "ExecuteStatement", "content_type": "text/xml"}, "<ExecuteStatement><Sql>1</Sql></ExecuteStatement>"),
        ({"op": "ExecuteStatement", "content_type": "application/octet-stream"}, b"\x00\x01\x02\x03"),
    ]
    for kw, body in cases:
        op = kw.pop("op", "ExecuteStatement") if "target" not in kw else kw.pop("op", None)
        total += 1
        err = _check_4xx_json(raw(endpoint, op, body, session=http, **kw), f"{kw} {str(body)[:40]!r}")
        if err:
            failures.append(err)
    # Oversized bodies: a 2 MB SQL text (over the 100 KB limit) and 5 MB of garbage.
    big_sql = dict(valid, Sql="select '" + "a" * (2 * 1024 * 1024) + "'")
    for what, body in (("2 MB Sql", big_sql), ("5 MB garbage", b"\x07" * (5 * 1024 * 1024))):
        total += 1
        try:
            err = _check_4xx_json(raw(endpoint, "ExecuteStatement", body, session=http), what)
        except requests.ConnectionError as e:  # closing the connection on an oversized body is acceptable
            err = None if health(endpoint).status_code == 200 else f"{what}: {e}"
        if err:
            failures.append(err)
    _assert_all(failures, endpoint, total)


def test_ambiguous_inputs_never_5xx(endpoint, http, base_bodies):
    """Inputs AWS may accept (null members, odd encodings, other content types): any answer but a 5xx."""
    failures, total = [], 0
    valid = base_bodies["ExecuteStatement"]
    variants = [
        ("ExecuteStatement", json.dumps(dict(valid, StatementName=None))),
        ("ExecuteStatement", json.dumps(dict(valid, Parameters=None))),
        ("ListStatements", "null"),
        ("ListStatements", '{"MaxResults": null, "NextToken": null}'),
        ("ExecuteStatement", json.dumps(valid)[:-1] + ', "Sql": "select 2"}'),       # duplicate key
        ("ExecuteStatement", json.dumps(dict(valid, Sql="select '\\ud800' as s")).replace("\\\\ud800", "\\ud800")),
        ("ExecuteStatement", b'{"Sql": "select \'\xff\xfe\'", "ClusterIdentifier": "abc", "Database": "dev"}'),
        ("ExecuteStatement", json.dumps(dict(valid, Sql="select '\u0000' as nul"))),
        ("ExecuteStatement", json.dumps(dict(valid, Sql="select 'ünïcödé 🚀' as u"))),
        ("ExecuteStatement", json.dumps(dict(valid, Sql=""))),
        ("ExecuteStatement", json.dumps(dict(valid, Sql="   "))),
        ("ExecuteStatement", json.dumps(dict(valid, Sql=";"))),
        ("ExecuteStatement", json.dumps(dict(valid, Sql="select 1; select 2"))),
        ("ExecuteStatement", json.dumps(dict(valid, DbUser=""))),
        ("ExecuteStatement", json.dumps(dict(valid, Database=""))),
        ("ExecuteStatement", json.dumps(dict(valid, SecretArn="not-an-arn", DbUser=None))),
        ("ListStatements", json.dumps({"NextToken": "%%%garbage%%%"})),
        ("ListTables", json.dumps(dict(base_bodies["ListTables"], NextToken="\u0000\u0001"))),
        ("ListTables", json.dumps(dict(base_bodies["ListTables"], TablePattern="%" * 5000))),
        ("DescribeTable", json.dumps(dict(base_bodies["DescribeTable"], Table="x" * 100000))),
        ("GetStatementResult", json.dumps(dict(base_bodies["GetStatementResult"], NextToken="A" * 100000))),
        # unknown members (ignored, emulator decision) holding deeply nested values
        ("ListStatements", '{"Unknown": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}"),
        ("ListStatements", '{"Unknown": ' + "[" * 10000 + "]" * 10000 + "}"),
        ("ListStatements", "\ufeff{}"),  # byte-order mark
    ]
    for op, body in variants:
        total += 1
        err = _check_no_5xx(raw(endpoint, op, body, session=http), f"{op} {str(body)[:60]!r}")
        if err:
            failures.append(err)
    for ct in ("text/plain", "application/json", None):
        total += 1
        err = _check_no_5xx(raw(endpoint, "ListStatements", "{}", content_type=ct, session=http), f"content-type {ct}")
        if err:
            failures.append(err)
    # unsigned requests (emulator accepts any or no signature unless verify_signatures is on)
    total += 1
    err = _check_no_5xx(raw(endpoint, "ListStatements", "{}", sign=False, session=http), "unsigned")
    if err:
        failures.append(err)
    _assert_all(failures, endpoint, total)


def test_other_methods_and_paths(endpoint, http):
    """Non-POST methods and unknown paths: client errors, never 5xx, server stays up."""
    failures, total = [], 0
    for method, path in (("GET", "/"), ("PUT", "/"), ("DELETE", "/"), ("PATCH", "/"), ("POST", "/nope"),
                         ("GET", "/nope"), ("POST", "/health/../../etc/passwd"), ("OPTIONS", "/")):
        total += 1
        r = http.request(method, endpoint.rstrip("/") + path,
                         headers={"X-Amz-Target": "RedshiftData.ListStatements",
                                  "Content-Type": "application/x-amz-json-1.1"}, data=b"{}", timeout=10)
        if r.status_code >= 500:
            failures.append(f"{method} {path}: HTTP {r.status_code}")
    _assert_all(failures, endpoint, total)


def test_still_serves_after_abuse(client, endpoint, cluster_id):
    # The server still works normally after everything above.
    assert health(endpoint).status_code == 200
    d = run_ok(client, "select 1", ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser")
    assert client.get_statement_result(Id=d["Id"])["Records"] == [[{"longValue": 1}]]

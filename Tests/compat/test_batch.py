"""BatchExecuteStatement (data-api.md §3.2, §7, §18)."""

import uuid

import pytest

from conftest import UUID4_RE, error_of, fetch_all, query, raw_json, rows, run, run_batch, run_ok, wait

PARENT_ONLY = "BatchExecuteStatement result can only be retrieved with sub-statement id."


def test_batch_sub_statement_ids_and_parent_fields(client, target):
    # data-api.md §7 / §18: parent FINISHED, no QueryString, ResultRows -1, ResultSize -1,
    # RedshiftQueryId 0, Duration > 0, RedshiftPid > 0, HasResultSet true if any sub has rows;
    # subs `<id>:1`, `<id>:2`, … with QueryString as given.
    sqls = ["create table b1 (i int)", "insert into b1 values (1), (2)", "select i from b1 order by i"]
    r = client.batch_execute_statement(Sqls=sqls, **target)
    assert UUID4_RE.match(r["Id"])
    assert r["ClusterIdentifier"] == target["ClusterIdentifier"]
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED", d.get("Error")
    assert "QueryString" not in d
    assert d["ResultRows"] == -1
    assert d["ResultSize"] == -1
    assert d["RedshiftQueryId"] == 0
    assert d["Duration"] > 0
    assert d["RedshiftPid"] > 0
    assert d["HasResultSet"] is True
    assert "Error" not in d
    subs = d["SubStatements"]
    assert [s["Id"] for s in subs] == [f"{r['Id']}:{n}" for n in (1, 2, 3)]
    assert [s["QueryString"] for s in subs] == sqls
    assert [s["Status"] for s in subs] == ["FINISHED"] * 3
    for s in subs:
        assert s["RedshiftQueryId"] > 0
        assert s["Duration"] > 0
        assert "Error" not in s
    assert subs[0]["HasResultSet"] is False
    assert subs[1]["HasResultSet"] is False
    assert subs[1]["ResultRows"] == 2
    assert subs[2]["HasResultSet"] is True
    assert subs[2]["ResultRows"] == 2


def test_batch_of_ddl_only_has_no_result_set(client, target):
    # data-api.md §5.2: on a batch parent HasResultSet is true only if a sub-statement has a result set.
    d = run_batch(client, ["create table b2 (i int)", "insert into b2 values (1)"], **target)
    assert d["Status"] == "FINISHED", d.get("Error")
    assert d["HasResultSet"] is False


def test_describe_sub_statement_id(client, target):
    # data-api.md §3.3: DescribeStatement accepts a sub-statement id `uuid:n`.
    d = run_batch(client, ["select 1", "select 2"], **target)
    sub = client.describe_statement(Id=d["Id"] + ":2")
    assert sub["Id"] == d["Id"] + ":2"
    assert sub["Status"] == "FINISHED"
    assert sub["QueryString"] == "select 2"
    assert sub["HasResultSet"] is True


def test_get_result_by_sub_statement_id(client, target):
    # data-api.md §7: results are fetched per sub-statement id.
    d = run_batch(client, ["select 1 as a", "select 2 as b"], **target)
    assert rows(fetch_all(client, d["Id"] + ":1")) == [[1]]
    page = client.get_statement_result(Id=d["Id"] + ":2")
    assert page["Records"] == [[{"longValue": 2}]]
    assert page["ColumnMetadata"][0]["name"] == "b"


def test_get_result_by_parent_id_is_validation_error(client, target):
    # data-api.md §6.4 / §12 (airflow#40427).
    d = run_batch(client, ["select 1", "select 2"], **target)
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.get_statement_result(Id=d["Id"])
    assert error_of(ei)[1] == PARENT_ONLY


def test_unknown_sub_statement_number(client, target):
    # emulator decision (unverified on AWS): a sub id past the end of the batch does not exist.
    d = run_batch(client, ["select 1"], **target)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as ei:
        client.describe_statement(Id=d["Id"] + ":5")
    assert error_of(ei)[1] == "Query does not exist."


def _failing_batch(client, target, **kw):
    run_ok(client, "create table bt (i int)", **target)
    sqls = ["insert into bt values (1)", "insert into nope values (2)", "insert into bt values (3)"]
    return run_batch(client, sqls, **target, **kw)


def test_transaction_failure_rolls_back_everything(client, target):
    # data-api.md §7 [BAL]: parent FAILED with Error; subs before FINISHED without Error; failing sub FAILED
    # with its Error; nothing of the batch is committed.
    d = _failing_batch(client, target)
    assert d["Status"] == "FAILED"
    assert d["Error"]
    subs = d["SubStatements"]
    assert subs[0]["Status"] == "FINISHED"
    assert "Error" not in subs[0]
    assert subs[1]["Status"] == "FAILED"
    assert 'relation "nope" does not exist' in subs[1]["Error"]
    assert query(client, "select count(*) from bt", **target) == [[0]]


def test_subs_after_failure_never_ran(client, target):
    # emulator decision (unverified on AWS): data-api.md §7 — subs after the failing one stay SUBMITTED
    # (never ran) or ABORTED.
    d = _failing_batch(client, target)
    assert d["SubStatements"][2]["Status"] in {"SUBMITTED", "ABORTED"}


def test_transaction_failure_rolls_back_ddl(client, target):
    # data-api.md §7: one transaction — a table created earlier in the failed batch does not exist.
    d = run_batch(client, ["create table bx (i int)", "select * from nope"], **target)
    assert d["Status"] == "FAILED"
    d2 = run(client, "select * from bx", **target)
    assert d2["Status"] == "FAILED"
    assert 'relation "bx" does not exist' in d2["Error"]


def test_explicit_transaction_mode(client, target):
    # botocore 1.44.5 model: ExecutionMode TRANSACTION is the default; stating it changes nothing.
    d = _failing_batch(client, target, ExecutionMode="TRANSACTION")
    assert d["Status"] == "FAILED"
    assert query(client, "select count(*) from bt", **target) == [[0]]


def test_auto_commit_keeps_earlier_effects(client, target):
    # botocore 1.44.5 model (ExecutionMode doc): AUTO_COMMIT commits each statement individually.
    d = _failing_batch(client, target, ExecutionMode="AUTO_COMMIT")
    assert d["SubStatements"][0]["Status"] == "FINISHED"
    assert d["SubStatements"][1]["Status"] == "FAILED"
    assert [1] in query(client, "select i from bt order by i", **target)


def test_auto_commit_failure_does_not_affect_others(client, target):
    # botocore 1.44.5 model (ExecutionMode doc): "a failure of one statement does not affect the others",
    # read as: later statements still run.
    d = _failing_batch(client, target, ExecutionMode="AUTO_COMMIT")
    assert d["SubStatements"][2]["Status"] == "FINISHED"
    assert query(client, "select i from bt order by i", **target) == [[1], [3]]


def test_describe_reports_execution_mode(client, target):
    # emulator decision (unverified on AWS): DescribeStatement's ExecutionMode (newer model) echoes the mode.
    d = run_batch(client, ["select 1"], ExecutionMode="AUTO_COMMIT", **target)
    assert d["ExecutionMode"] == "AUTO_COMMIT"


def test_bad_execution_mode_is_validation_error(client, target):
    # data-api.md §1.1: botocore does not check enums; the server must.
    with pytest.raises(client.exceptions.ValidationException):
        client.batch_execute_statement(Sqls=["select 1"], ExecutionMode="SOMETIMES", **target)


def test_more_than_40_sqls_is_validation_error(client, target):
    # data-api.md §3.2 / §13: 1–40 SQL strings (botocore checks only the minimum).
    with pytest.raises(client.exceptions.ValidationException):
        client.batch_execute_statement(Sqls=["select 1"] * 41, **target)


def test_exactly_40_sqls_is_fine(client, target):
    # data-api.md §3.2: 40 is the maximum, allowed.
    d = run_batch(client, [f"select {n}" for n in range(1, 41)], **target)
    assert d["Status"] == "FINISHED", d.get("Error")
    assert d["SubStatements"][-1]["Id"] == d["Id"] + ":40"
    assert rows(fetch_all(client, d["Id"] + ":40")) == [[40]]


def test_empty_sqls_is_validation_error(endpoint, target):
    # data-api.md §3.2: at least one SQL (raw: botocore checks min client side).
    status, body, _ = raw_json(endpoint, "BatchExecuteStatement", {"Sqls": [], **target})
    assert status == 400
    assert body["__type"].split("#")[-1] == "ValidationException"


def test_batch_with_explicit_begin_end(client, target):
    # data-api.md §7: transaction control inside the array must be accepted (awslabs/mcp sends
    # ['BEGIN READ ONLY;', sql, 'END;'] and reads SubStatements[1]).
    d = run_batch(client, ["BEGIN READ ONLY;", "select 3 as x", "END;"], **target)
    assert d["Status"] == "FINISHED", d.get("Error")
    assert rows(fetch_all(client, d["SubStatements"][1]["Id"])) == [[3]]


def test_list_statements_shows_batch_once(client, target):
    # data-api.md §7 / §2.3: ListStatements shows the batch once, IsBatchStatement true, QueryStrings.
    name = f"batch-{uuid.uuid4().hex[:8]}"
    sqls = ["select 1", "select 2"]
    d = run_batch(client, sqls, StatementName=name, **target)
    listed = client.list_statements(StatementName=name, Status="ALL")["Statements"]
    assert len(listed) == 1
    item = listed[0]
    assert item["Id"] == d["Id"]
    assert item["IsBatchStatement"] is True
    assert item["QueryStrings"] == sqls
    assert "QueryString" not in item
    assert item["StatementName"] == name
    assert item["Status"] == "FINISHED"

"""Helpers for the function-library corpus (test_sql_functions_*.py): each case is
(SQL, expected, doc page slug). `expected` is a scalar (one row, one column), a list of rows, or
Error("text") for a FAILED statement whose Error contains the text. Values are as the Data API
returns them: longValue → int, stringValue → str (DECIMAL too), booleanValue → bool, NULL → None."""

from __future__ import annotations

import uuid

import pytest

from conftest import fetch_all, rows, run


class Error(str):
    """The statement must fail with an Error containing this text."""


def case(sql: str, expected, slug: str):
    return pytest.param(sql, expected, id=f"{slug}: {sql[:60]}")


def module_target(client, setup: list[str]) -> dict:
    """A fresh cluster for one test module, with `setup` run in it."""
    target = {"ClusterIdentifier": f"functions-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}
    for sql in setup:
        d = run(client, sql, **target)
        assert d["Status"] == "FINISHED", f"{sql!r}: {d.get('Error')}"
    return target


def check(client, target: dict, sql: str, expected) -> None:
    d = run(client, sql, **target)
    if isinstance(expected, Error):
        assert d["Status"] == "FAILED", f"{sql!r} should fail, got {d['Status']}"
        assert expected in d["Error"], d["Error"]
        return
    assert d["Status"] == "FINISHED", f"{sql!r} ended {d['Status']}: {d.get('Error')}"
    got = rows(fetch_all(client, d["Id"]))
    if not isinstance(expected, list):
        expected = [[expected]]
    if isinstance(expected[0], float) or any(isinstance(v, float) for r in expected for v in r):
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            for gv, ev in zip(g, e):
                assert gv == pytest.approx(ev, rel=1e-9) if isinstance(ev, float) else gv == ev, (got, expected)
        return
    assert got == expected, (got, expected)

"""TPC-H at scale factor 0.01 through the Data API, checked against DuckDB (issue 3, acceptance).

DuckDB (`duckdb` + `duckdb-extension-tpch` from PyPI, loaded offline) generates the data and
answers its own 22 TPC-H queries; the emulator gets the same rows through BatchExecuteStatement
(multi-row INSERT … VALUES, each statement under the 100 KB SQL limit), the Redshift DDL of
`tpch/schema.sql`, and the 22 queries written in Redshift dialect (`tpch/qNN.sql`, the
specification's query text with its validation substitution parameters).

Comparison, row by row in ORDER BY order:
- integers and strings exactly (CHAR values compared without their trailing blank padding);
- DECIMAL results exactly at the scale Redshift gives the column (ColumnMetadata.scale): DuckDB's
  DECIMAL rounded half away from zero to that scale must equal the emulator's text. Where DuckDB's
  answer is a DOUBLE (it computes AVG and decimal division in floating point) the emulator's exact
  decimal must lie within one unit of its last place of DuckDB's value;
- doubles to 1e-9 relative.
"""

from __future__ import annotations

import datetime
import decimal
import os
from pathlib import Path

import pytest

from conftest import fetch_all, run_batch, rows, run_ok

duckdb = pytest.importorskip("duckdb")
duckdb_extension_tpch = pytest.importorskip("duckdb_extension_tpch")

TPCH_DIR = Path(__file__).resolve().parent / "tpch"
TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
MAX_SQL_BYTES = 100 * 1024 - 512       # the server's default limits.maxSqlBytes, with room to spare
BATCH_SIZE = 10                         # (≤ 40) small batches: every DescribeStatement poll returns all sub-statement texts


def _duckdb_tpch():
    path = os.path.join(os.path.dirname(duckdb_extension_tpch.__file__),
                        "extensions/v1.5.5/tpch.duckdb_extension")
    con = duckdb.connect(config={"allow_unsigned_extensions": True})
    con.execute(f"LOAD '{path}'")
    con.execute("CALL dbgen(sf=0.01)")
    return con


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (int, decimal.Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.date):
        return f"'{value.isoformat()}'"
    text = str(value).replace("\\", "\\\\").replace("'", "''")
    return f"'{text}'"


def insert_statements(table: str, records) -> list[str]:
    """Multi-row INSERTs of `records`, each below MAX_SQL_BYTES."""
    head = f"INSERT INTO {table} VALUES "
    statements, current, size = [], [], len(head)
    for record in records:
        row = "(" + ", ".join(_literal(v) for v in record) + ")"
        if current and size + len(row) + 2 > MAX_SQL_BYTES:
            statements.append(head + ", ".join(current))
            current, size = [], len(head)
        current.append(row)
        size += len(row) + 2
    if current:
        statements.append(head + ", ".join(current))
    return statements


def split_statements(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


@pytest.fixture(scope="module")
def tpch(client, request):
    """(target, duckdb connection): the 8 tables created and loaded in a fresh cluster."""
    con = _duckdb_tpch()
    target = {"ClusterIdentifier": f"tpch-{os.getpid()}", "Database": "dev", "DbUser": "awsuser"}
    d = run_batch(client, split_statements((TPCH_DIR / "schema.sql").read_text()), **target)
    assert d["Status"] == "FINISHED", d.get("Error")
    statements: list[str] = []
    for table in TABLES:
        statements += insert_statements(table, con.execute(f"SELECT * FROM {table}").fetchall())
    for i in range(0, len(statements), BATCH_SIZE):
        d = run_batch(client, statements[i:i + BATCH_SIZE], timeout=120, **target)
        assert d["Status"] == "FINISHED", d.get("Error")
    for table in TABLES:
        (count,), = con.execute(f"SELECT count(*) FROM {table}").fetchall()
        (loaded,), = _query(client, f"SELECT count(*) FROM {table}", target)[1]
        assert loaded == count, table
    return target, con


def _query(client, sql: str, target: dict):
    d = run_ok(client, sql, timeout=120, **target)
    r = client.get_statement_result(Id=d["Id"])
    metadata = r["ColumnMetadata"]
    return metadata, rows(fetch_all(client, d["Id"]))


def _round(value: decimal.Decimal, scale: int) -> decimal.Decimal:
    return value.quantize(decimal.Decimal(1).scaleb(-scale), rounding=decimal.ROUND_HALF_UP)


def _same(ours, theirs, column: dict) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    type_name = column["typeName"]
    if type_name == "numeric":
        scale = column["scale"]
        mine = decimal.Decimal(ours)
        if mine.as_tuple().exponent != -scale:
            return False  # not rendered at the declared scale
        if isinstance(theirs, float):
            return abs(mine - decimal.Decimal(repr(theirs))) <= decimal.Decimal(1).scaleb(-scale)
        return mine == _round(decimal.Decimal(theirs), scale)
    if type_name in ("float8", "float4"):
        return abs(float(ours) - float(theirs)) <= 1e-9 * max(1.0, abs(float(theirs)))
    if type_name in ("int2", "int4", "int8"):
        return int(ours) == int(theirs)
    if isinstance(theirs, datetime.date):
        return str(ours) == theirs.isoformat()
    return str(ours).rstrip(" ") == str(theirs).rstrip(" ")


@pytest.mark.parametrize("number", range(1, 23))
def test_tpch_query_matches_duckdb(client, tpch, number):
    target, con = tpch
    sql = (TPCH_DIR / f"q{number:02d}.sql").read_text()
    metadata, ours = _query(client, sql, target)
    (reference,), = con.execute(f"SELECT query FROM tpch_queries() WHERE query_nr = {number}").fetchall()
    theirs = con.execute(reference).fetchall()
    assert len(ours) == len(theirs), f"Q{number}: {len(ours)} rows, DuckDB {len(theirs)}"
    assert len(metadata) == len(theirs[0]) if theirs else True
    for index, (mine, expected) in enumerate(zip(ours, theirs)):
        for column, a, b in zip(metadata, mine, expected):
            assert _same(a, b, column), (
                f"Q{number} row {index + 1} column {column['name']} ({column['typeName']}"
                f"({column['precision']},{column['scale']})): emulator {a!r}, DuckDB {b!r}")


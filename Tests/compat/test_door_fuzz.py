"""A bounded run of the door fuzzers (issue 19 item 5; the long mode is scripts/fuzz-doors).

A fixed seed, a few thousand inputs per door: every Data API answer is a well-formed AWS JSON 1.1
response with an error the model names (a constraint violation: 400 ValidationException,
data-api.md §1.4 and §2), never a 5xx; every PostgreSQL input is answered (ReadyForQuery, or an
ErrorResponse with a SQLSTATE and a close) or, for a frame longer than what was sent, waited for;
the server survives, still serves both doors, and leaves no statement running, no session open and
no descriptor behind. The fuzzers themselves: door_fuzz_dataapi.py, door_fuzz_pg.py.
"""

import socket
import struct

import pytest

from door_fuzz import fuzz
from door_fuzz_dataapi import DataAPIFuzzer, Input
from door_fuzz_pg import cstr, frame, startup_packet, error_fields
from conftest import raw

SEED = 20261207


def test_bounded_fuzz_run_of_both_doors():
    results = fuzz(2500, SEED, progress=lambda line: None)
    assert results["dataapi"]["sent"] == 2500
    assert results["postgresql"]["sent"] >= 2500
    # The generator reaches every kind of input it has (a fuzzer that stopped mutating would pass).
    assert len(results["dataapi"]["by_category"]) >= 20, results["dataapi"]["by_category"]
    assert results["dataapi"]["answers"].get("400 ValidationException", 0) > 500
    assert any(key.startswith("error 08P01") for key in results["postgresql"]["outcomes"]), results["postgresql"]
    assert not results["findings"], "\n".join(results["findings"][:30])


# ---- regression tests for what the fuzzers found ---------------------------------------------------

def test_database_name_too_long_for_a_file_is_a_validation_error(endpoint):
    # Found by the Data API fuzzer: a 60,000-character ConnectedDatabase reached SQLite as a file
    # name and came back as 500 InternalServerException ("unable to open database file"). A
    # database name is an identifier of at most 127 bytes (r_names); the answer is a client error.
    for name in ("é" * 60_000, "x" * 128, "%" * 100):
        r = raw(endpoint, "ListTables", {"ClusterIdentifier": "fz-long-db", "Database": "dev",
                                         "ConnectedDatabase": name, "DbUser": "awsuser"})
        assert r.status_code == 400, (name[:10], r.status_code, r.text[:200])
        assert r.json()["__type"] == "ValidationException"
    r = raw(endpoint, "ListTables", {"ClusterIdentifier": "fz-long-db", "Database": "x" * 127, "DbUser": "awsuser"})
    assert r.status_code == 200, r.text[:200]

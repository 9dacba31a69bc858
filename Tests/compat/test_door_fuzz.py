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

from door_fuzz import fuzz
from door_fuzz_pg import error_fields, startup_packet
from conftest import raw

SEED = 20261207


def test_bounded_fuzz_run_of_both_doors():
    results = fuzz({"dataapi": 2000, "postgresql": 1000}, SEED, progress=lambda line: None)
    assert not results["findings"], "\n".join(results["findings"][:30])
    assert results["dataapi"]["sent"] == 2000
    assert results["postgresql"]["sent"] >= 1000
    # The generator reaches every kind of input it has (a fuzzer that stopped mutating would pass).
    assert len(results["dataapi"]["by_category"]) >= 20, results["dataapi"]["by_category"]
    assert results["dataapi"]["answers"].get("400 ValidationException", 0) > 400
    assert results["postgresql"]["outcomes"].get("error 08P01", 0) > 50, results["postgresql"]


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


def test_startup_packet_without_its_terminator_is_refused(server):
    # Found by the PostgreSQL fuzzer: a startup packet cut inside its parameters
    # (`user\0awsuser\0database`, no terminator) logged in. PostgreSQL refuses it with FATAL 08P01
    # "invalid startup packet layout: expected terminator as last byte" (protocol-message-formats.html:
    # "A zero byte is required as a terminator after the last name/value pair").
    packet = startup_packet({"user": "awsuser", "database": "dev"})
    cut = packet[4:-len(b"dev\0\0")]
    with socket.create_connection((server.pg_host, server.pg_port), timeout=10) as sock:
        sock.sendall(struct.pack("!i", len(cut) + 4) + cut)
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
    assert data[:1] == b"E", data
    fields = error_fields(data[5:])
    assert fields["S"] == "FATAL" and fields["C"] == "08P01", fields
    assert fields["M"] == "invalid startup packet layout: expected terminator as last byte"

"""`emulatord import --format userlog`: Redshift's user log into `user` lines (recording format 1.1,
docs/recording-format.md). The user log's file layout is assumed (STL_USERLOG column order,
pipe-delimited like the connection log), not verified against a real log."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT, emulatord_bin

SAMPLE = REPO_ROOT / "recordings" / "sample_userlog.txt"

# recordings/sample_userlog.txt: 10 lines, line 8 cut off (malformed). Written by hand.
EXPECTED_LINES = [
    '{"kind":"user","time":"2024-03-05T13:58:12.337000Z","userId":104,"user":"alice","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2611950}',
    '{"kind":"user","time":"2024-03-05T14:02:09.498000Z","userId":130,"user":"IAM:bob","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073900120,"xid":2612700}',
    '{"kind":"user","time":"2024-03-05T14:02:12.040000Z","userId":116,"user":"carol","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612711}',
    '{"kind":"user","time":"2024-03-05T14:06:30.871000Z","userId":112,"user":"etl_svc","action":"alter","createdb":true,"superuser":false,"catupdate":false,"validUntil":"2024-06-30T00:00:00.000000Z","pid":1073801000,"xid":2612760}',
    '{"kind":"user","time":"2024-03-05T14:10:00.001000Z","userId":108,"user":"userlog1","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073815778,"xid":2612800}',
    '{"kind":"user","time":"2024-03-05T14:10:30.118000Z","userId":108,"user":"report_reader","oldUser":"userlog1","action":"rename","createdb":false,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612811}',
    '{"kind":"user","time":"2024-03-05T14:10:41.500000Z","userId":117,"user":"tmp_loader","action":"create","createdb":true,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612815}',
    '{"kind":"user","time":"2024-03-05T14:11:05.902000Z","userId":112,"user":"etl_svc","action":"alter","createdb":true,"superuser":true,"catupdate":false,"validUntil":"2024-06-30T00:00:00.000000Z","pid":1073801000,"xid":2612822}',
    '{"kind":"user","time":"2024-03-05T14:12:44.016000Z","userId":117,"user":"tmp_loader","action":"drop","createdb":true,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612840}',
]


@pytest.fixture
def tmp_dir():
    with tempfile.TemporaryDirectory(prefix="emulatord-userlog-") as d:
        yield Path(d)


def test_import_user_log(tmp_dir):
    out = tmp_dir / "userlog.jsonl"
    p = subprocess.run([str(emulatord_bin()), "import", "--format", "userlog", str(SAMPLE), "--out", str(out)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "redshift-emulator-recording" and header["version"] == "1.1"
    assert header["source"] == "userlog"
    assert header["statements"] == 0 and header["malformedLines"] == 1
    assert header["inputs"] == [str(SAMPLE)]
    assert lines[1:] == EXPECTED_LINES
    assert p.stderr.splitlines() == [
        f"{SAMPLE}:8: malformed line skipped: expected 11 '|'-separated fields (userid|username|oldusername|action|"
        "usecreatedb|usesuper|usecatupd|valuntil|pid|xid|recordtime), found 4",
        f"emulatord import: 0 statements, 0 sessions, 9 user changes, 1 malformed lines, 0 skipped statements -> {out}",
    ]

"""Crash consistency, the short run (issue 19, item 2; `scripts/crash-check` is the long one): the
server is killed with SIGKILL while 8 clients work, three times, and every operation is then all
there or not at all as its reported outcome requires (DESIGN.md: a statement reported FINISHED
survives `kill -9`; a FAILED one and a failed or rolled-back transaction leave nothing;
BatchExecuteStatement's TRANSACTION mode is all or nothing — Data API Reference)."""

import random

from conftest import emulatord_bin
from crash_consistency import run


def test_sigkill_loses_nothing_committed_and_applies_nothing_half(tmp_path):
    seed = random.randrange(1, 1 << 31)
    lines = []
    report = run(str(emulatord_bin()), str(tmp_path), cycles=3, seed=seed, say=lines.append)
    print(f"seed {seed}: " + report.line())
    assert report.cycles == 3
    assert report.committed > 0 and report.operations > report.committed
    assert report.anomalies == [], f"seed {seed}:\n" + "\n".join(lines)

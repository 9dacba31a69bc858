"""A short soak (issue 19, item 3): the mixed workload of soak_workload.py at 8 clients, twice 30 s on
one server; counts, not timing: every kind of operation ran and ended as expected, sessions end with
their keep-alive, and the second round leaves the server holding no more descriptors or threads than
the first did (pools and event loops fill in the first round; a leak grows with every round).
The 30-minute run is `scripts/soak` (docs/reliability.md).
"""

import collections

import soak_workload
from conftest import emulatord_bin

ROUND_SECONDS = 30
EXTRA_FDS = 4        # slack over the first round's count (a listener's accepted socket in flight)
# Database files are held by the pooled SQLite connections, which the pool opens on demand up to its
# size (a database file and the cluster's principals.db each): they are not compared round to round.
DATABASE_FILE = (".sqlite", ".db", "-wal", "-shm", "-journal")


def not_database_files(descriptors: list[str]) -> list[str]:
    return [d for d in descriptors if not d.endswith(DATABASE_FILE)]
EXTRA_THREADS = 4


def test_short_soak_leaks_nothing(tmp_path):
    soak = soak_workload.Soak(str(emulatord_bin()), str(tmp_path), clients=8, interval=10)
    settle = soak_workload.SESSION_KEEP_ALIVE + 3
    try:
        soak.start()
        soak.workload(ROUND_SECONDS)
        first = soak.quiet_sample(settle)
        first_descriptors = not_database_files(soak.descriptors())
        run = soak.workload(ROUND_SECONDS)
        # data-api.md §9 / the botocore model: a session ends SessionKeepAliveSeconds after its last
        # statement, so none of the workload's sessions may still be listed once that has passed.
        second = soak.quiet_sample(settle)
        second_descriptors = not_database_files(soak.descriptors())
        descriptors = collections.Counter(d.rsplit("/", 1)[-1] for d in soak.descriptors())
    finally:
        soak.close()
    assert run.counts.get("unexpected", 0) == 0, run.errors
    for kind in set(soak_workload.MIX):
        assert run.counts.get(kind, 0) > 0 or (kind == "pg" and run.counts.get("pg_conflict", 0) > 0), (kind, run.counts)
    assert first.sessions == 0 and second.sessions == 0
    assert len(second_descriptors) <= len(first_descriptors) + EXTRA_FDS, (first.fds, second.fds, descriptors)
    assert second.threads <= first.threads + EXTRA_THREADS, (first.threads, second.threads)

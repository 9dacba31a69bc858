"""Input fuzzing of every door (issue 19 item 5): runs the Data API and PostgreSQL fuzzers against a
fresh emulatord and checks, after the inputs, that the server is unharmed.

    python3 Tests/compat/door_fuzz.py --inputs 100000 --seed S [--doors dataapi,postgresql]

(scripts/fuzz-doors runs this.) Exit 1 on any finding. The afterwards checks: the process is alive
and healthy; it still runs a statement through each door; no Data API statement is left running and
no session is left open beyond those asked to live longer; no PostgreSQL connection's session is
left (STV_SESSIONS, `emulatord_postgresql_connections`); the sockets, pipes and other non-file
descriptors are as many as before the run (a few of slack for keep-alive connections closing).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from door_fuzz_dataapi import DataAPIFuzzer  # noqa: E402
from door_fuzz_pg import PGFuzzer  # noqa: E402
from door_fuzz_server import FuzzedServer, settle  # noqa: E402

DESCRIPTOR_SLACK = 4


def non_file_descriptors(server: FuzzedServer) -> int:
    """Sockets and pipes. Not counted: files (a database named by an input is created on first use,
    by design, and its pool opens files on demand) and anon inodes (the PostgreSQL door keeps the
    event loops of up to 32 closed connections for the next ones, ConnectionEventLoops)."""
    kinds = server.descriptors()
    return kinds["socket"] + kinds["pipe"]


def fuzz(inputs, seed: int, doors=("dataapi", "postgresql"), progress=print, server_args=None) -> dict:
    """Runs `inputs` inputs per door (a number, or a dict door → number); returns the figures and
    the findings."""
    if not isinstance(inputs, dict):
        inputs = {door: inputs for door in doors}
    server = FuzzedServer(server_args).start()
    results: dict = {"seed": seed, "inputs_per_door": inputs, "findings": []}
    try:
        run_doors(server, inputs, seed, doors, progress, results)
    except Exception as error:   # a check that could not even ask the server is a finding too
        results["findings"].append(f"the run stopped: {error!r}\n{server.stderr_tail()}")
    finally:
        if not server.alive():
            results["findings"].append(f"the server is not running at the end (exit {server.proc.returncode}):\n{server.stderr_tail()}")
        server.stop()
    return results


def run_doors(server: FuzzedServer, inputs: int, seed: int, doors, progress, results: dict) -> None:
    if True:
        time.sleep(0.5)
        baseline = non_file_descriptors(server)
        results["descriptors_before"] = server.descriptors()
        if "dataapi" in doors:
            started = time.monotonic()
            data_api = DataAPIFuzzer(server.url, seed)
            report = data_api.run(inputs["dataapi"], progress)
            results["dataapi"] = {"sent": report.sent, "seconds": round(time.monotonic() - started, 1),
                                  "by_category": dict(sorted(report.by_category.items())),
                                  "answers": dict(report.answers.most_common()),
                                  "dropped_connections": report.dropped_connections}
            results["findings"] += [f"data-api: {f}" for f in report.failures]
            if not server.alive():
                results["findings"].append(f"the server died during the Data API run:\n{server.stderr_tail()}")
                return
            if not settle(lambda: not data_api.running_statements(), 30):
                results["findings"].append(f"Data API statements left running: {data_api.running_statements()[:10]}")
            short = lambda: [s for s in data_api.open_sessions() if s not in data_api.long_sessions]  # noqa: E731
            if not settle(lambda: not short(), 30):
                results["findings"].append(f"Data API sessions left open past their keep-alive: {short()[:10]}")
            if not data_api.serves_a_statement():
                results["findings"].append("the Data API no longer runs select 41 + 1 after the run")
        if "postgresql" in doors:
            started = time.monotonic()
            pg = PGFuzzer(server.pg_host, server.pg_port, seed)
            report = pg.run(inputs["postgresql"], progress)
            results["postgresql"] = {"sent": report.sent, "connections": report.connections,
                                     "seconds": round(time.monotonic() - started, 1),
                                     "by_category": dict(sorted(report.by_category.items())),
                                     "outcomes": dict(report.outcomes.most_common())}
            results["findings"] += [f"postgresql: {f}" for f in report.failures]
            if not server.alive():
                results["findings"].append(f"the server died during the PostgreSQL run:\n{server.stderr_tail()}")
                return
            # Abandoned half-sent startups end at the startup timeout; everything else at once.
            connections = lambda: server.metrics().get("emulatord_postgresql_connections", 0)  # noqa: E731
            if not settle(lambda: connections() <= 1, 90):
                results["findings"].append(f"PostgreSQL connections left open: {connections()} (the sentinel only expected)")
            data_api_sessions = len(DataAPIFuzzer(server.url, seed).open_sessions()) if server.alive() else 0
            if not settle(lambda: pg.open_sessions() <= 1 + data_api_sessions, 30):
                results["findings"].append(f"sessions left in STV_SESSIONS: {pg.open_sessions()} "
                                           f"(the sentinel and {data_api_sessions} Data API sessions expected)")
            pg.close()
        if not settle(lambda: non_file_descriptors(server) <= baseline + DESCRIPTOR_SLACK, 90):
            results["findings"].append(f"descriptors grew: {results['descriptors_before']} before, {server.descriptors()} after")
        results["descriptors_after"] = server.descriptors()
        if not server.healthy():
            results["findings"].append("GET /health failed after the run")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per door")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--doors", default="dataapi,postgresql")
    parser.add_argument("--json", help="write the figures to this file too")
    args = parser.parse_args()
    results = fuzz(args.inputs, args.seed, tuple(args.doors.split(",")),
                   progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 1 if results["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())

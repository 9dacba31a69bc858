"""The emulatord process a door fuzzer drives, and what it watches in it (issue 19 item 5).

A small launcher of its own (the fuzzers also run outside pytest, from scripts/fuzz-doors): it
starts `emulatord serve --port 0 --pg-port 0`, reads both ready lines, and reads the process's
descriptors and metrics so that a run can tell whether anything leaked.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
READY_HTTP = re.compile(r"^emulatord listening on (http://\S+)\s*$")
READY_PG = re.compile(r"^emulatord listening on postgresql://(\S+):(\d+)\s*$")


def emulatord_bin() -> Path:
    return Path(os.environ.get("EMULATORD_BIN", str(REPO_ROOT / ".build" / "debug" / "emulatord")))


class FuzzedServer:
    """One emulatord process with both doors on free ports."""

    def __init__(self, extra_args: list[str] | None = None):
        self.extra_args = list(extra_args or [])
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.pg_host = ""
        self.pg_port = 0
        self._tmp = tempfile.mkdtemp(prefix="door-fuzz-")
        self.stderr_path = os.path.join(self._tmp, "stderr.log")

    def start(self) -> "FuzzedServer":
        binary = emulatord_bin()
        if not binary.exists():
            raise RuntimeError(f"emulatord not found at {binary}: run `swift build` or set EMULATORD_BIN")
        with open(self.stderr_path, "ab") as err:
            self.proc = subprocess.Popen([str(binary), "serve", "--port", "0", "--pg-port", "0", *self.extra_args],
                                         stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
        lines: list[str] = []
        ready = threading.Event()

        def pump():
            for raw in iter(self.proc.stdout.readline, b""):
                lines.append(raw.decode("utf-8", "replace"))
                if any(READY_PG.match(line.strip()) for line in lines):
                    ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        ready.wait(60)
        for line in lines:
            if m := READY_HTTP.match(line.strip()):
                self.url = m.group(1).rstrip("/")
            if m := READY_PG.match(line.strip()):
                self.pg_host, self.pg_port = m.group(1), int(m.group(2))
        if not self.url or not self.pg_port:
            self.stop()
            raise RuntimeError(f"emulatord did not print both ready lines: {lines!r}\n{self.stderr_tail()}")
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)

    def stderr_tail(self, n: int = 3000) -> str:
        try:
            return Path(self.stderr_path).read_bytes().decode("utf-8", "replace")[-n:]
        except OSError:
            return ""

    # -- what a leak would show ----------------------------------------------------------------
    def descriptors(self) -> dict[str, int]:
        """Open descriptors of the process by kind: socket, pipe, anon (eventfd, epoll…), file."""
        kinds = {"socket": 0, "pipe": 0, "anon": 0, "file": 0}
        fd_dir = f"/proc/{self.proc.pid}/fd"
        for name in os.listdir(fd_dir):
            try:
                target = os.readlink(os.path.join(fd_dir, name))
            except OSError:
                continue
            kind = ("socket" if target.startswith("socket:") else "pipe" if target.startswith("pipe:")
                    else "anon" if target.startswith("anon_inode:") else "file")
            kinds[kind] += 1
        return kinds

    def metrics(self) -> dict[str, float]:
        """The Prometheus samples without labels, and labelled ones summed by metric name."""
        text = urllib.request.urlopen(self.url + "/metrics", timeout=10).read().decode()
        values: dict[str, float] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            name, _, value = line.rpartition(" ")
            base = name.split("{", 1)[0]
            try:
                values[base] = values.get(base, 0.0) + float(value)
            except ValueError:
                pass
        return values

    def healthy(self) -> bool:
        try:
            return urllib.request.urlopen(self.url + "/health", timeout=10).status == 200
        except OSError:
            return False


def settle(predicate, timeout: float = 20.0, step: float = 0.2) -> bool:
    """Polls `predicate` until it is true or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()

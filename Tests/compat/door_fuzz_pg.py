"""Input fuzzing of the PostgreSQL door on raw sockets (issue 19 item 5).

No driver: the fuzzer writes the v3 protocol itself
(https://www.postgresql.org/docs/current/protocol-message-formats.html) so that it can send what no
driver would: startup packets with bad lengths, protocol versions, no user, huge parameters,
SSLRequest/GSSENCRequest/CancelRequest variants; then, on logged-in connections, random and mutated
frontend messages (Parse, Bind, Describe, Execute, Sync, Flush, Close, Query, Terminate, CopyData,
CopyDone, CopyFail, FunctionCall, unknown types) with wrong lengths, truncated frames, negative
counts, bad format codes, mismatched parameter counts and strings without their NUL.

Oracle: a well-framed input followed by Sync is answered (ReadyForQuery, or an ErrorResponse and the
connection closed) within the timeout; every ErrorResponse carries a SQLSTATE, and a malformed
message gets 08P01 (protocol_violation, errcodes-appendix); the server never dies; a sentinel
connection keeps answering `select 1` between inputs (no input stalls the others); and at the end no
connection's session is left (STV_SESSIONS, the connection gauge) once the sockets are closed.
"""

from __future__ import annotations

import random
import socket
import struct
from collections import Counter
from dataclasses import dataclass, field

PROTOCOL_3 = 196608
SSL_REQUEST, GSSENC_REQUEST, CANCEL_REQUEST = 80877103, 80877104, 80877102


def cstr(text: str | bytes) -> bytes:
    return (text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text) + b"\0"


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    return kind + struct.pack("!i", len(payload) + 4) + payload


def startup_packet(params: dict[str, str], version: int = PROTOCOL_3) -> bytes:
    body = struct.pack("!i", version) + b"".join(cstr(k) + cstr(v) for k, v in params.items()) + b"\0"
    return struct.pack("!i", len(body) + 4) + body


class Closed(Exception):
    """The server closed the connection."""


class ServerGone(Exception):
    """The server refuses connections: it died."""


class Silent(Exception):
    """No complete answer within the timeout."""


class Wire:
    """A socket with a buffer of the backend's messages."""

    def __init__(self, host: str, port: int, timeout: float):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except OSError as error:
            raise Closed(str(error))

    def fill(self, n: int) -> None:
        while len(self.buffer) < n:
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise Silent()
            except OSError as error:
                raise Closed(str(error))
            if not chunk:
                raise Closed("eof")
            self.buffer += chunk

    def read_byte(self) -> bytes:
        self.fill(1)
        byte, self.buffer = self.buffer[:1], self.buffer[1:]
        return byte

    def read(self) -> tuple[bytes, bytes]:
        self.fill(5)
        kind = self.buffer[:1]
        (length,) = struct.unpack("!i", self.buffer[1:5])
        if length < 4 or length > 64 * 1024 * 1024:
            raise AssertionError(f"backend message {kind!r} with length {length}")
        self.fill(1 + length)
        payload, self.buffer = self.buffer[5:1 + length], self.buffer[1 + length:]
        return kind, payload

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


def error_fields(payload: bytes) -> dict[str, str]:
    fields = {}
    for part in payload.split(b"\0"):
        if part:
            fields[chr(part[0])] = part[1:].decode("utf-8", "replace")
    return fields


@dataclass
class PGReport:
    sent: int = 0
    by_category: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)      # "ready", "closed", "error 08P01", …
    failures: list[str] = field(default_factory=list)
    connections: int = 0

    def fail(self, text: str) -> None:
        if len(self.failures) < 200:
            self.failures.append(text)


class PGFuzzer:
    """Generates and sends PostgreSQL-door inputs; checks every answer as it comes."""

    def __init__(self, host: str, port: int, seed: int, timeout: float = 15.0):
        self.host, self.port = host, port
        self.rng = random.Random(seed)
        self.timeout = timeout
        self.report = PGReport()
        self.sentinel: Wire | None = None
        self.current: Wire | None = None
        self.statements = ["", "s1", "s2"]
        self.markers = 0
        self.recent: list[str] = []       # the last inputs sent, to name the one a crash followed

    # -- connections ----------------------------------------------------------------------------
    def connect(self) -> Wire:
        self.report.connections += 1
        try:
            return Wire(self.host, self.port, self.timeout)
        except OSError as error:
            raise ServerGone(f"cannot connect ({error!r}); the last inputs: " + " | ".join(self.recent[-5:]))

    def remember(self, text: str) -> None:
        self.recent.append(text[:300])
        del self.recent[:-10]

    def login(self, wire: Wire, params: dict[str, str] | None = None) -> list[tuple[bytes, bytes]]:
        """Startup and authentication up to ReadyForQuery (any password is accepted by default)."""
        wire.send(startup_packet(params or {"user": "awsuser", "database": "dev"}))
        return self.until_ready(wire, password=True)

    def until_ready(self, wire: Wire, password: bool = False) -> list[tuple[bytes, bytes]]:
        """Backend messages up to ReadyForQuery; raises Closed when the server closes instead."""
        messages = []
        while True:
            kind, payload = wire.read()
            messages.append((kind, payload))
            if kind == b"R" and password and struct.unpack("!i", payload[:4])[0] in (3, 5):
                wire.send(frame(b"p", cstr("md5" + "0" * 32)))
            if kind == b"E":
                self.check_error(payload)
            if kind == b"Z":
                return messages

    def check_error(self, payload: bytes, malformed: bool = False, what: str = "") -> str:
        fields = error_fields(payload)
        code = fields.get("C", "")
        if len(code) != 5 or not code.isalnum():
            self.report.fail(f"ErrorResponse without a SQLSTATE: {fields!r} {what}")
        if not fields.get("S") or not fields.get("M"):
            self.report.fail(f"ErrorResponse without severity or message: {fields!r} {what}")
        if code.startswith("XX"):
            self.report.fail(f"internal error {code} {fields.get('M')!r} for {what}")
        return code

    def sentinel_answers(self) -> bool:
        """The sentinel connection runs `select 1`: no input may stall the other connections."""
        try:
            if self.sentinel is None:
                self.sentinel = self.connect()
                self.login(self.sentinel)
            self.sentinel.send(frame(b"Q", cstr("select 1")))
            messages = self.until_ready(self.sentinel)
            return any(kind == b"D" for kind, _ in messages)
        except (Closed, Silent, OSError) as error:
            self.report.fail(f"the sentinel connection got no answer to select 1: {error!r}")
            if self.sentinel:
                self.sentinel.close()
            self.sentinel = None
            return False

    # -- startup inputs (each on a connection of its own) -------------------------------------------
    def startup_input(self) -> None:
        rng = self.rng
        case = rng.randrange(10)
        wire = self.connect()
        try:
            if case == 0:      # a length under 8, negative, or over the 10,000-byte startup limit
                length = rng.choice([0, 4, 7, -1, -2147483648, 10_001, 2_000_000_000])
                self.expect_refusal(wire, "startup_bad_length", struct.pack("!i", length) + struct.pack("!i", PROTOCOL_3) + b"user\0a\0\0")
            elif case == 1:    # protocol versions other than 3.0
                version = rng.choice([0, 1, 131072, 196609, 196608 + 65535, 0x7FFFFFFF, -1, 0x00020000, 1234 << 16])
                # A 3.x minor version may be accepted as 3.0 (PostgreSQL negotiates it down, protocol-flow.html).
                self.expect_refusal(wire, "startup_bad_version", startup_packet({"user": "awsuser", "database": "dev"}, version),
                                    allow_login=version >> 16 == 3)
            elif case == 2:    # no user
                params = rng.choice([{}, {"database": "dev"}, {"user": ""}, {"application_name": "x"}])
                self.expect_refusal(wire, "startup_missing_user", startup_packet(params))
            elif case == 3:    # huge parameters, up to the packet limit and past it
                size = rng.choice([100, 4000, 9900, 12_000, 200_000])
                params = {"user": "awsuser", "database": "dev", "application_name": "a" * size}
                if rng.random() < 0.5:
                    params = {"user": "awsuser", **{f"p{i}": "v" * 10 for i in range(size // 14)}}
                packet = startup_packet(params)
                self.expect_refusal(wire, "startup_huge_params", packet, allow_login=len(packet) <= 10_000)
            elif case == 4:    # SSLRequest or GSSENCRequest, then the startup (or the request again)
                code = rng.choice([SSL_REQUEST, GSSENC_REQUEST])
                self.report.by_category["startup_encryption_request"] += 1
                self.report.sent += 1
                wire.send(struct.pack("!ii", 8, code))
                answer = wire.read_byte()
                if answer not in (b"N", b"S", b"G"):
                    self.report.fail(f"encryption request answered {answer!r}")
                    return
                if answer == b"N":
                    if rng.random() < 0.3:
                        # Asked again: refused again (`N`, a single byte) or a FATAL, never silence.
                        self.report.by_category["startup_encryption_twice"] += 1
                        self.report.sent += 1
                        wire.send(struct.pack("!ii", 8, rng.choice([SSL_REQUEST, GSSENC_REQUEST])))
                        again = wire.read_byte()
                        if again == b"N":
                            self.login(wire)
                            self.report.outcomes["ready"] += 1
                        elif again != b"E":
                            self.report.fail(f"a second encryption request answered {again!r}")
                    else:
                        self.login(wire)
                        self.report.outcomes["ready"] += 1
            elif case == 5:    # CancelRequest: short, long, unknown keys; the server closes without an answer
                variant = rng.randrange(3)
                packet = (struct.pack("!iiii", 16, CANCEL_REQUEST, rng.getrandbits(31), rng.getrandbits(31)) if variant == 0
                          else struct.pack("!iii", 12, CANCEL_REQUEST, 1) if variant == 1
                          else struct.pack("!iiiii", 20, CANCEL_REQUEST, 1, 2, 3))
                self.expect_refusal(wire, "startup_cancel_request", packet, allow_nothing=True)
            elif case == 6:    # strings without their NUL
                body = struct.pack("!i", PROTOCOL_3) + rng.choice([b"user", b"user\0awsuser", b"user\0awsuser\0database", b"\xff\xfe"])
                self.expect_refusal(wire, "startup_nul_less", struct.pack("!i", len(body) + 4) + body, allow_login=False,
                                    allow_nothing=True)
            elif case == 7:    # a length larger than what follows: the server must not wait for ever (startup timeout)
                self.report.by_category["startup_truncated"] += 1
                self.report.sent += 1
                packet = startup_packet({"user": "awsuser", "database": "dev"})
                wire.send(struct.pack("!i", len(packet) + rng.randint(1, 500)) + packet[4:])
                self.report.outcomes["abandoned"] += 1       # checked: the sentinel still answers; nothing left at the end
            elif case == 8:    # a startup, then a message that is not a password during authentication
                self.report.by_category["startup_bad_password_message"] += 1
                self.report.sent += 1
                wire.send(startup_packet({"user": "awsuser", "database": "dev"}))
                kind, payload = wire.read()
                if kind == b"R" and struct.unpack("!i", payload[:4])[0] != 0:
                    wire.send(rng.choice([frame(b"Q", cstr("select 1")), frame(b"p", b"no-nul"), frame(b"p", b""),
                                          frame(b"X"), frame(b"\x00", b"abc"), b"p\xff\xff\xff\xff"]))
                    self.drain_to_close(wire, "startup_bad_password_message", malformed=True)
            else:              # an ordinary login, with options a driver sends
                self.report.by_category["startup_valid"] += 1
                self.report.sent += 1
                params = {"user": "awsuser", "database": rng.choice(["dev", "dev", "Dev", "x" * 127]),
                          "client_encoding": rng.choice(["UTF8", "LATIN1", "bogus"]), "options": rng.choice(["", "-c a=b", "\u00e9"]),
                          "application_name": "fuzz\u00e9"}
                try:
                    self.login(wire, params)
                    self.report.outcomes["ready"] += 1
                    wire.send(frame(b"X"))
                except Closed:
                    self.report.outcomes["closed"] += 1
        except (Closed, Silent):
            self.report.outcomes["closed"] += 1
        finally:
            wire.close()

    def expect_refusal(self, wire: Wire, category: str, packet: bytes, allow_login: bool = False,
                       allow_nothing: bool = False) -> None:
        """Sends a startup-phase packet: an ErrorResponse then a close, or (where allowed) a login or a plain close."""
        self.report.by_category[category] += 1
        self.report.sent += 1
        self.remember(f"[{category}] {packet[:200]!r}")
        wire.send(packet)
        try:
            messages = []
            while True:
                kind, payload = wire.read()
                messages.append(kind)
                if kind == b"R" and struct.unpack("!i", payload[:4])[0] in (3, 5):
                    wire.send(frame(b"p", cstr("md5" + "0" * 32)))
                if kind == b"E":
                    code = self.check_error(payload, what=f"[{category}] {packet[:80]!r}")
                    self.report.outcomes[f"error {code}"] += 1
                    return self.drain_to_close(wire, category, counted=True)
                if kind == b"Z":
                    if not allow_login:
                        self.report.fail(f"[{category}] logged in with {packet[:120]!r}")
                    self.report.outcomes["ready"] += 1
                    return
        except Closed:
            if not allow_nothing and not allow_login:
                # PostgreSQL answers a bad startup packet with FATAL before it closes; a plain close is tolerated
                self.report.outcomes["closed without error"] += 1
            else:
                self.report.outcomes["closed"] += 1
        except Silent:
            self.report.fail(f"[{category}] no answer within {self.timeout}s to {packet[:120]!r}")

    def drain_to_close(self, wire: Wire, category: str, malformed: bool = False, counted: bool = False) -> None:
        """After a FATAL the server must close the connection."""
        try:
            while True:
                kind, payload = wire.read()
                if kind == b"E":
                    code = self.check_error(payload, what=f"[{category}]")
                    if not counted:
                        self.report.outcomes[f"error {code}"] += 1
                    counted = True
        except Closed:
            if not counted:
                self.report.outcomes["closed"] += 1
        except Silent:
            self.report.fail(f"[{category}] the connection stayed open and silent after a refusal")

    # -- messages on a logged-in connection ---------------------------------------------------------
    def message(self) -> tuple[str, bytes, bool]:
        """One frontend message: (category, bytes, well_framed)."""
        rng = self.rng
        name = rng.choice(self.statements)
        kind = rng.choice(["parse", "bind", "describe", "execute", "close", "query", "flush", "copy", "function",
                           "unknown", "terminate"] + ["parse", "bind", "execute", "query"])
        if kind == "parse":
            count = rng.choice([0, 0, 1, 2, -1, -32768, 32767])
            types = b"".join(struct.pack("!i", rng.choice([0, 23, 25, 1043, -1, 999999])) for _ in range(max(0, min(count, 3))))
            sql = rng.choice(["select $1::int + 1", "select $1, $2", "select 1", "", "insert into nope values ($1)",
                              "select 'é'", "select 1; select 2", "bogus"])
            payload = cstr(name) + cstr(sql) + struct.pack("!h", count) + types
            return "parse", frame(b"P", payload), True
        if kind == "bind":
            formats = rng.choice([[], [0], [1], [0, 1], [2], [-1], [0, 0, 0]])
            values = rng.choice([[], [b"1"], [b"1", b"2"], [None], [b"\xff\xfe"], [b"\x00\x00\x00\x01"], [b"x" * 70_000]])
            declared = rng.choice([len(values)] * 3 + [len(values) + 1, -1, 32767])
            result_formats = rng.choice([[], [0], [1], [2], [0, 1, 0]])
            payload = cstr(rng.choice(["", "p1"])) + cstr(name) + struct.pack("!h", len(formats)) + b"".join(struct.pack("!h", f) for f in formats)
            payload += struct.pack("!h", declared)
            for value in values:
                payload += struct.pack("!i", -1) if value is None else struct.pack("!i", len(value)) + value
            payload += struct.pack("!h", len(result_formats)) + b"".join(struct.pack("!h", f) for f in result_formats)
            return "bind", frame(b"B", payload), True
        if kind in ("describe", "close"):
            target = rng.choice([b"S", b"P", b"X", b""])
            return kind, frame(b"D" if kind == "describe" else b"C", target + cstr(rng.choice(["", "s1", "p1", "nope"]))), True
        if kind == "execute":
            return "execute", frame(b"E", cstr(rng.choice(["", "p1", "nope"])) + struct.pack("!i", rng.choice([0, 1, -1, 2147483647]))), True
        if kind == "query":
            sql = rng.choice(["select 1", "", ";", "select 1/0", "begin", "commit", "rollback", "copy fz from stdin",
                              "select 'x' || repeat('y', 1000)", "select '\u00e9\U0001F680'", "bogus", "select $1",
                              "select pg_sleep(0)", "set statement_timeout to 1000", "abort"])
            return "query", frame(b"Q", cstr(sql)), True
        if kind == "flush":
            return "flush", frame(b"H"), True
        if kind == "copy":
            sub = rng.choice([b"d", b"c", b"f"])
            return "copy", frame(sub, b"1\t2\n" if sub == b"d" else b"" if sub == b"c" else cstr("client gave up")), True
        if kind == "function":
            return "function_call", frame(b"F", struct.pack("!i", rng.choice([1, 1598, -1])) + struct.pack("!hh", 0, 0) + struct.pack("!h", 0)), True
        if kind == "terminate":
            return "terminate", frame(b"X"), True
        return "unknown_type", frame(bytes([rng.choice([0, 1, ord("A"), ord("Z"), ord("x"), ord("w"), 255])]), b"abc"), True

    def mutate(self, category: str, data: bytes) -> tuple[str, bytes, bool]:
        """One of: the message as is, its length wrong, its body truncated, a NUL removed, garbage."""
        rng = self.rng
        choice = rng.random()
        if choice < 0.5:
            return category, data, True
        if choice < 0.62:       # the length says less than the body: the rest is read as the next message
            length = struct.unpack("!i", data[1:5])[0]
            return category + "/length_short", data[:1] + struct.pack("!i", max(rng.randint(0, length - 1), 0)) + data[5:], False
        if choice < 0.7:        # negative or tiny lengths
            return category + "/length_invalid", data[:1] + struct.pack("!i", rng.choice([-1, 0, 3, -2147483648])) + data[5:], True
        if choice < 0.8:        # the body cut short, the length adjusted (the message itself is malformed)
            cut = rng.randint(0, max(len(data) - 5, 0))
            body = data[5:5 + cut]
            return category + "/truncated_body", data[:1] + struct.pack("!i", len(body) + 4) + body, True
        if choice < 0.88:       # a NUL removed from a string
            body = data[5:]
            if b"\0" in body:
                index = rng.choice([i for i, b in enumerate(body) if b == 0])
                body = body[:index] + body[index + 1:]
            return category + "/nul_less", data[:1] + struct.pack("!i", len(body) + 4) + body, True
        if choice < 0.94:       # a byte flipped in the body
            body = bytearray(data[5:]) or bytearray(b"\0")
            body[rng.randrange(len(body))] = rng.randrange(256)
            return category + "/byte_flipped", data[:1] + struct.pack("!i", len(body) + 4) + bytes(body), True
        # the length says more than follows (a truncated frame): nothing can be answered until it comes
        return category + "/length_long", data[:1] + struct.pack("!i", len(data) - 1 + rng.randint(1, 1000)) + data[5:], False

    def message_input(self) -> None:
        rng = self.rng
        if self.current is None:
            self.current = self.connect()
            try:
                self.login(self.current)
            except (Closed, Silent) as error:
                self.report.fail(f"login failed: {error!r}")
                self.current.close()
                self.current = None
                return
        wire = self.current
        sequence = [self.mutate(*self.message()[:2]) for _ in range(rng.randint(1, 5))]
        framed = all(ok for _, _, ok in sequence)
        for category, data, _ in sequence:
            self.report.by_category[category] += 1
            self.report.sent += 1
        terminated = any(c.startswith("terminate") and ok and d[1:5] == b"\0\0\0\4" for c, d, ok in sequence)
        data = b"".join(d for _, d, _ in sequence)
        # Sync ends the extended-protocol error state (a Query before it is skipped, as PostgreSQL
        # does); then a marker query: its row, then ReadyForQuery, end the answer to this input.
        self.markers += 1
        marker = f"m{self.markers}"
        end = frame(b"S") + frame(b"Q", cstr(f"select '{marker}'"))
        what = " ".join(c for c, _, _ in sequence) + f" {data[:120]!r}"
        self.remember(what)
        # A frame whose length covers more than was sent cannot be answered: the server waits for the
        # rest (as PostgreSQL does); read what comes for a moment, then close the socket.
        wire.sock.settimeout(self.timeout if framed else 0.05)
        try:
            wire.send(data + end)
            seen_marker = ready_seen = False
            while True:
                kind, payload = wire.read()
                if kind == b"E":
                    fields = error_fields(payload)
                    code = self.check_error(payload, what=what)
                    self.report.outcomes[f"error {code}"] += 1
                    if fields.get("S") == "FATAL":
                        self.drain_to_close(wire, "message", counted=True)
                        raise Closed("fatal")
                    if code == "25P02" and ready_seen:
                        seen_marker = True          # the marker itself refused in a failed transaction
                elif kind in (b"G", b"H", b"W"):    # a COPY began: end it
                    wire.send(frame(b"f", cstr("fuzzer ends the copy")) + frame(b"S") + frame(b"Q", cstr(f"select '{marker}'")))
                elif kind == b"D" and marker.encode() in payload:
                    seen_marker = True
                elif kind == b"Z":
                    self.report.outcomes["ready"] += 1
                    ready_seen = True
                    if seen_marker:
                        break
        except Closed:
            self.report.outcomes["closed"] += 1
            wire.close()
            self.current = None
        except Silent:
            if framed and not terminated:
                self.report.fail(f"HANG: no ReadyForQuery within {self.timeout}s after a well-framed input: {what}; "
                                 f"before it: {' | '.join(self.recent[-4:-1])}")
            else:
                self.report.outcomes["waiting for the rest of a frame (socket closed)"] += 1
            wire.close()
            self.current = None
        except AssertionError as error:
            self.report.fail(f"bad backend message {error} after {what}")
            wire.close()
            self.current = None

    def run(self, count: int, progress=None) -> PGReport:
        try:
            return self.run_inputs(count, progress)
        except ServerGone as gone:
            self.report.fail(f"the server stopped accepting connections: {gone}")
            return self.report

    def run_inputs(self, count: int, progress=None) -> PGReport:
        self.sentinel_answers()
        startup_share = 0.2
        while self.report.sent < count:
            if self.rng.random() < startup_share:
                self.startup_input()
            else:
                self.message_input()
            if self.report.connections % 50 == 0:
                self.sentinel_answers()
            if progress and self.report.sent // 5000 != (self.report.sent - 1) // 5000:
                progress(f"postgresql: {self.report.sent} inputs, {len(self.report.failures)} findings")
        if self.current:
            self.current.close()
            self.current = None
        self.sentinel_answers()
        return self.report

    def open_sessions(self) -> int:
        """Sessions the engine still holds, as STV_SESSIONS lists them (the sentinel's own included)."""
        self.sentinel.send(frame(b"Q", cstr("select count(*) from stv_sessions")))
        messages = self.until_ready(self.sentinel)
        for kind, payload in messages:
            if kind == b"D":
                (length,) = struct.unpack("!i", payload[2:6])
                return int(payload[6:6 + length])
        raise AssertionError(f"no row from stv_sessions: {messages!r}")

    def close(self) -> None:
        for wire in (self.current, self.sentinel):
            if wire:
                wire.close()

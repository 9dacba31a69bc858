"""Input fuzzing of the Data API door from the botocore model (issue 19 item 5).

Requests are generated from model/redshift-data-2019-12-20.json: for each of the 12 operations a
valid request (required members, a random choice of optional ones, values that satisfy the model's
types, lengths, ranges, enums and patterns), then one mutation of it. Each input has an expectation:

- `any`: the server may accept or refuse it (a valid request, an unknown member, unicode…): the
  answer must be a well-formed AWS JSON 1.1 response (a JSON object; an error has a `__type` the
  model or AWS JSON 1.1 names, with the HTTP status that error has) and never a 5xx;
- `invalid`: the model forbids it (a length, range, enum or pattern violated, a required member
  missing, a member of the wrong JSON type, JSON that does not parse, an unknown X-Amz-Target): a
  client error, and for a constraint violation exactly ValidationException with 400 (data-api.md
  §1.4; the model's constraints are the service's, §2).

The server is unsigned-request tolerant (verify_signatures off, the default), so requests are not
signed: a fuzzer input is about the body and headers, not SigV4.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import string
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "model" / "redshift-data-2019-12-20.json"
MODEL = json.loads(MODEL_PATH.read_text())
SHAPES = MODEL["shapes"]
OPERATIONS = sorted(MODEL["operations"])

# Errors AWS JSON 1.1 front ends return for any service (data-api.md §1.4), with their statuses.
GENERIC_ERRORS = {"SerializationException": {400}, "UnknownOperationException": {400},
                  "ThrottlingException": {400}, "AccessDeniedException": {400, 403},
                  "UnrecognizedClientException": {403}, "InvalidSignatureException": {403},
                  "MissingAuthenticationTokenException": {403}}
# The model's errors and their HTTP statuses (data-api.md §1.4's table; ResourceNotFound 400 or 404).
MODEL_ERROR_STATUS = {"ValidationException": {400}, "ResourceNotFoundException": {400, 404},
                      "ActiveStatementsExceededException": {400}, "ActiveSessionsExceededException": {400},
                      "ActiveWaitingRequestsExceededException": {400}, "QueryTimeoutException": {400},
                      "ExecuteStatementException": {500}, "BatchExecuteStatementException": {500},
                      "DatabaseConnectionException": {500}, "InternalServerException": {500}}

CLUSTERS = ["fz-one", "f" + "z" * 62]          # valid ids, the second at the 63-character maximum
WORKGROUPS = ["fz-wg"]
DATABASES = ["dev", "fzdb"]
USERS = ["awsuser", "fzuser"]
SQLS = ["select 1", "select :p", "select 1/0", "select 'a' || :p as s", "select now()", "bogus sql",
        "create temp table fz (i int)", "select * from pg_user", "select count(*) from stv_sessions", ";", ""]
UNICODE_SAMPLES = ["ünïcödé", "日本語", "🚀" * 5, "\u0000", "\u202e", "\ufeff", "a\u0301", "\U0010ffff", "\u2028",
                   "\\", "\"", "'", "%", "_", "\x7f", "\t\n\r"]


@dataclass
class Input:
    category: str
    op: str | None
    body: bytes
    expect: str                       # "any" or "invalid"
    validation: bool = False          # the model's constraint violated: must be ValidationException 400
    target: str | None = None         # X-Amz-Target verbatim when not RedshiftData.<op>
    content_type: str | None = "application/x-amz-json-1.1"
    session_keep_alive: int | None = None


@dataclass
class DataAPIReport:
    sent: int = 0
    by_category: Counter = field(default_factory=Counter)
    answers: Counter = field(default_factory=Counter)      # "200", "400 ValidationException", …
    failures: list[str] = field(default_factory=list)
    dropped_connections: int = 0

    def fail(self, text: str) -> None:
        if len(self.failures) < 200:
            self.failures.append(text)


class DataAPIFuzzer:
    """Generates and sends Data API inputs; checks every answer as it comes."""

    def __init__(self, url: str, seed: int, timeout: float = 45.0):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.rng = random.Random(seed)
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None
        self.statement_ids: list[str] = []
        self.session_ids: list[str] = []
        # Sessions asked to live longer than a run may take: they may still be open at the end.
        self.long_sessions: set[str] = set()
        self.report = DataAPIReport()

    # -- values from the model --------------------------------------------------------------------
    def valid_value(self, member: str, shape_name: str, depth: int = 0):
        rng, shape = self.rng, SHAPES[shape_name]
        kind = shape["type"]
        if kind == "structure":
            return self.valid_structure(shape_name, depth + 1)
        if kind == "list":
            low, high = shape.get("min", 0), min(shape.get("max", 3), 3)
            return [self.valid_value(member, shape["member"]["shape"], depth + 1)
                    for _ in range(rng.randint(max(low, 1), max(high, 1)))]
        if kind == "boolean":
            return rng.random() < 0.5
        if kind in ("integer", "long"):
            low, high = shape.get("min", 0), shape.get("max", 100)
            if member == "SessionKeepAliveSeconds":
                high = 3                   # short sessions, so that the end of a run finds them closed
            if member == "WaitTimeSeconds":
                high = 2
            return rng.randint(low, high)
        if "enum" in shape:
            return rng.choice(shape["enum"])
        return self.valid_string(member, shape_name)

    def valid_string(self, member: str, shape_name: str) -> str:
        rng = self.rng
        pools = {"ClusterIdentifier": CLUSTERS, "WorkgroupName": WORKGROUPS, "Database": DATABASES,
                 "ConnectedDatabase": DATABASES, "DbUser": USERS, "Sql": SQLS, "Sqls": SQLS,
                 "Schema": ["public", "pg_catalog", "nope"], "Table": ["fz", "pg_user", "nope"],
                 "SchemaPattern": ["%", "pub%", "_"], "TablePattern": ["%", "fz%", "x"]}
        if member in ("Id",):
            return rng.choice(self.statement_ids) if self.statement_ids and rng.random() < 0.8 else self.uuid()
        if member == "SessionId":
            return rng.choice(self.session_ids) if self.session_ids and rng.random() < 0.7 else self.uuid()
        if member in pools:
            return rng.choice(pools[member])
        shape = SHAPES[shape_name]
        if shape_name == "ParameterName" or member == "name":
            return rng.choice(["p", "p", "q", "_x9"])
        low, high = shape.get("min", 0), min(shape.get("max", 40), 40)
        if member == "SecretArn":
            return rng.choice(["arn:aws:secretsmanager:us-east-1:123456789012:secret:fz", "fz-secret"])
        if member == "NextToken":
            return rng.choice(["", "abc", "eyJ4IjoxfQ==", "0"])
        return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(max(low, 1), max(high, 1))))

    def uuid(self) -> str:
        return "%08x-%04x-4%03x-%04x-%012x" % (self.rng.getrandbits(32), self.rng.getrandbits(16),
                                                self.rng.getrandbits(12), 0x8000 | self.rng.getrandbits(14),
                                                self.rng.getrandbits(48))

    def valid_structure(self, shape_name: str, depth: int = 0) -> dict:
        shape = SHAPES[shape_name]
        required = set(shape.get("required", []))
        out = {}
        for name, member in shape["members"].items():
            if name in required or self.rng.random() < 0.35:
                out[name] = self.valid_value(name, member["shape"], depth)
        return out

    def valid_request(self, op: str) -> dict:
        shape_name = MODEL["operations"][op]["input"]["shape"]
        body = self.valid_structure(shape_name)
        members = SHAPES[shape_name]["members"]
        # Mostly one target, as a client would name it (both or neither is a semantic error).
        if "ClusterIdentifier" in members and self.rng.random() < 0.8:
            body.pop("WorkgroupName", None)
            body["ClusterIdentifier"] = self.rng.choice(CLUSTERS)
            if "Database" in members and "SessionId" not in body:
                body["Database"] = self.rng.choice(DATABASES)
            if "DbUser" in members:
                body.setdefault("DbUser", self.rng.choice(USERS))
            body.pop("SecretArn", None)
        if "Parameters" in body and "Sql" in body and ":p" not in body["Sql"]:
            body["Sql"] = "select :p as p"
        return body

    # -- mutations ---------------------------------------------------------------------------------
    def mutate(self, op: str, body: dict) -> Input:
        rng = self.rng
        shape_name = MODEL["operations"][op]["input"]["shape"]
        shape = SHAPES[shape_name]
        members = shape["members"]
        names = list(members)
        choice = rng.random()
        if choice < 0.14 or not names:
            return Input("valid", op, self.encode(body), "any", session_keep_alive=body.get("SessionKeepAliveSeconds"))
        if choice < 0.24:
            name = rng.choice(names)
            body[name] = self.wrong_type(SHAPES[members[name]["shape"]]["type"])
            return Input("wrong_type", op, self.encode(body), "invalid")
        if choice < 0.38:
            return self.constraint_case(op, body, members)
        if choice < 0.43 and shape.get("required"):
            body.pop(rng.choice(shape["required"]))
            return Input("required_missing", op, self.encode(body), "invalid", validation=True)
        if choice < 0.48:
            body[rng.choice(["Extra", "sql", "clusterIdentifier", "__type", "Unknown" * 3])] = rng.choice(
                [1, "x", None, [], {"a": [1, {"b": None}]}])
            return Input("extra_member", op, self.encode(body), "any")
        if choice < 0.54:
            return self.parameter_case(op, body)
        if choice < 0.60:
            name = rng.choice(names)
            depth = rng.choice([10, 100, 1000, 5000])
            nested = rng.choice(["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth])
            text = self.encode({k: v for k, v in body.items() if k != name})[:-1].decode()
            text += (", " if len(text) > 1 else "") + f'"{name}": {nested}}}'
            return Input("deep_nesting", op, text.encode(), "invalid")
        if choice < 0.65:
            name = self.string_member(members) or "Unknown"
            body[name] = rng.choice(["x" * rng.choice([1024, 70_000, 100_001, 300_000]),
                                     "é" * rng.choice([1000, 60_000])])
            return Input("huge_string", op, self.encode(body), "any")
        if choice < 0.72:
            name = self.string_member(members) or "Unknown"
            body[name] = "".join(rng.choice(UNICODE_SAMPLES) for _ in range(rng.randint(1, 6)))
            return Input("unicode", op, self.encode(body), "any")
        if choice < 0.76:
            name = self.string_member(members) or "Unknown"
            body[name] = "@@BYTES@@"
            raw = self.encode(body).replace(b"@@BYTES@@", bytes(rng.randrange(128, 256) for _ in range(rng.randint(1, 8))))
            if rng.random() < 0.3:
                raw = self.encode(body).replace(b"@@BYTES@@", b"\\ud800")   # a lone surrogate escape
            return Input("invalid_utf8", op, raw, "any")
        if choice < 0.82:
            return self.json_case(op, body)
        if choice < 0.87:
            return self.header_case(op, body)
        if choice < 0.93:
            name = rng.choice([n for n, m in members.items() if SHAPES[m["shape"]]["type"] in ("integer", "long")]
                              or ["MaxResults"])
            number = rng.choice(["1e400", "-1e400", "18446744073709551616", "-9223372036854775809", "2147483648",
                                 "1.5", "1e2", "-0", "0.0", "99999999999999999999999999999999999999", "-1", "NaN"])
            text = self.encode({k: v for k, v in body.items() if k != name})[:-1].decode()
            text += (", " if len(text) > 1 else "") + f'"{name}": {number}}}'
            # An integral value written as a float or an exponent may be read as the integer (unverified).
            expect = "any" if number in ("-0", "1e2", "0.0") else "invalid"
            return Input("huge_number", op, text.encode(), expect)
        # duplicate keys: the first value valid, the second not (or the reverse)
        name = rng.choice(names)
        value = body.get(name, self.valid_value(name, members[name]["shape"]))
        text = json.dumps(body)[:-1]
        text += (", " if len(text) > 1 else "") + f'"{name}": {json.dumps(value)}, "{name}": {json.dumps(self.wrong_type("string"))}}}'
        return Input("duplicate_key", op, text.encode(), "any")

    def string_member(self, members: dict) -> str | None:
        names = [n for n, m in members.items() if SHAPES[m["shape"]]["type"] == "string"]
        return self.rng.choice(names) if names else None

    def wrong_type(self, kind: str):
        options = {"string": [123, 1.5, True, ["a"], {"a": "b"}],
                   "integer": ["5", True, [1], {"a": 1}, 1.5],
                   "long": ["5", True, [1], {"a": 1}],
                   "boolean": ["true", 1, [True], {"a": True}],
                   "list": ["select 1", 1, {"a": 1}, True],
                   "structure": ["x", 1, [1], True]}
        return self.rng.choice(options.get(kind, [123]))

    def constraint_case(self, op: str, body: dict, members: dict) -> Input:
        """A value at a bound of the model (accepted or not) or past it (ValidationException)."""
        rng = self.rng
        constrained = [n for n, m in members.items()
                       if any(k in SHAPES[m["shape"]] for k in ("min", "max", "enum", "pattern"))]
        if not constrained:
            return Input("valid", op, self.encode(body), "any")
        name = rng.choice(constrained)
        shape = SHAPES[members[name]["shape"]]
        kind = shape["type"]
        if "enum" in shape:
            if rng.random() < 0.4:
                body[name] = rng.choice(shape["enum"])
                return Input("enum_valid", op, self.encode(body), "any")
            body[name] = rng.choice(["", "json", shape["enum"][0].lower(), "XML", shape["enum"][0] + " ", "ALL\u0000"])
            return Input("enum_invalid", op, self.encode(body), "invalid", validation=True)
        if kind in ("integer", "long"):
            low, high = shape.get("min"), shape.get("max")
            edges = [(v, True) for v in (low, high) if v is not None]
            edges += [(low - 1, False)] if low is not None else []
            edges += [(high + 1, False), (high + 1000, False)] if high is not None else []
            value, ok = rng.choice(edges)
            if name in ("WaitTimeSeconds",) and ok:
                value = low                     # the maximum would block 30 s on a running statement
            body[name] = value
            keep = value if name == "SessionKeepAliveSeconds" and ok else None
            return Input("range_edge" if ok else "range_past", op, self.encode(body),
                         "any" if ok else "invalid", validation=not ok, session_keep_alive=keep)
        if kind == "list":
            low, high = shape.get("min"), shape.get("max")
            item = members[name]["shape"]
            item_shape = SHAPES[item]["member"]["shape"]
            cases = []
            if low is not None:
                cases += [(low, True), (low - 1, False)] if low > 0 else [(low, True)]
            if high is not None:
                cases += [(high, True), (high + 1, False)]
            count, ok = rng.choice(cases)
            body[name] = [self.valid_value(name, item_shape) for _ in range(max(count, 0))]
            if name == "Parameters" and "Sql" in body:
                body["Sql"] = "select :p as p"
            return Input("length_edge" if ok else "length_past", op, self.encode(body),
                         "any" if ok else "invalid", validation=not ok)
        # strings: lengths at and past the bounds, then the pattern
        if "pattern" in shape and (rng.random() < 0.5 or not ("min" in shape or "max" in shape)):
            # Patterns are full matches (data-api.md §2.1); keep only values the pattern refuses.
            pattern = re.compile(shape["pattern"])
            candidates = [v for v in ["UPPER", "a_b", "-a", "a--b", "1abc", "a b", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz!",
                                      "ABCDEF01-2345-6789-abcd-ef0123456789", "x" * 8, "é", "a\u0000b", "a-", "p-q", "$"]
                          if not pattern.fullmatch(v)]
            body[name] = rng.choice(candidates)
            return Input("pattern_invalid", op, self.encode(body), "invalid", validation=True)
        low, high = shape.get("min"), shape.get("max")
        cases = []
        if low is not None:
            cases += [(low, True)] + ([(low - 1, False)] if low > 0 else [])
        if high is not None:
            cases += [(high, True), (high + 1, False), (high * 4, False)]
        length, ok = rng.choice(cases)
        if name == "ClusterIdentifier":
            value = "f" + "z" * (length - 1) if length else ""
            ok = ok and length in (1, 63)
            value = CLUSTERS[1] if ok and length == 63 else value
        elif name == "WorkgroupName":
            value = "w" * length
        else:
            value = "".join(rng.choice(string.ascii_lowercase) for _ in range(length))
        body[name] = value
        return Input("length_edge" if ok else "length_past", op, self.encode(body),
                     "any" if ok else "invalid", validation=not ok)

    def parameter_case(self, op: str, body: dict) -> Input:
        rng = self.rng
        if op not in ("ExecuteStatement", "BatchExecuteStatement"):
            return Input("valid", op, self.encode(body), "any")
        body["Sql" if op == "ExecuteStatement" else "Sqls"] = "select :p as p" if op == "ExecuteStatement" else ["select :p as p"]
        case = rng.randrange(9)
        params, validation, expect = [{"name": "p", "value": "1"}], False, "any"
        if case == 0:
            params, validation, expect = [{"value": "1"}], True, "invalid"                # name missing
        elif case == 1:
            params, validation, expect = [{"name": "p"}], True, "invalid"                 # value missing
        elif case == 2:
            params, validation, expect = [{"name": "p", "value": ""}], True, "invalid"    # value under min 1
        elif case == 3:
            params, validation, expect = [{"name": "p-q", "value": "1"}], True, "invalid" # name pattern
        elif case == 4:
            params = [{"name": "p", "value": "1"}, {"name": "p", "value": "2"}]          # the same name twice
        elif case == 5:
            params = [{"name": "p", "value": "1", "typeHint": "DATE", "extra": [1]}]     # members beyond the model
        elif case == 6:
            params, expect = [{"name": "p", "value": {"stringValue": "1", "longValue": 2}}], "invalid"   # a union given
        elif case == 7:
            params, expect = [{}], "invalid"
        else:
            params = [{"name": "p", "value": rng.choice(UNICODE_SAMPLES) + "x"}]
        body["Parameters"] = params
        return Input("sql_parameters", op, self.encode(body), expect, validation=validation)

    def json_case(self, op: str, body: dict) -> Input:
        rng = self.rng
        text = self.encode(body)
        variants = [text[: rng.randint(0, max(len(text) - 1, 0))], b"", b"{", b"[]", b"null", b"\"x\"", b"123",
                    text + b" trailing", text.replace(b":", b"", 1), text.replace(b'"', b"'"), b"{,}",
                    b"\xef\xbb\xbf" + text, text.replace(b"{", b"{ /* c */ ", 1), bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))]
        raw = rng.choice(variants)
        expect = "any" if raw in (b"null",) or raw.startswith(b"\xef\xbb\xbf") else "invalid"
        if raw == text:
            expect = "any"
        if not raw.strip():
            expect = "any"      # an empty body reads as {} for AWS JSON 1.1 operations without required members
        try:
            if isinstance(json.loads(raw), dict):
                expect = "any"
        except (ValueError, UnicodeDecodeError):
            pass
        return Input("json_syntax", op, raw, expect)

    def header_case(self, op: str, body: dict) -> Input:
        rng = self.rng
        case = rng.randrange(4)
        if case == 0:
            target = rng.choice(["", "RedshiftData.", "RedshiftData", "RedshiftData.NoSuchThing", "redshiftdata." + op,
                                 "RedshiftData." + op.lower(), "Redshift." + op, "RedshiftData." + op + ".X",
                                 "RedshiftData." + "X" * 5000, "RedshiftData.\u00e9", "RedshiftData. " + op])
            return Input("bad_target", None, self.encode(body), "invalid", target=target)
        if case == 1:
            return Input("missing_target", None, self.encode(body), "invalid", target=None)
        content_type = rng.choice([None, "text/plain", "application/json", "application/x-amz-json-1.0",
                                   "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "\u00e9"])
        return Input("bad_content_type", op, self.encode(body), "any", content_type=content_type)

    @staticmethod
    def encode(body) -> bytes:
        return json.dumps(body).encode("utf-8", "surrogatepass")

    # -- sending and checking ----------------------------------------------------------------------
    def next_input(self) -> Input:
        op = self.rng.choice(OPERATIONS)
        return self.mutate(op, self.valid_request(op))

    def send(self, item: Input) -> tuple[int, dict, bytes] | None:
        headers = {"Host": f"{self.host}:{self.port}"}
        if item.content_type is not None:
            headers["Content-Type"] = item.content_type
        if item.target is not None:
            headers["X-Amz-Target"] = item.target
        elif item.op is not None and item.category != "missing_target":
            headers["X-Amz-Target"] = f"RedshiftData.{item.op}"
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request("POST", "/", body=item.body, headers={k: v.encode("utf-8").decode("latin-1") for k, v in headers.items()})
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            except TimeoutError:
                self.conn.close()
                self.conn = None
                self.report.fail(f"HANG: no answer within {self.timeout}s to {self.describe(item)}")
                return None
            except (ConnectionError, http.client.HTTPException, OSError) as error:
                self.conn.close()
                self.conn = None
                if attempt == 1 or len(item.body) < 100_000:
                    # A closed connection is an acceptable refusal only for an oversized body.
                    if len(item.body) >= 100_000:
                        self.report.dropped_connections += 1
                        return None
                    if attempt == 1:
                        self.report.fail(f"connection error {error!r} on {self.describe(item)}")
                        return None
        return None

    @staticmethod
    def describe(item: Input) -> str:
        return (f"[{item.category}] {item.op or item.target!r} ct={item.content_type!r} "
                f"body={item.body[:160]!r}{'…' if len(item.body) > 160 else ''} ({len(item.body)} bytes)")

    def check(self, item: Input, answer) -> None:
        if answer is None:
            return
        status, headers, data = answer
        try:
            payload = json.loads(data)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            self.report.answers[f"{status} non-JSON"] += 1
            self.report.fail(f"HTTP {status} body not a JSON object {data[:200]!r} for {self.describe(item)}")
            return
        if status == 200:
            self.report.answers["200"] += 1
            if item.expect == "invalid":
                self.report.fail(f"accepted (200) an input the model forbids: {self.describe(item)}")
            self.learn(item, payload)
            return
        code = str(payload.get("__type", "")).rsplit("#", 1)[-1].split(":", 1)[0]
        self.report.answers[f"{status} {code or '(no __type)'}"] += 1
        allowed = dict(GENERIC_ERRORS)
        if item.op:
            for error in MODEL["operations"][item.op].get("errors", []):
                allowed[error["shape"]] = MODEL_ERROR_STATUS[error["shape"]]
        else:
            allowed.update(MODEL_ERROR_STATUS)
        if not code:
            self.report.fail(f"HTTP {status} error without __type {data[:200]!r} for {self.describe(item)}")
        elif code not in allowed:
            self.report.fail(f"HTTP {status} {code}: not an error of {item.op} in the model: {data[:200]!r} for {self.describe(item)}")
        elif status not in allowed[code]:
            self.report.fail(f"HTTP {status} with {code} (expected {sorted(allowed[code])}) for {self.describe(item)}")
        if status >= 500:
            self.report.fail(f"HTTP {status} {code} (a 5xx for a client's input) {data[:300]!r} for {self.describe(item)}")
        if not headers.get("content-type", "").startswith("application/x-amz-json-1.1"):
            self.report.fail(f"HTTP {status} Content-Type {headers.get('content-type')!r} for {self.describe(item)}")
        if item.validation and (status, code) != (400, "ValidationException"):
            self.report.fail(f"model constraint violated, answered {status} {code} instead of 400 ValidationException: {self.describe(item)}")

    def learn(self, item: Input, payload: dict) -> None:
        """Statement and session ids from answers, for later requests to name."""
        if isinstance(payload.get("Id"), str) and item.op in ("ExecuteStatement", "BatchExecuteStatement"):
            self.statement_ids.append(payload["Id"])
            del self.statement_ids[:-200]
        session = payload.get("SessionId")
        if isinstance(session, str):
            if session not in self.session_ids:
                self.session_ids.append(session)
                del self.session_ids[:-50]
            # The keep-alive the server read (an integral float such as 1e2 may have been accepted).
            try:
                keep_alive = json.loads(item.body).get("SessionKeepAliveSeconds")
            except (ValueError, AttributeError):
                keep_alive = item.session_keep_alive
            if isinstance(keep_alive, (int, float)) and not isinstance(keep_alive, bool) and keep_alive > 10:
                self.long_sessions.add(session)

    def run(self, count: int, progress=None) -> DataAPIReport:
        for index in range(count):
            item = self.next_input()
            self.report.sent += 1
            self.report.by_category[item.category] += 1
            self.check(item, self.send(item))
            if progress and index % 5000 == 4999:
                progress(f"data-api: {index + 1} inputs, {len(self.report.failures)} findings")
        if self.conn:
            self.conn.close()
        return self.report

    # -- afterwards: nothing left running, no session left open ------------------------------------
    def call(self, op: str, body: dict) -> tuple[int, dict]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("POST", "/", body=json.dumps(body), headers={
                "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"RedshiftData.{op}"})
            response = conn.getresponse()
            return response.status, json.loads(response.read() or b"{}")
        finally:
            conn.close()

    def running_statements(self) -> list[str]:
        """Statements of this caller (every fuzzer request is unsigned: one caller) still running."""
        running = []
        for status in ("SUBMITTED", "PICKED", "STARTED"):
            _, payload = self.call("ListStatements", {"Status": status, "MaxResults": 100})
            running += [s["Id"] for s in payload.get("Statements", [])]
        return running

    def open_sessions(self) -> list[str]:
        ids, token = [], None
        while True:
            body = {"MaxResults": 100, **({"NextToken": token} if token else {})}
            code, payload = self.call("ListSessions", body)
            ids += [s["SessionId"] for s in payload.get("Sessions", []) if s.get("Status") != "CLOSED"]
            token = payload.get("NextToken")
            if not token:
                return ids

    def serves_a_statement(self) -> bool:
        code, payload = self.call("ExecuteStatement", {"ClusterIdentifier": CLUSTERS[0], "Database": "dev",
                                                       "DbUser": "awsuser", "Sql": "select 41 + 1"})
        if code != 200:
            return False
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            code, described = self.call("DescribeStatement", {"Id": payload["Id"]})
            if described.get("Status") == "FINISHED":
                code, result = self.call("GetStatementResult", {"Id": payload["Id"]})
                return result.get("Records") == [[{"longValue": 42}]]
            if described.get("Status") in ("FAILED", "ABORTED"):
                return False
            time.sleep(0.1)
        return False

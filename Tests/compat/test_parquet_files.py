"""Parquet interoperability with pyarrow, both ways (issue 14: "checked in the compat suite
against files pyarrow writes and reads, including files with several row groups").

Drives `parquet-tool` (built next to emulatord: `swift build` builds it) over BulkFormats'
Parquet reader and writer:
  - pyarrow writes files (every codec, dictionary on and off, data pages v1 and v2, several row
    groups, nulls, the physical and logical types COPY reads) and our reader reads them; the
    expected values are pyarrow's own reading of the same file.
  - our writer writes files (the column types UNLOAD … FORMAT PARQUET writes, r_UNLOAD) and
    pyarrow reads them back with the right Arrow types and values.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import subprocess
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import emulatord_bin

# 38-digit DECIMALs need more than the default 28 digits of precision.
decimal.getcontext().prec = 80


def tool() -> Path:
    path = emulatord_bin().parent / "parquet-tool"
    if not path.exists():
        pytest.fail(f"{path} is missing: build it with `swift build`")
    return path


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(tool()), *map(str, args)], capture_output=True, text=True, timeout=120)


def cat(path: Path) -> list[list]:
    result = run_tool("cat", path)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


# --------------------------------------------------------------------------------------------
# pyarrow's values in parquet-tool's JSON form (see Sources/parquet-tool/main.swift)
# --------------------------------------------------------------------------------------------

UNIT_MICROS = {"s": (1_000_000, 1), "ms": (1000, 1), "us": (1, 1), "ns": (1, 1000)}


def column_json(column: pa.ChunkedArray) -> list:
    t = column.type
    if getattr(t, "extension_name", None) == "arrow.uuid":
        return [None if v is None else str(v) for v in column.to_pylist()]
    if pa.types.is_timestamp(t) or pa.types.is_time(t):
        multiply, divide = UNIT_MICROS[t.unit]
        storage = pa.int32() if pa.types.is_time32(t) else pa.int64()
        raw = column.cast(storage).to_pylist()
        micros = [None if v is None else v * multiply // divide for v in raw]
        if pa.types.is_time(t):
            return [None if v is None else {"time": v} for v in micros]
        return [None if v is None else {"timestamp": v, "utc": t.tz is not None} for v in micros]
    if pa.types.is_date32(t):
        return [None if v is None else {"date": v} for v in column.cast(pa.int32()).to_pylist()]
    values = column.to_pylist()
    if pa.types.is_decimal(t):
        quantum = decimal.Decimal(1).scaleb(-t.scale)
        with decimal.localcontext(decimal.Context(prec=80)):
            return [None if v is None else {"decimal": format(v.quantize(quantum), "f")} for v in values]
    if pa.types.is_floating(t):
        def special(v):
            if math.isnan(v):
                return "nan"
            if math.isinf(v):
                return "inf" if v > 0 else "-inf"
            return v
        return [None if v is None else {"double": special(v)} for v in values]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return [None if v is None else {"bytes": v.hex()} for v in values]
    if pa.types.is_uint64(t):
        return [None if v is None else (v if v < 2**63 else {"decimal": str(v)}) for v in values]
    return values   # booleans, integers, strings


def expected_rows(path: Path) -> list[list]:
    table = pq.read_table(path)
    columns = [column_json(table.column(i)) for i in range(table.num_columns)]
    return [list(row) for row in zip(*columns)]


def normalize(rows: list[list]) -> list[list]:
    """Floats compare as floats (JSON spells 1e+100 and 1e100 differently)."""
    def fix(v):
        if isinstance(v, dict) and isinstance(v.get("double"), (int, float)):
            return {"double": float(v["double"])}
        return v
    return [[fix(v) for v in row] for row in rows]


# --------------------------------------------------------------------------------------------
# Files pyarrow writes
# --------------------------------------------------------------------------------------------

def every_type_table(rows: int = 60) -> pa.Table:
    """Every type COPY reads, with nulls in each nullable column and edge values."""
    def pick(values, i, null_every=5):
        return None if i % null_every == 4 else values[i % len(values)]

    r = range(rows)
    ints = [0, 1, -1, 127, -128, 42]
    columns = {
        "i8": pa.array([pick(ints, i) for i in r], pa.int8()),
        "i16": pa.array([pick([-32768, 32767, 0, 7], i) for i in r], pa.int16()),
        "i32": pa.array([pick([-2**31, 2**31 - 1, 0, 12345], i) for i in r], pa.int32()),
        "i64": pa.array([pick([-2**63, 2**63 - 1, 0, 10**15], i) for i in r], pa.int64()),
        "u8": pa.array([pick([0, 255, 17], i) for i in r], pa.uint8()),
        "u16": pa.array([pick([0, 65535, 17], i) for i in r], pa.uint16()),
        "u32": pa.array([pick([0, 2**32 - 1, 17], i) for i in r], pa.uint32()),
        "u64": pa.array([pick([0, 2**64 - 1, 2**63, 17], i) for i in r], pa.uint64()),
        "f32": pa.array([pick([1.5, -0.25, float("inf"), 3.4e38], i) for i in r], pa.float32()),
        "f64": pa.array([pick([1e100, -2.5, 0.1, float("nan")], i) for i in r], pa.float64()),
        "flag": pa.array([pick([True, False, False], i) for i in r], pa.bool_()),
        "text": pa.array([pick(["a", "", "héllo wörld", "x" * 300, "日本"], i) for i in r], pa.string()),
        "large_text": pa.array([pick(["big", "text"], i) for i in r], pa.large_string()),
        "blob": pa.array([pick([b"\x00\x01\xff", b"", b"abc"], i) for i in r], pa.binary()),
        "fixed": pa.array([pick([b"abcd", b"\x00\x00\x00\x01"], i) for i in r], pa.binary(4)),
        "day": pa.array([pick([datetime.date(2020, 2, 29), datetime.date(1969, 12, 31), datetime.date(1, 1, 1)], i)
                         for i in r], pa.date32()),
        "ts_ms": pa.array([pick([datetime.datetime(2020, 1, 2, 3, 4, 5, 678000), datetime.datetime(1960, 1, 1)], i)
                           for i in r], pa.timestamp("ms")),
        "ts_us": pa.array([pick([datetime.datetime(2020, 1, 2, 3, 4, 5, 678901),
                                 datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)], i) for i in r], pa.timestamp("us")),
        "ts_us_utc": pa.array([pick([datetime.datetime(2020, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.timezone.utc)], i)
                               for i in r], pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array([pick([1_577_934_245_678_901_234, -1, 0], i) for i in r], pa.timestamp("ns")),
        "t_ms": pa.array([pick([datetime.time(1, 2, 3, 4000), datetime.time(23, 59, 59, 999000)], i) for i in r],
                         pa.time32("ms")),
        "t_us": pa.array([pick([datetime.time(1, 2, 3, 4), datetime.time(0, 0)], i) for i in r], pa.time64("us")),
        "t_ns": pa.array([pick([3_723_000_004_567, 0], i) for i in r], pa.time64("ns")),
        "dec_9_2": pa.array([pick([decimal.Decimal("12.34"), decimal.Decimal("-0.05"), decimal.Decimal("9999999.99")], i)
                             for i in r], pa.decimal128(9, 2)),
        "dec_18_0": pa.array([pick([decimal.Decimal("123456789012345678"), decimal.Decimal("-1")], i) for i in r],
                             pa.decimal128(18, 0)),
        "dec_38_10": pa.array([pick([decimal.Decimal("1234567890123456789012345678.0123456789"),
                                     decimal.Decimal("-0.0000000001")], i) for i in r], pa.decimal128(38, 10)),
        "id": pa.ExtensionArray.from_storage(
            pa.uuid(), pa.array([pick([uuid.UUID("12345678-9abc-def0-1234-56789abcdef0").bytes], i) for i in r],
                                pa.binary(16))),
        "required_int": pa.array(list(r), pa.int32()),
    }
    schema = pa.schema([pa.field(name, array.type, nullable=name != "required_int") for name, array in columns.items()])
    return pa.Table.from_arrays(list(columns.values()), schema=schema)


# Our reader's column types for every_type_table's columns (ParquetValueType, as parquet-tool names them).
EVERY_TYPE_SCHEMA = [
    ("i8", "int8"), ("i16", "int16"), ("i32", "int32"), ("i64", "int64"), ("u8", "uint8"), ("u16", "uint16"),
    ("u32", "uint32"), ("u64", "uint64"), ("f32", "float"), ("f64", "double"), ("flag", "boolean"),
    ("text", "string"), ("large_text", "string"), ("blob", "bytes"), ("fixed", "bytes"), ("day", "date"),
    ("ts_ms", "timestamp"), ("ts_us", "timestamp"), ("ts_us_utc", "timestamptz"), ("ts_ns", "timestamp"),
    ("t_ms", "time"), ("t_us", "time"), ("t_ns", "time"), ("dec_9_2", "decimal(9,2)"), ("dec_18_0", "decimal(18,0)"),
    ("dec_38_10", "decimal(38,10)"), ("id", "uuid"), ("required_int", "int32"),
]


@pytest.mark.parametrize("compression", ["none", "snappy", "gzip", "zstd"])
@pytest.mark.parametrize("dictionary", [True, False], ids=["dictionary", "plain"])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"], ids=["v1", "v2"])
def test_reads_files_pyarrow_writes(tmp_path, compression, dictionary, page_version):
    path = tmp_path / "t.parquet"
    pq.write_table(every_type_table(), path, compression=compression, use_dictionary=dictionary,
                   data_page_version=page_version, row_group_size=25)
    metadata = pq.ParquetFile(path).metadata
    assert metadata.num_row_groups == 3
    assert metadata.row_group(0).column(0).compression == ("UNCOMPRESSED" if compression == "none" else compression.upper())
    assert normalize(cat(path)) == normalize(expected_rows(path))


def test_schema_names_types_and_nullability(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(every_type_table(), path)
    result = run_tool("schema", path)
    assert result.returncode == 0, result.stderr
    columns = json.loads(result.stdout)
    assert [(c["name"], c["type"]) for c in columns] == EVERY_TYPE_SCHEMA
    assert [c["nullable"] for c in columns] == [name != "required_int" for name, _ in EVERY_TYPE_SCHEMA]


def test_reads_many_row_groups_and_pages(tmp_path):
    path = tmp_path / "t.parquet"
    n = 20_000
    table = pa.table({"n": pa.array(range(n), pa.int64()),
                      "s": pa.array([None if i % 7 == 0 else f"value {i % 1000}" for i in range(n)])})
    pq.write_table(table, path, row_group_size=3000, data_page_size=1024, compression="snappy")
    assert pq.ParquetFile(path).metadata.num_row_groups == 7
    rows = cat(path)
    assert len(rows) == n
    assert rows == [[i, None if i % 7 == 0 else f"value {i % 1000}"] for i in range(n)]


def test_reads_delta_and_byte_stream_split_encodings(tmp_path):
    path = tmp_path / "t.parquet"
    table = every_type_table()
    encodings = {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "text": "DELTA_BYTE_ARRAY",
                 "blob": "DELTA_LENGTH_BYTE_ARRAY", "f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT",
                 "fixed": "DELTA_BYTE_ARRAY"}
    for version in ["1.0", "2.0"]:
        pq.write_table(table, path, use_dictionary=False, column_encoding=encodings, data_page_version=version)
        column_encodings = {pq.ParquetFile(path).metadata.row_group(0).column(i).path_in_schema:
                            pq.ParquetFile(path).metadata.row_group(0).column(i).encodings for i in range(table.num_columns)}
        assert "DELTA_BINARY_PACKED" in column_encodings["i32"]
        assert "DELTA_BYTE_ARRAY" in column_encodings["text"]
        assert normalize(cat(path)) == normalize(expected_rows(path))


def test_reads_rle_booleans(tmp_path):
    path = tmp_path / "t.parquet"
    table = pa.table({"b": pa.array([True, None, False, True] * 50)})
    pq.write_table(table, path, use_dictionary=False, column_encoding={"b": "RLE"}, data_page_version="2.0")
    assert "RLE" in pq.ParquetFile(path).metadata.row_group(0).column(0).encodings
    assert cat(path) == expected_rows(path)


def test_reads_int96_timestamps(tmp_path):
    # Spark and Hive write TIMESTAMP as INT96 (nanoseconds of the day, then the Julian day).
    path = tmp_path / "t.parquet"
    values = [datetime.datetime(2020, 1, 2, 3, 4, 5, 678901), datetime.datetime(1900, 1, 1), None]
    pq.write_table(pa.table({"ts": pa.array(values, pa.timestamp("us"))}), path, use_deprecated_int96_timestamps=True)
    assert pq.ParquetFile(path).schema.column(0).physical_type == "INT96"
    epoch = datetime.datetime(1970, 1, 1)
    assert cat(path) == [[{"timestamp": (v - epoch) // datetime.timedelta(microseconds=1), "utc": False}] if v else [None]
                         for v in values]


def test_reads_legacy_format_version_1(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(every_type_table(), path, version="1.0", coerce_timestamps="us", allow_truncated_timestamps=True)
    assert normalize(cat(path)) == normalize(expected_rows(path))


def test_reads_an_empty_file(tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(every_type_table().slice(0, 0), path)
    assert cat(path) == []


def nested_json(value):
    """pyarrow's Python value of a nested field as the JSON our reader renders: maps as objects,
    dates as "YYYY-MM-DD"."""
    if isinstance(value, list):
        if value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return {str(k): nested_json(v) for k, v in value}
        return [nested_json(v) for v in value]
    if isinstance(value, dict):
        return {k: nested_json(v) for k, v in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("page_version", ["1.0", "2.0"], ids=["v1", "v2"])
def test_nested_fields_read_as_json_text(tmp_path, page_version):
    # Structs, lists (of lists, of structs, with nulls and empty lists) and maps become their JSON
    # text, which COPY loads into SUPER or VARCHAR.
    path = tmp_path / "t.parquet"
    n = 300
    table = pa.table({
        "id": pa.array(range(n), pa.int32()),
        "tags": [None if i % 7 == 3 else [f"t{j}" if j % 4 else None for j in range(i % 5)] for i in range(n)],
        "matrix": [None if i % 11 == 0 else [[j * i for j in range(k)] for k in range(i % 4)] for i in range(n)],
        "point": [None if i % 5 == 0 else {"x": i, "label": None if i % 3 else f"p{i}"} for i in range(n)],
        "props": pa.array([None if i % 9 == 0 else [(f"k{j}", None if j == 1 else j) for j in range(i % 3)]
                           for i in range(n)], pa.map_(pa.string(), pa.int64())),
        "events": [[{"at": datetime.date(2020, 1, 1) + datetime.timedelta(days=i), "n": j} for j in range(i % 3)]
                   for i in range(n)],
    })
    pq.write_table(table, path, data_page_version=page_version, row_group_size=100, data_page_size=512)
    result = run_tool("schema", path)
    assert [c["type"] for c in json.loads(result.stdout)] == ["int32", "json", "json", "json", "json", "json"]
    rows = cat(path)
    assert len(rows) == n
    for row, expected in zip(rows, table.to_pylist()):
        assert row[0] == expected["id"]
        for name, text in zip(["tags", "matrix", "point", "props", "events"], row[1:]):
            want = expected[name]
            if name == "props" and want is not None:   # a map, even an empty one, is an object
                want = dict(want)
            assert (None if text is None else json.loads(text)) == (None if want is None else nested_json(want)), name


@pytest.mark.parametrize("damage", ["not_parquet", "truncated", "footer_length", "bad_tail_magic", "scrambled_footer"])
def test_corrupt_files_fail_clearly(tmp_path, damage):
    path = tmp_path / "t.parquet"
    pq.write_table(every_type_table(), path, compression="snappy")
    data = bytearray(path.read_bytes())
    if damage == "not_parquet":
        data = bytearray(b"id|name\n1|one\n2|two\n")
    elif damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "footer_length":
        data[-8:-4] = (len(data) * 2).to_bytes(4, "little")
    elif damage == "bad_tail_magic":
        data[-4:] = b"PAR2"
    else:
        length = int.from_bytes(data[-8:-4], "little")
        start = len(data) - 8 - length
        data[start:start + length // 2] = b"\xee" * (length // 2)
    path.write_bytes(bytes(data))
    result = run_tool("cat", path)
    assert result.returncode == 1
    assert "Parquet" in result.stderr
    assert "Fatal error" not in result.stderr


@pytest.mark.parametrize("compression", ["gzip", "zstd", "snappy"])
def test_a_corrupt_page_fails_to_decompress(tmp_path, compression):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"n": pa.array([i * i for i in range(5000)], pa.int64())}), path,
                   compression=compression, use_dictionary=False)
    column = pq.ParquetFile(path).metadata.row_group(0).column(0)
    data = bytearray(path.read_bytes())
    # From the middle of the page (its header is a few dozen bytes of thousands), overwrite
    # the compressed data.
    start = column.data_page_offset + column.total_compressed_size // 2
    end = column.data_page_offset + column.total_compressed_size
    data[start:end] = b"\xff" * (end - start)
    path.write_bytes(bytes(data))
    result = run_tool("cat", path)
    assert result.returncode == 1
    assert compression.upper() in result.stderr and "decompress" in result.stderr


# --------------------------------------------------------------------------------------------
# Files our writer writes (UNLOAD … FORMAT PARQUET), read by pyarrow
# --------------------------------------------------------------------------------------------

# r_UNLOAD: the Redshift column types and the Parquet (Arrow) types they become.
UNLOAD_SCHEMA = [
    ("si", "smallint", pa.int16()), ("i", "integer", pa.int32()), ("bi", "bigint", pa.int64()),
    ("d_9_2", "decimal(9,2)", pa.decimal128(9, 2)), ("d_18_4", "decimal(18,4)", pa.decimal128(18, 4)),
    ("d_38_10", "decimal(38,10)", pa.decimal128(38, 10)), ("r", "real", pa.float32()), ("dp", "double", pa.float64()),
    ("b", "boolean", pa.bool_()), ("s", "string", pa.string()), ("dt", "date", pa.date32()),
    ("ts", "timestamp", pa.timestamp("us")), ("tstz", "timestamptz", pa.timestamp("us", tz="UTC")),
    ("t", "time", pa.time64("us")), ("ttz", "timetz", pa.time64("us")), ("vb", "varbyte", pa.binary()),
]

EPOCH = datetime.datetime(1970, 1, 1)


def unload_rows(n: int) -> tuple[list[list], list[dict]]:
    """Rows in parquet-tool's JSON and the Python values pyarrow should read back."""
    rows, expected = [], []
    for i in range(n):
        if i % 6 == 5:
            rows.append([None] * len(UNLOAD_SCHEMA))
            expected.append({name: None for name, _, _ in UNLOAD_SCHEMA})
            continue
        ts = EPOCH + datetime.timedelta(microseconds=1_577_934_245_678_901 + i * 3_600_000_001 * (-1) ** i)
        micros = (ts - EPOCH) // datetime.timedelta(microseconds=1)
        day = datetime.date(2000, 1, 1) + datetime.timedelta(days=i * 37 - 900)
        tod = (i * 7_654_321_987) % 86_400_000_000
        d92 = decimal.Decimal(i * 12345 - 300000).scaleb(-2)
        d184 = decimal.Decimal(-i * 123456789012345 + 17).scaleb(-4)
        d3810 = decimal.Decimal("-1234567890123456789012345678.0123456789") + i
        text = ["", "héllo", "日本語", "x" * 200, f"row {i}"][i % 5]
        blob = bytes([i % 256, 0, 255])
        rows.append([
            (-1) ** i * (i * 97 % 32768), i * 1_000_003 - 2**31 + 1, (-1) ** i * i * 10**12,
            {"decimal": format(d92, "f")}, {"decimal": format(d184, "f")}, {"decimal": format(d3810, "f")},
            {"double": i / 4}, {"double": i / 3}, i % 3 == 0, text, {"date": (day - datetime.date(1970, 1, 1)).days},
            {"timestamp": micros}, {"timestamp": micros, "utc": True}, {"time": tod}, {"time": tod // 2},
            {"bytes": blob.hex()},
        ])
        tod_time = (datetime.datetime.min + datetime.timedelta(microseconds=tod)).time()
        half_time = (datetime.datetime.min + datetime.timedelta(microseconds=tod // 2)).time()
        expected.append({
            "si": rows[-1][0], "i": rows[-1][1], "bi": rows[-1][2], "d_9_2": d92, "d_18_4": d184, "d_38_10": d3810,
            "r": i / 4, "dp": i / 3, "b": i % 3 == 0, "s": text, "dt": day, "ts": ts,
            "tstz": ts.replace(tzinfo=datetime.timezone.utc), "t": tod_time, "ttz": half_time, "vb": blob,
        })
    return rows, expected


def write_with_tool(tmp_path: Path, schema: list[dict], rows: list[list], *options: str) -> Path:
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    (tmp_path / "rows.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "out.parquet"
    result = run_tool("write", tmp_path / "schema.json", tmp_path / "rows.jsonl", out, *options)
    assert result.returncode == 0, result.stderr
    return out


def tool_schema(nullable: bool = True) -> list[dict]:
    return [{"name": name, "type": kind, "nullable": nullable} for name, kind, _ in UNLOAD_SCHEMA]


def compare_tz(rows: list[dict]) -> list[dict]:
    """pyarrow reads a UTC timestamp with a ZoneInfo('UTC'); compare instants."""
    return [{k: (v.astimezone(datetime.timezone.utc) if isinstance(v, datetime.datetime) and v.tzinfo else v)
             for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("compression", ["snappy", "gzip", "zstd", "uncompressed"])
@pytest.mark.parametrize("dictionary", [True, False], ids=["dictionary", "plain"])
def test_pyarrow_reads_files_we_write(tmp_path, compression, dictionary):
    rows, expected = unload_rows(200)
    options = ["--compression", compression] + ([] if dictionary else ["--no-dictionary"])
    out = write_with_tool(tmp_path, tool_schema(), rows, *options)
    table = pq.read_table(out)
    assert table.schema == pa.schema([pa.field(name, arrow_type) for name, _, arrow_type in UNLOAD_SCHEMA])
    assert compare_tz(table.to_pylist()) == compare_tz(expected)
    metadata = pq.ParquetFile(out).metadata
    assert {metadata.row_group(0).column(i).compression for i in range(len(UNLOAD_SCHEMA))} == {compression.upper()}


def test_parquet_types_follow_the_unload_mapping(tmp_path):
    # r_UNLOAD: the Parquet physical types and annotations of each Redshift type.
    out = write_with_tool(tmp_path, tool_schema(), unload_rows(3)[0])
    schema = pq.ParquetFile(out).schema
    physical = {schema.column(i).name: schema.column(i).physical_type for i in range(len(schema))}
    assert physical == {"si": "INT32", "i": "INT32", "bi": "INT64", "d_9_2": "INT32", "d_18_4": "INT64",
                        "d_38_10": "FIXED_LEN_BYTE_ARRAY", "r": "FLOAT", "dp": "DOUBLE", "b": "BOOLEAN",
                        "s": "BYTE_ARRAY", "dt": "INT32", "ts": "INT64", "tstz": "INT64", "t": "INT64",
                        "ttz": "INT64", "vb": "BYTE_ARRAY"}
    logical = {schema.column(i).name: str(schema.column(i).logical_type) for i in range(len(schema))}
    assert "isAdjustedToUTC=false" in logical["ts"] and "microseconds" in logical["ts"]
    assert "isAdjustedToUTC=true" in logical["tstz"]
    assert logical["s"] == "String" and logical["dt"] == "Date"
    # The default codec is SNAPPY (r_UNLOAD: Parquet files are Snappy-compressed).
    assert pq.ParquetFile(out).metadata.row_group(0).column(0).compression == "SNAPPY"


def test_we_write_several_row_groups(tmp_path):
    rows, expected = unload_rows(3000)
    out = write_with_tool(tmp_path, tool_schema(), rows, "--row-group-size", "65536", "--page-size", "8192")
    assert pq.ParquetFile(out).metadata.num_row_groups > 2
    assert compare_tz(pq.read_table(out).to_pylist()) == compare_tz(expected)


def test_required_columns_and_statistics(tmp_path):
    rows = [r for r in unload_rows(50)[0] if r[0] is not None]
    out = write_with_tool(tmp_path, tool_schema(nullable=False), rows)
    parquet = pq.ParquetFile(out)
    assert all(not field.nullable for field in parquet.schema_arrow)
    stats = parquet.metadata.row_group(0).column(2).statistics   # bi
    values = [row[2] for row in rows]
    assert stats.has_min_max and (stats.min, stats.max) == (min(values), max(values))
    assert stats.null_count == 0


def test_our_round_trip_matches_pyarrow(tmp_path):
    # What we write, we read back with the same values pyarrow sees.
    rows, _ = unload_rows(100)
    out = write_with_tool(tmp_path, tool_schema(), rows)
    assert normalize(cat(out)) == normalize(expected_rows(out))


def test_we_write_an_empty_file(tmp_path):
    out = write_with_tool(tmp_path, tool_schema(), [])
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert table.schema.names == [name for name, _, _ in UNLOAD_SCHEMA]


def test_writer_refuses_a_null_in_a_not_null_column(tmp_path):
    (tmp_path / "schema.json").write_text(json.dumps([{"name": "x", "type": "integer", "nullable": False}]))
    (tmp_path / "rows.jsonl").write_text("[1]\n[null]\n")
    result = run_tool("write", tmp_path / "schema.json", tmp_path / "rows.jsonl", tmp_path / "out.parquet")
    assert result.returncode == 1
    assert "NOT NULL" in result.stderr

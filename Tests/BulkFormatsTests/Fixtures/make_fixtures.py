#!/usr/bin/env python3
"""Writes the small Avro fixtures of AvroContainerReaderTests with fastavro (pip install fastavro
cramjam zstandard). Run once from this directory; the .avro files are committed.

The values here are the tests' expectations: the Swift tests restate them (epoch days and
microseconds computed from these dates by hand and checked with Python's datetime)."""
import datetime as dt
import uuid
from decimal import Decimal

import fastavro

UTC = dt.timezone.utc

TYPES_SCHEMA = {
    "type": "record", "name": "AllTypes", "namespace": "emulator.fixtures",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "score", "type": "double"},
        {"name": "ratio", "type": "float"},
        {"name": "flag", "type": "boolean"},
        {"name": "small", "type": "int"},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "big", "type": {"type": "fixed", "name": "Big", "size": 16, "logicalType": "decimal",
                                 "precision": 38, "scale": 5}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "t_ms", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "t_us", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "ts_ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "ts_us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "lts_ms", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
        {"name": "lts_us", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
        {"name": "uid", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
        {"name": "raw", "type": "bytes"},
        {"name": "fx", "type": {"type": "fixed", "name": "Four", "size": 4}},
        {"name": "maybe_name", "type": ["null", "string"]},
        {"name": "maybe_int", "type": ["null", "long"]},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "long"}},
        {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
            {"name": "street", "type": "string"},
            {"name": "zip", "type": ["null", "int"]},
        ]}},
        {"name": "color2", "type": ["null", "Color"]},
    ],
}

TYPES_RECORDS = [
    {"id": 1, "name": "alpha", "score": 1.5, "ratio": 0.25, "flag": True, "small": -7,
     "amount": Decimal("12345.67"), "big": Decimal("-123456789012345678901234567890.12345"),
     "day": dt.date(2024, 2, 29), "t_ms": dt.time(12, 34, 56, 789000), "t_us": dt.time(23, 59, 59, 999999),
     "ts_ms": dt.datetime(2024, 2, 29, 12, 0, 0, 123000, tzinfo=UTC),
     "ts_us": dt.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),
     "lts_ms": dt.datetime(2001, 2, 3, 4, 5, 6, 7000), "lts_us": dt.datetime(2001, 2, 3, 4, 5, 6, 789012),
     "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"), "color": "GREEN",
     "raw": b"\x00\xffab", "fx": b"\x01\x02\x03\x04", "maybe_name": "x", "maybe_int": None,
     "tags": ["a", 'b"q'], "attrs": {"k": 1}, "address": {"street": "Main St", "zip": 12345}, "color2": "BLUE"},
    {"id": -2, "name": "", "score": -0.0, "ratio": -3.5, "flag": False, "small": 2147483647,
     "amount": Decimal("-0.05"), "big": Decimal("0.00000"),
     "day": dt.date(1969, 12, 31), "t_ms": dt.time(0, 0), "t_us": dt.time(0, 0, 0, 1),
     "ts_ms": dt.datetime(1970, 1, 1, tzinfo=UTC), "ts_us": dt.datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC),
     "lts_ms": dt.datetime(1900, 1, 1), "lts_us": dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
     "uid": uuid.UUID("00000000-0000-0000-0000-000000000000"), "color": "RED",
     "raw": b"", "fx": b"\xff\xff\xff\xff", "maybe_name": None, "maybe_int": -5,
     "tags": [], "attrs": {}, "address": {"street": "Elm\n", "zip": None}, "color2": None},
    {"id": 9223372036854775807, "name": "h\u00e9llo \u2713", "score": 1e300, "ratio": 1.0, "flag": True,
     "small": -2147483648, "amount": Decimal("99999999.99"), "big": Decimal("1.5"),
     "day": dt.date(1, 1, 1), "t_ms": dt.time(23, 59, 59, 999000), "t_us": dt.time(1, 2, 3),
     "ts_ms": dt.datetime(2024, 1, 1, tzinfo=UTC), "ts_us": dt.datetime(2024, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
     "lts_ms": dt.datetime(1970, 1, 1), "lts_us": dt.datetime(1970, 1, 1),
     "uid": uuid.UUID("ffffffff-ffff-ffff-ffff-ffffffffffff"), "color": "BLUE",
     "raw": b"\\", "fx": b"abcd", "maybe_name": "y", "maybe_int": 0,
     "tags": ["only"], "attrs": {"a": -1, "b": 2}, "address": {"street": "", "zip": 0}, "color2": "RED"},
]

MANY_SCHEMA = {
    "type": "record", "name": "Row",
    "fields": [{"name": "id", "type": "long"}, {"name": "name", "type": ["null", "string"]},
               {"name": "value", "type": "double"}],
}
MANY_RECORDS = [{"id": i, "name": None if i % 10 == 0 else f"row{i}", "value": i * 0.5} for i in range(1000)]

RECURSIVE_SCHEMA = {
    "type": "record", "name": "Node", "namespace": "list",
    "fields": [{"name": "value", "type": "int"}, {"name": "next", "type": ["null", "list.Node"]}],
}
RECURSIVE_RECORDS = [{"value": 1, "next": {"value": 2, "next": None}}, {"value": 3, "next": None}]


def write(path, schema, records, **options):
    with open(path, "wb") as out:
        fastavro.writer(out, fastavro.parse_schema(schema), records, **options)


write("types.avro", TYPES_SCHEMA, TYPES_RECORDS)
for codec in ["null", "deflate", "snappy", "zstandard", "bzip2"]:
    # sync_interval 2000: blocks of about 2 KB, so 1000 rows span several blocks.
    write(f"many-{codec}.avro", MANY_SCHEMA, MANY_RECORDS, codec=codec, sync_interval=2000)
write("recursive.avro", RECURSIVE_SCHEMA, RECURSIVE_RECORDS)

"""VARBYTE values, functions and operators, and the checksums CRC32, MURMUR3_32_HASH and CHECKSUM,
through the Data API. Expected values are the Developer Guide's printed results (r_VARBYTE_type,
r_VARBYTE_OPERATORS, r_FROM_HEX, r_TO_HEX, r_TO_VARBYTE, r_FROM_VARBYTE, r_GETBIT, crc32-function);
MURMUR3_32_HASH follows the Apache Iceberg specification's test vectors (see the test)."""

import base64

import pytest

from conftest import query, run, run_ok


def _one(client, sql, target):
    d = run_ok(client, sql, **target)
    result = client.get_statement_result(Id=d["Id"])
    record = result["Records"][0]
    types = [c["typeName"] for c in result["ColumnMetadata"]]
    values = [None if f.get("isNull") else next(iter(f.values())) for f in record]
    # The Data API carries a VARBYTE as base64 in stringValue (ResultEncoding.swift, issue 17); the
    # pages print it as hex (psql's rendering), so compare in hex.
    values = [base64.b64decode(v).hex() if t == "varbyte" and v is not None else v for v, t in zip(values, types)]
    return values, types


@pytest.mark.parametrize("sql, expected", [
    ("select from_hex('6162')", "6162"),                          # r_FROM_HEX, r_VARBYTE_type
    ("select 'abc'::varbyte", "616263"),                          # r_VARBYTE_type
    ("select 5::smallint::varbyte", "0005"),
    ("select 5::int::varbyte", "00000005"),
    ("select 5::bigint::varbyte", "0000000000000005"),
    ("select to_varbyte('6162', 'hex')", "6162"),                 # r_TO_VARBYTE
    ("select to_varbyte('01001101', 'binary')", "4d"),
    ("select to_varbyte('a', 'utf8')", "61"),
    ("select to_varbyte('4', 'hex')", "04"),
    ("select 'a'::varbyte || 'b'::varbyte as concat", "6162"),    # r_VARBYTE_OPERATORS
    ("select 'a'::varbyte + 'b'::varbyte as concat", "6162"),
])
def test_varbyte_values_print_as_hex(client, target, sql, expected):
    values, types = _one(client, sql, target)
    assert values == [expected]
    assert types == ["varbyte"]


@pytest.mark.parametrize("sql, expected", [
    ("select to_hex(2147676847)", "8002f2af"),                    # r_TO_HEX
    ("select to_hex('abc'::varbyte)", "616263"),
    ("select from_varbyte('ab', 'hex')", "6162"),                 # r_FROM_VARBYTE
    ("select from_varbyte(from_hex('4d'), 'binary')", "01001101"),
    ("select from_varbyte(~'a'::varbyte, 'binary')", "10011110"), # r_VARBYTE_OPERATORS
    ("select from_varbyte('a'::varbyte & 'b'::varbyte, 'binary')", "01100000"),
    ("select crc32('Amazon Redshift')", "f2726906"),              # crc32-function
])
def test_varbyte_text_results(client, target, sql, expected):
    assert query(client, sql, **target) == [[expected]]


def test_varbyte_comparisons(client, target):
    assert query(client, "select 'a'::varbyte < 'b'::varbyte as less_than", **target) == [[True]]
    assert query(client, "select 'a'::varbyte = 'b'::varbyte as equal", **target) == [[False]]


def test_varbyte_to_varchar_is_utf8(client, target):
    # r_TO_HEX: "when casting a VARBYTE value to VARCHAR the format is UTF-8".
    run_ok(client, "create table t (vc varchar)", **target)
    run_ok(client, "insert into t select to_hex('abc'::varbyte)", **target)
    run_ok(client, "insert into t select 'abc'::varbyte::varchar", **target)
    assert sorted(r[0] for r in query(client, "select vc from t", **target)) == ["616263", "abc"]


def test_char_to_varbyte_keeps_padding(client, target):
    # r_VARBYTE_type: CHAR(10) values cast with their blank padding.
    run_ok(client, "create table t (c char(10))", **target)
    run_ok(client, "insert into t values ('aa'), ('abc')", **target)
    got = sorted(base64.b64decode(r[0]).hex() for r in query(client, "select c::varbyte from t", **target))
    assert got == ["61612020202020202020", "61626320202020202020"]


def test_varbyte_length_and_substring_count_bytes(client, target):
    # varbyte-functions: LEN/OCTET_LENGTH/SUBSTRING work on bytes; GETBIT reads bit 0 as the lowest.
    assert query(client, "select len('abc'::varbyte), octet_length('abc'::varbyte)", **target) == [[3, 3]]
    values, types = _one(client, "select substring('abc'::varbyte, 2, 1)", target)
    assert values == ["62"] and types == ["varbyte"]
    # r_GETBIT: both printed examples.
    assert query(client, "select getbit(from_hex('4d'), 2)", **target) == [[1]]
    assert query(client, "select getbit(from_hex('4d'), 7), getbit(from_hex('4d'), 6), getbit(from_hex('4d'), 5), "
                         "getbit(from_hex('4d'), 4), getbit(from_hex('4d'), 3), getbit(from_hex('4d'), 2), "
                         "getbit(from_hex('4d'), 1), getbit(from_hex('4d'), 0)", **target) == [[0, 1, 0, 0, 1, 1, 0, 1]]


def test_varbyte_column_round_trip(client, target):
    run_ok(client, "create table vb (v varbyte(8))", **target)
    run_ok(client, "insert into vb values (from_hex('00ff')), (to_varbyte('a', 'utf8')), (null)", **target)
    got = query(client, "select to_hex(v), from_varbyte(v, 'binary') from vb order by v", **target)
    assert got == [["00ff", "0000000011111111"], ["61", "01100001"], [None, None]]


def test_bad_varbyte_input_fails(client, target):
    for sql in ["select from_hex('zz')", "select to_varbyte('61', 'base64')", "select to_varbyte('012', 'binary')"]:
        d = run(client, sql, **target)
        assert d["Status"] == "FAILED", sql


def test_murmur3_32_hash_iceberg_vectors(client, target):
    # MURMUR3_32_HASH: "the binary representation specified by the Apache Iceberg 32-bit Murmur3 hash
    # specification": the spec's vectors are hash(34 as int or long) = 2017239379 and
    # hash('iceberg') = 1210000089. (The page's printed examples are FNV_HASH's 64-bit values, which an
    # INT result cannot hold.)
    values, types = _one(client, "select murmur3_32_hash(34), murmur3_32_hash(34::bigint), murmur3_32_hash('iceberg')", target)
    assert values == [2017239379, 2017239379, 1210000089]
    assert types == ["int4"] * 3
    # A seed changes the hash; NULL in, NULL out.
    assert query(client, "select murmur3_32_hash('iceberg', 1) <> murmur3_32_hash('iceberg'), murmur3_32_hash(null::int)", **target) == [[True, None]]


def test_checksum_of_text_and_numbers(client, target):
    # r_CHECKSUM: VARCHAR, INTEGER or DECIMAL in, INTEGER out; a DECIMAL's checksum is its unscaled value.
    values, types = _one(client, "select checksum(109.20::decimal(8,2)), checksum('abc'::varchar), checksum('abc'::varchar) = checksum('abc')", target)
    assert values[0] == 10920 and isinstance(values[1], int) and values[2] is True
    assert types[:2] == ["int4", "int4"]

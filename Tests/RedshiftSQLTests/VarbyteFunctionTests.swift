import Testing
@testable import RedshiftSQL

/// VARBYTE functions and operators, CRC32 and MURMUR3_32_HASH, with the documentation's printed
/// results (r_VARBYTE_type, r_VARBYTE_OPERATORS, r_TO_VARBYTE, r_FROM_VARBYTE, r_TO_HEX, crc32-function)
/// and the Apache Iceberg specification's Murmur3 test vectors.
@Suite struct VarbyteFunctionTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    @Test(arguments: [
        ("select to_hex(from_hex('6162'))", "6162"),
        ("select to_hex('abc'::varbyte)", "616263"),
        ("select to_hex(5::smallint::varbyte)", "0005"),
        ("select to_hex(5::int::varbyte)", "00000005"),
        ("select to_hex(2147676847)", "8002f2af"),
        ("select to_hex(to_varbyte('4', 'hex'))", "04"),
        ("select from_varbyte(to_varbyte('01001101', 'binary'), 'hex')", "4d"),
        ("select from_varbyte('ab', 'hex')", "6162"),
        ("select from_varbyte(~'a'::varbyte, 'binary')", "10011110"),
        ("select from_varbyte('a'::varbyte & 'b'::varbyte, 'binary')", "01100000"),
        ("select to_hex('a'::varbyte || 'b'::varbyte)", "6162"),
        ("select 'abc'::varbyte::varchar", "abc"),
        ("select crc32('Amazon Redshift')", "f2726906"),
    ])
    func documentedResults(sql: String, expected: String) throws {
        #expect(try db.value(sql) == expected)
    }

    @Test func murmur3FollowsTheIcebergVectors() throws {
        #expect(EmulatedFunctions.murmur3x86_32(Array("iceberg".utf8), seed: 0) == 1_210_000_089)
        #expect(try db.value("select murmur3_32_hash(34)") == "2017239379")
        #expect(try db.value("select murmur3_32_hash('iceberg')") == "1210000089")
    }

    @Test func badInputIsAnError() {
        #expect(throws: SQLError.self) { try db.run("select from_hex('xyz')") }
        #expect(throws: SQLError.self) { try db.run("select to_varbyte('a', 'base64')") }
    }
}

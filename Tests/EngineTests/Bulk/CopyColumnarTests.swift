import BulkFormats
import Foundation
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// COPY … FORMAT PARQUET (columns by position) and AVRO ('auto' by name, 'auto ignorecase', a
/// JSONPaths file) (copy-parameters-data-format, copy-usage_notes-copy-from-columnar).
@Suite struct CopyColumnarTests {
    private let role = CopyHarness.role

    private func parquet(_ h: CopyHarness, key: String, columns: [ParquetWriterColumn], rows: [[BulkValue]]) throws {
        try h.store.writeParquet(at: S3Location(bucket: "bucket", key: key), columns: columns, rows: rows)
    }

    @Test func loadsParquetByPosition() async throws {
        let h = try CopyHarness()
        try await h.run("create table pq (id bigint, amount decimal(10,2), name varchar(10), day date, ts timestamp, ok boolean, raw varbyte(4))")
        try parquet(h, key: "pq/part-0.parquet", columns: [
            ParquetWriterColumn(name: "a", type: .bigint), ParquetWriterColumn(name: "b", type: .decimal(precision: 10, scale: 2)),
            ParquetWriterColumn(name: "c", type: .string), ParquetWriterColumn(name: "d", type: .date),
            ParquetWriterColumn(name: "e", type: .timestamp), ParquetWriterColumn(name: "f", type: .boolean),
            ParquetWriterColumn(name: "g", type: .varbyte),
        ], rows: [
            [.int(1), .decimal("12.34", scale: 2), .string("one"), .date(19_723), .timestamp(1_704_067_200_500_000, utc: false), .boolean(true), .bytes([0xCA, 0xFE])],
            [.int(2), .null, .null, .null, .null, .null, .null],
        ])
        let copy = try await h.run("copy pq from 's3://bucket/pq/' \(role) format as parquet")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        let loaded = try await h.rows("select id, amount::varchar, name, day::varchar, ts::varchar, ok, to_hex(raw) from pq order by id")
        #expect(loaded == [[.integer(1), .text("12.34"), .text("one"), .text("2024-01-01"), .text("2024-01-01 00:00:00.5"), .integer(1), .text("cafe")],
                    [.integer(2), .null, .null, .null, .null, .null, .null]])
        // The file's columns must match the loaded columns in number.
        let narrow = try await h.run("copy pq (id, name) from 's3://bucket/pq/' \(role) parquet")
        #expect(narrow.status == .failed)
        #expect(narrow.error?.contains("does not match the number of columns") == true)
        // A corrupt footer fails the COPY (the reader's message).
        h.put("broken/x.parquet", "PAR1 not really parquet PAR1")
        #expect(try await h.run("copy pq from 's3://bucket/broken/' \(role) parquet").status == .failed)
    }

    /// An Avro object container with a long and an optional string field.
    private func avroFile(_ records: [(Int64, String?)]) -> [UInt8] {
        func long(_ value: Int64) -> [UInt8] {
            var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
            var result: [UInt8] = []
            while zigzag >= 0x80 { result.append(UInt8(zigzag & 0x7f) | 0x80); zigzag >>= 7 }
            return result + [UInt8(zigzag)]
        }
        func string(_ text: String) -> [UInt8] { long(Int64(text.utf8.count)) + Array(text.utf8) }
        let schema = #"{"type":"record","name":"r","fields":[{"name":"id","type":"long"},{"name":"Name","type":["null","string"]}]}"#
        let sync = [UInt8](repeating: 7, count: 16)
        var bytes: [UInt8] = [0x4f, 0x62, 0x6a, 0x01] + long(1) + string("avro.schema") + string(schema) + long(0) + sync
        var block: [UInt8] = []
        for (id, name) in records { block += long(id) + (name.map { long(1) + string($0) } ?? long(0)) }
        bytes += long(Int64(records.count)) + long(Int64(block.count)) + block + sync
        return bytes
    }

    @Test func loadsAvroByNameAndByJSONPaths() async throws {
        let h = try CopyHarness()
        try await h.run("create table av (id int, name varchar(10))")
        h.put("av/1.avro", bytes: avroFile([(1, "a"), (2, nil)]))
        // 'auto' matches names exactly: "Name" is not "name", so it loads NULL.
        #expect(try await h.run("copy av from 's3://bucket/av/' \(role) format as avro 'auto'").status == .finished)
        #expect(try await h.rows("select id, name from av order by id") == [[.integer(1), .null], [.integer(2), .null]])
        try await h.run("truncate av")
        #expect(try await h.run("copy av from 's3://bucket/av/' \(role) avro 'auto ignorecase'").status == .finished)
        #expect(try await h.rows("select id, name from av order by id") == [[.integer(1), .text("a")], [.integer(2), .null]])
        try await h.run("truncate av")
        h.put("avro.paths", #"{"jsonpaths": ["$.id", "$.Name"]}"#)
        let paths = try await h.run("copy av from 's3://bucket/av/' \(role) avro 's3://bucket/avro.paths'")
        #expect(paths.status == .finished, "\(paths.error ?? "")")
        #expect(try await h.rows("select id, name from av order by id") == [[.integer(1), .text("a")], [.integer(2), .null]])
        h.put("bad/1.avro", "not avro at all")
        #expect(try await h.run("copy av from 's3://bucket/bad/' \(role) avro 'auto'").status == .failed)
    }
}

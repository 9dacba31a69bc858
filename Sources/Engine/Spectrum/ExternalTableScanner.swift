import Foundation
import GRDB
import ObjectStore
import BulkFormats
import RedshiftSQL

/// What external table scans share: the data files of a folder, their decompression, and the
/// errors of a scan (`ExternalScanSource` lists the files, `ExternalFileRows` reads one).
///
/// - Redshift: c-spectrum-external-tables (partitions, `$path`, `$size`; hidden files — names
///   beginning with `.`, `_` or `#`, or ending with `~` — are ignored), r_CREATE_EXTERNAL_TABLE
///   (`skip.header.line.count`, `serialization.null.format`), c-spectrum-data-files (compression
///   by file extension); Avro files are read by field name (r_CREATE_EXTERNAL_TABLE › STORED AS AVRO).
enum ExternalTableScanner {
    /// What one scan read (for the statement's Spectrum summary).
    struct Summary: Equatable {
        var files = 0
        var bytes: Int64 = 0
        var rows = 0
        var partitionsRead = 0
        var totalPartitions = 0
    }

    /// The data files under a LOCATION folder, in key order, hidden files left out.
    static func files(in location: String, store: any ObjectStore) throws -> [ObjectInfo] {
        guard let folder = S3Location(url: location) else {
            throw SQLError(code: "XX000", message: "Spectrum Scan Error: invalid location '\(location)'")
        }
        let prefix = folder.key.isEmpty || folder.key.hasSuffix("/") ? folder.key : folder.key + "/"
        let listed: [ObjectInfo]
        do {
            listed = try store.list(bucket: folder.bucket, prefix: prefix)
        } catch let error as ObjectStoreError {
            if error.kind == .noSuchKey { return [] }
            throw CopySource.sqlError(error)
        }
        return listed.filter { info in
            let name = info.location.key.split(separator: "/").last.map(String.init) ?? ""
            guard !info.location.key.hasSuffix("/"), !name.isEmpty else { return false }
            return !(name.hasPrefix(".") || name.hasPrefix("_") || name.hasPrefix("#") || name.hasSuffix("~"))
        }
    }

    static func input(_ file: ObjectInfo, store: any ObjectStore) throws -> any ByteReader {
        let raw: any ByteReader
        do {
            raw = try store.reader(for: file.location)
        } catch let error as ObjectStoreError {
            throw CopySource.sqlError(error)
        }
        let key = file.location.key.lowercased()
        let compression = CompressionFormat.allCases.first { $0 != .none && key.hasSuffix($0.fileExtension) }
            ?? (key.hasSuffix(".zstd") ? .zstd : key.hasSuffix(".bz") ? .bzip2 : nil)
        guard let compression else { return raw }
        do {
            return try compression.reader(decompressing: raw)
        } catch let error as CompressionError {
            throw scanError(file.location, error.message)
        }
    }

    static func convert(_ bytes: [UInt8], column: ExternalColumn, options: LoadOptions, quoted: Bool, file: String, line: Int) throws -> SQLiteValue {
        try bytes.withUnsafeBufferPointer { try convert($0, column: column, options: options, quoted: quoted, file: file, line: line) }
    }

    private static func convert(_ field: UnsafeBufferPointer<UInt8>, column: ExternalColumn, options: LoadOptions, quoted: Bool,
                                file: String, line: Int) throws -> SQLiteValue {
        let converter = LoadFieldConverter(column: CopyPlan.Column(name: column.name, type: column.type, nullable: true), options: options)
        do {
            return try converter.convert(field, quoted: quoted).sqliteValue(field: field)
        } catch {
            throw fieldError(error, column: column, file: file, line: line)
        }
    }

    /// Divergence: the layout of Spectrum's message is the emulator's; the reason is the load
    /// error reason COPY gives for the same field (r_Load_Error_Reference).
    static func fieldError(_ error: LoadFieldError, column: ExternalColumn, file: String, line: Int) -> SQLError {
        SQLError(code: "XX000", message: "Spectrum Scan Error: file '\(file)'\(line > 0 ? " line \(line)" : ""), column '\(column.name)': \(error.reason)")
    }

    static func scanError(_ location: S3Location, _ detail: String) -> SQLError {
        SQLError(code: "XX000", message: "Spectrum Scan Error: file '\(location)': \(detail)")
    }
}

import BulkFormats
import Foundation
import GRDB
import GRDBSQLite
import ObjectStore
import RedshiftSQL

/// Performs an UNLOAD: steps the inner query's SQLite statement and streams each row to the file
/// it belongs in (never holding the result), then writes the manifest.
///
/// - Redshift: r_UNLOAD (ALLOWOVERWRITE: "By default, UNLOAD fails if it finds files that it would
///   possibly overwrite"; CLEANPATH removes the files under the path first — with PARTITION BY only
///   in the partition folders that receive files; PARTITION BY: the partition columns are left out
///   of the files unless INCLUDE), r_UNLOAD_command_examples.
/// - The existing-files error's text is the one Redshift users report
///   ("Specified unload destination on S3 is not empty …"); unverified against the documentation.
struct UnloadExecutor {
    let plan: UnloadPlan
    let columns: [ResultColumn]
    let store: any ObjectStore
    let clock: () -> Date

    var options: UnloadOptions { plan.options }

    func run(_ step: RedshiftSQL.SQLiteStatement, db: Database) throws -> UnloadResult {
        guard let prefix = S3Location(url: plan.location) else {
            throw SQLError(code: "22023", message: "Invalid S3 path: \(plan.location)")
        }
        let naming = UnloadFileNaming(prefix: prefix, options: options)
        try prepareDestination(naming)

        let partitionIndices = options.partitionBy.compactMap { name in columns.firstIndex { $0.name == name } }
        let fileIndices = options.partitionBy.isEmpty || options.partitionInclude
            ? Array(columns.indices) : columns.indices.filter { !partitionIndices.contains($0) }
        let fileColumns = fileIndices.map { columns[$0] }
        let open = try sinkFactory(fileColumns)
        let maxFileSize = options.maxFileSize ?? UnloadOptions.defaultMaxFileSize

        var streams: [String: UnloadStream] = [:]
        var order: [String] = []
        var cleaned: Set<String> = []
        func stream(_ folder: String) throws -> UnloadStream {
            if let existing = streams[folder] { return existing }
            if options.cleanPath, !folder.isEmpty, cleaned.insert(folder).inserted {
                try removeObjects(under: naming.prefix.appending(folder))
            }
            let created = UnloadStream(naming: naming, folder: folder, store: store, maxFileSize: maxFileSize,
                                       hasHeader: options.header, clock: clock, open: open)
            streams[folder] = created
            order.append(folder)
            return created
        }

        var rows: Int64 = 0
        do {
            let statement = try db.makeStatement(sql: step.sql)
            try statement.setArguments(step.statementArguments)
            let raw = statement.sqliteStatement
            defer { sqlite3_reset(raw) }
            let row = SpilledResultRow(statement: raw, columnCount: columns.count)
            var folderValues: [String?] = []
            var current: (folder: String, stream: UnloadStream)?
            while true {
                let code = sqlite3_step(raw)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: step.sql)
                }
                let target: UnloadStream
                if partitionIndices.isEmpty {
                    target = try current?.stream ?? stream("")
                    current = ("", target)
                } else {
                    folderValues.removeAll(keepingCapacity: true)
                    for index in partitionIndices { folderValues.append(columns[index].type.text(of: row.value(at: index))) }
                    let folder = UnloadFileNaming.folder(options.partitionBy, folderValues)
                    if let current, current.folder == folder { target = current.stream } else { target = try stream(folder) }
                    current = (folder, target)
                }
                try target.write(row, columns: fileIndices)
                rows += 1
            }
            if partitionIndices.isEmpty { try stream("").ensureFile() }
            var files: [UnloadedFile] = []
            for folder in order { files += try streams[folder]!.finish() }
            files.sort { $0.location < $1.location }   // the manifest and STL_UNLOAD_LOG in key order
            var manifest: S3Location?
            if options.manifest != .none {
                let text = UnloadManifest.text(files: files, columns: fileColumns, verbose: options.manifest == .verbose,
                                               parquet: options.format == .parquet)
                let writer = try store.writer(for: naming.manifest)
                try writer.write(Array(text.utf8))
                try writer.finish()
                manifest = naming.manifest
            }
            return UnloadResult(files: files, rows: rows, manifest: manifest)
        } catch {
            for folder in order { streams[folder]?.abort() }
            let written = order.flatMap { streams[$0]?.files ?? [] }.map(\.location)
            try? store.delete(written)
            throw UnloadErrors.map(error)
        }
    }

    /// ALLOWOVERWRITE and CLEANPATH: what may already be under the prefix.
    private func prepareDestination(_ naming: UnloadFileNaming) throws {
        let existing: [ObjectInfo]
        do {
            existing = try store.list(bucket: naming.prefix.bucket, prefix: naming.prefix.key)
        } catch {
            throw UnloadErrors.map(error)
        }
        guard !existing.isEmpty else { return }
        if options.cleanPath {
            if options.partitionBy.isEmpty { try removeObjects(existing.map(\.location)) }
        } else if !options.allowOverwrite {
            throw UnloadErrors.destinationNotEmpty
        }
    }

    private func removeObjects(under location: S3Location) throws {
        do {
            try removeObjects(try store.list(bucket: location.bucket, prefix: location.key).map(\.location))
        } catch let error as SQLError {
            throw error
        } catch {
            throw UnloadErrors.map(error)
        }
    }

    private func removeObjects(_ locations: [S3Location]) throws {
        guard !locations.isEmpty else { return }
        do { try store.delete(locations) } catch { throw UnloadErrors.map(error) }
    }

    /// How each file of the requested format is written.
    private func sinkFactory(_ fileColumns: [ResultColumn]) throws -> UnloadStream.OpenSink {
        let types = fileColumns.map(\.type)
        let names = fileColumns.map(\.name)
        let encoder: any RowEncoder
        switch options.format {
        case .parquet:
            return try ParquetUnload.sinkFactory(fileColumns, options: options)
        case .json:
            encoder = JSONRowEncoder(names: names)
        case .csv:
            encoder = CSVRowEncoder(delimiter: Character(options.effectiveDelimiter), nullAs: options.nullAs, addQuotes: options.addQuotes)
        case .text:
            if let spec = options.fixedWidth {
                let character = Set(types.indices.filter { if case .char = types[$0] { return true }; if case .varchar = types[$0] { return true }; return false })
                encoder = FixedWidthRowEncoder(widths: spec.map(\.width), nullAs: options.nullAs, characterColumns: character)
            } else {
                encoder = DelimitedRowEncoder(delimiter: Character(options.effectiveDelimiter), nullAs: options.nullAs,
                                              addQuotes: options.addQuotes, escape: options.escape)
            }
        }
        let header = options.header ? try encoder.header(names) : nil
        let compression = options.compression
        return { writer in
            TextFileSink(writer: try UnloadCompression.wrap(writer, compression), encoder: encoder, types: types, header: header)
        }
    }
}

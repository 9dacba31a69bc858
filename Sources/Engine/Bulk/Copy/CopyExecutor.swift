import Foundation
import GRDB
import ObjectStore
import RedshiftSQL
import BulkFormats

/// Performs one COPY on its connection, inside the statement's savepoint: lists the files, streams
/// each one through its format's reader, converts every field for its column and inserts the row;
/// rejected rows go to the load log, and past MAXERROR of them the COPY fails and loads nothing.
///
/// - Redshift: COPY (r_COPY); MAXERROR (copy-parameters-data-load); r_STL_LOAD_ERRORS,
///   r_STL_LOAD_COMMITS, SYS_LOAD_HISTORY; r_Load_Error_Reference for the codes.
struct CopyExecutor {
    /// What a COPY did.
    struct Outcome {
        var rowsLoaded: Int64
        var rejected: Int64
    }

    let plan: CopyPlan
    let store: any ObjectStore
    let db: Database
    let log: LoadLog
    let identity: LoadLog.LoadIdentity
    let clock: () -> Date
    /// Polled every `interruptCheckInterval` records: a cancel or statement timeout stops the COPY
    /// even when no INSERT runs (every row rejected), where SQLite's own interrupt is never seen.
    var isInterrupted: () -> Bool = { false }

    static let interruptCheckInterval: Int64 = 1_024

    /// Rejected rows kept in the log for one COPY (Redshift logs a bounded number too).
    static let loggedRejectionLimit = 1_000

    func run() throws -> Outcome {
        var rejections: [LoadLog.Rejection] = []
        var commits: [LoadLog.FileCommit] = []
        var rows: Int64 = 0, bytes: Int64 = 0, rejected: Int64 = 0
        var files: [CopySource.File] = []
        func history(completed: Bool) {
            log.record(rejections)
            log.record(LoadLog.Load(load: identity, tableName: plan.tableName, end: clock(), source: plan.source,
                                    format: plan.fileFormatName.lowercased(), rows: completed ? rows : 0, bytes: bytes,
                                    fileCount: files.count, errors: rejected, completed: completed),
                       files: completed ? commits : [])
        }
        do {
            files = try CopySource(store: store).files(for: plan)
            try checkInterrupt()
            let inserter = try PreparedRowInserter(db: db, plan: plan)
            let converters = plan.columns.map { LoadFieldConverter(column: $0, options: plan.conversion) }
            for file in files {
                let source = try CopyRecordSources.open(file, plan: plan, store: store)
                var lines: Int64 = 0
                var fileErrors: Int64 = 0
                if plan.ignoreHeader > 0 { try source.reader.skipLines(plan.ignoreHeader) }
                while try source.reader.next() {
                    lines += 1
                    if lines % Self.interruptCheckInterval == 0 { try checkInterrupt() }
                    let rejection = try load(source.reader, file: file, converters: converters, inserter: inserter)
                    guard let rejection else { rows += 1; continue }
                    rejected += 1
                    fileErrors += 1
                    if rejections.count < Self.loggedRejectionLimit { rejections.append(rejection) }
                    if rejected > Int64(plan.maxErrors) {
                        throw SQLError(code: "XX000", message: "Load into table '\(plan.tableName)' failed.  Check 'stl_load_errors' system table for details.")
                    }
                }
                bytes += source.bytesRead()
                commits.append(LoadLog.FileCommit(load: identity, filename: file.location.description, linesScanned: lines,
                                                  errors: fileErrors, time: clock(), format: plan.fileFormatName))
            }
            if plan.noLoad { throw NoLoad(rows: rows) }
        } catch let noLoad as NoLoad {
            history(completed: true)
            _ = noLoad
            return Outcome(rowsLoaded: 0, rejected: rejected)
        } catch let corrupt as CompressionError {
            // A truncated or corrupt compressed file (gzip: unexpected end of stream …).
            history(completed: false)
            throw SQLError(code: "XX000", message: corrupt.message)
        } catch let tooLong as RecordTooLong {
            history(completed: false)
            throw SQLError(code: "XX000", message: "Load into table '\(plan.tableName)' failed: line \(tooLong.line) is longer than the 4 MB limit of one input row.")
        } catch {
            history(completed: false)
            throw error
        }
        history(completed: true)
        return Outcome(rowsLoaded: rows, rejected: rejected)
    }

    /// Throws SQLite's own interrupt error (reported as a cancel, SQLSTATE 57014) once one is pending.
    private func checkInterrupt() throws {
        if isInterrupted() { throw DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "interrupted") }
    }

    /// NOLOAD: the files were read and checked; the rows are rolled back.
    private struct NoLoad: Error { var rows: Int64 }

    /// Converts and inserts the reader's current record; the rejection when a field (or the record) is bad.
    private func load(_ reader: any TextRecordSource, file: CopySource.File, converters: [LoadFieldConverter],
                      inserter: PreparedRowInserter) throws -> LoadLog.Rejection? {
        func reject(_ code: Int, _ reason: String, column: Int?, position: Int = 0, field: String = "") -> LoadLog.Rejection {
            let converter = column.map { converters[$0] }
            return LoadLog.Rejection(load: identity, filename: file.location.description, lineNumber: Int64(reader.lineNumber),
                                     column: converter?.column.name ?? "", type: converter?.typeName ?? "",
                                     length: converter?.lengthText ?? "", position: position,
                                     rawLine: Self.printable(reader.rawLine), rawField: field, code: code, reason: reason)
        }
        if let error = reader.recordError { return reject(error.code, error.reason, column: nil) }
        let count = reader.fieldCount
        if count == 1, converters.count > 1, reader.rawLine.isEmpty || reader.rawLine == [13] {
            if plan.ignoreBlankLines { return nil }
        }
        if count > converters.count {
            return reject(1202, "Extra column(s) found", column: converters.count - 1)
        }
        if count < converters.count && !plan.fillRecord {
            return reject(1214, "Delimiter not found", column: count - 1)
        }
        for (index, converter) in converters.enumerated() {
            if index >= count {
                do throws(LoadFieldError) {
                    inserter.bind(try converter.missing(), column: index, field: UnsafeBufferPointer(start: nil, count: 0))
                } catch {
                    return reject(error.code, error.reason, column: index)
                }
                continue
            }
            var failure: LoadFieldError?
            let isNull = reader.isNull(index)
            if !isNull, let typed = reader as? BulkRowRecordSource {
                do throws(LoadFieldError) {
                    if let value = try typed.storedValue(index, for: converter) {
                        inserter.bind(value, column: index, field: UnsafeBufferPointer(start: nil, count: 0))
                        continue
                    }
                } catch {
                    let raw = reader.withField(index) { Self.printable(Array($0.prefix(1024))) }
                    return reject(error.code, error.reason, column: index, position: error.position, field: raw)
                }
            }
            let quoted = reader.isQuoted(index)
            reader.withFieldBytes(index) { field in
                do throws(LoadFieldError) {
                    let value = isNull ? (converter.column.nullable ? LoadedValue.null : try converter.missingNotNull())
                        : try converter.convert(field, quoted: quoted)
                    inserter.bind(value, column: index, field: field)
                } catch {
                    failure = error
                }
            }
            if let failure {
                let raw = reader.withField(index) { Self.printable(Array($0.prefix(1024))) }
                return reject(failure.code, failure.reason, column: index, position: failure.position, field: raw)
            }
        }
        try inserter.step()
        return nil
    }

    /// Raw text as STL_LOAD_ERRORS shows it: multibyte characters become periods (r_STL_LOAD_ERRORS).
    static func printable(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        for byte in bytes where byte < 0x80 || byte >= 0xC0 { text.append(byte < 0x80 ? byte : UInt8(ascii: ".")) }
        return String(decoding: text, as: UTF8.self)
    }
}

extension LoadFieldConverter {
    /// A JSON null or absent field for a NOT NULL column.
    func missingNotNull() throws(LoadFieldError) -> LoadedValue {
        throw LoadFieldError(code: 1213, reason: "Missing data for not-null field")
    }
}

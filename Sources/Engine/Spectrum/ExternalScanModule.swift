import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// The SQLite virtual table module `rs_external_scan` that streams an external table's files into
/// a statement: the engine creates, per external table reference, a TEMP virtual table named as
/// the analyzer named the reference (`temp."_rs_ext.1"` …):
///
///     CREATE VIRTUAL TABLE temp."_rs_ext.1" USING rs_external_scan(s42, "id", "name", "$path", "$size")
///
/// The first argument is the token of the statement's `ExternalScanSource` (see `register`); the
/// others are the columns. Each cursor reads the source's files one after another and decodes only
/// the columns the query uses (xBestIndex's colUsed mask, handed to xFilter as idxStr). Errors are
/// Redshift errors carried through SQLite's message (`SQLErrorTransport`). A table whose token is
/// no longer registered (its statement ended) can still be connected and dropped, not read.
enum ExternalScanModule {
    static let name = "rs_external_scan"

    /// Installs the module on a new connection.
    static func install(on connection: OpaquePointer) {
        sqlite3_create_module_v2(connection, name, module, nil, nil)
    }

    // MARK: Sources of running statements

    private static let sources = Locked<(next: Int, byToken: [String: ExternalScanSource])>((0, [:]))

    /// Makes `source` readable by the virtual tables created with the returned token.
    static func register(_ source: ExternalScanSource) -> String {
        sources.withLock { state in
            state.next += 1
            let token = "s\(state.next)"
            state.byToken[token] = source
            return token
        }
    }

    /// Forgets a token once its statement ended (tables created with it can no longer be read).
    static func unregister(_ token: String) {
        _ = sources.withLock { $0.byToken.removeValue(forKey: token) }
    }

    /// `CREATE VIRTUAL TABLE` for `source`'s scan under `token`.
    static func createStatement(_ source: ExternalScanSource, token: String) -> String {
        let arguments = [token] + source.columnNames.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return "CREATE VIRTUAL TABLE \(source.scan.sqliteName) USING \(name)(\(arguments.joined(separator: ", ")))"
    }

    // MARK: The C objects

    /// What a virtual table points to: its source (nil once unregistered) and its column count.
    private final class Table {
        let source: ExternalScanSource?
        let columnCount: Int
        init(source: ExternalScanSource?, columnCount: Int) {
            self.source = source
            self.columnCount = columnCount
        }
    }

    /// `sqlite3_vtab` and `sqlite3_vtab_cursor` are followed by the retained Swift object.
    private static let vtabSize = MemoryLayout<sqlite3_vtab>.stride
    private static let cursorSize = MemoryLayout<sqlite3_vtab_cursor>.stride

    private static func table(_ vtab: UnsafeMutablePointer<sqlite3_vtab>) -> Table {
        let slot = UnsafeMutableRawPointer(vtab).load(fromByteOffset: vtabSize, as: UnsafeMutableRawPointer.self)
        return Unmanaged<Table>.fromOpaque(slot).takeUnretainedValue()
    }

    private static func cursor(_ base: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> ExternalScanCursor? {
        let slot = UnsafeMutableRawPointer(base).load(fromByteOffset: cursorSize, as: UnsafeMutableRawPointer?.self)
        return slot.map { Unmanaged<ExternalScanCursor>.fromOpaque($0).takeUnretainedValue() }
    }

    /// A copy of `text` that SQLite may free (zErrMsg, idxStr).
    private static func sqliteString(_ text: String) -> UnsafeMutablePointer<CChar>? {
        let bytes = Array(text.utf8CString)
        guard let memory = sqlite3_malloc64(UInt64(bytes.count)) else { return nil }
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return memory.assumingMemoryBound(to: CChar.self)
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? SQLError { return SQLErrorTransport.encode(error) }
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }

    private static func fail(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ error: any Error) -> Int32 {
        guard let vtab else { return SQLITE_ERROR }
        if let old = vtab.pointee.zErrMsg { sqlite3_free(old) }
        vtab.pointee.zErrMsg = sqliteString(message(error))
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_INTERRUPT { return SQLITE_INTERRUPT }
        return SQLITE_ERROR
    }

    private static let connect: @convention(c) (
        OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
        UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 = { db, _, count, arguments, result, error in
        guard let arguments, count >= 5 else {
            error?.pointee = sqliteString("\(name) needs a token and columns")
            return SQLITE_ERROR
        }
        let texts = (0..<Int(count)).map { arguments[$0].map { String(cString: $0) } ?? "" }
        let token = texts[3].trimmingCharacters(in: .whitespaces)
        let columns = Array(texts[4...])
        let code = sqlite3_declare_vtab(db, "CREATE TABLE x(\(columns.joined(separator: ", ")))")
        guard code == SQLITE_OK else { return code }
        let source = sources.withLock { $0.byToken[token] }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: vtabSize + MemoryLayout<UnsafeMutableRawPointer>.size,
                                                      alignment: MemoryLayout<sqlite3_vtab>.alignment)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: vtabSize)
        let object = Unmanaged.passRetained(Table(source: source, columnCount: columns.count)).toOpaque()
        memory.storeBytes(of: object, toByteOffset: vtabSize, as: UnsafeMutableRawPointer.self)
        result?.pointee = memory.assumingMemoryBound(to: sqlite3_vtab.self)
        return SQLITE_OK
    }

    private static let disconnect: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 = { vtab in
        guard let vtab else { return SQLITE_OK }
        let slot = UnsafeMutableRawPointer(vtab).load(fromByteOffset: vtabSize, as: UnsafeMutableRawPointer.self)
        Unmanaged<Table>.fromOpaque(slot).release()
        if let message = vtab.pointee.zErrMsg { sqlite3_free(message) }
        UnsafeMutableRawPointer(vtab).deallocate()
        return SQLITE_OK
    }

    /// Every plan is a full scan (SQLite applies the constraints); colUsed goes to xFilter as
    /// idxStr. The cost is high so that SQLite puts the scan in the outer loop of a join rather
    /// than read the files again for each outer row.
    private static let bestIndex: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<sqlite3_index_info>?) -> Int32 = { _, info in
        guard let info else { return SQLITE_ERROR }
        info.pointee.idxStr = sqliteString(String(info.pointee.colUsed, radix: 16))
        info.pointee.needToFreeIdxStr = 1
        info.pointee.estimatedRows = 1_000_000
        info.pointee.estimatedCost = 1e9
        return SQLITE_OK
    }

    private static let open: @convention(c) (
        UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab_cursor>?>?
    ) -> Int32 = { vtab, result in
        guard let vtab else { return SQLITE_ERROR }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: cursorSize + MemoryLayout<UnsafeMutableRawPointer>.size,
                                                      alignment: MemoryLayout<sqlite3_vtab_cursor>.alignment)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: cursorSize + MemoryLayout<UnsafeMutableRawPointer>.size)
        if let source = table(vtab).source {
            let object = Unmanaged.passRetained(ExternalScanCursor(source)).toOpaque()
            memory.storeBytes(of: object, toByteOffset: cursorSize, as: UnsafeMutableRawPointer.self)
        }
        result?.pointee = memory.assumingMemoryBound(to: sqlite3_vtab_cursor.self)
        return SQLITE_OK
    }

    private static let close: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { base in
        guard let base else { return SQLITE_OK }
        if let slot = UnsafeMutableRawPointer(base).load(fromByteOffset: cursorSize, as: UnsafeMutableRawPointer?.self) {
            Unmanaged<ExternalScanCursor>.fromOpaque(slot).release()
        }
        UnsafeMutableRawPointer(base).deallocate()
        return SQLITE_OK
    }

    private static let filter: @convention(c) (
        UnsafeMutablePointer<sqlite3_vtab_cursor>?, Int32, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?
    ) -> Int32 = { base, _, plan, _, _ in
        guard let base else { return SQLITE_ERROR }
        let vtab = base.pointee.pVtab
        guard let cursor = cursor(base) else {
            return fail(vtab, SQLError(code: "XX000", message: "Spectrum Scan Error: the external table scan ended with its statement"))
        }
        let mask = plan.flatMap { UInt64(String(cString: $0), radix: 16) } ?? .max
        let columnCount = vtab.map { table($0).columnCount } ?? 0
        // colUsed's last bit stands for every column from the 64th on.
        let used = (0..<columnCount).map { mask & (1 << UInt64(min($0, 63))) != 0 }
        do {
            try cursor.start(using: used)
            return SQLITE_OK
        } catch {
            return fail(vtab, error)
        }
    }

    private static let next: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { base in
        guard let base, let cursor = cursor(base) else { return SQLITE_ERROR }
        do {
            try cursor.advance()
            return SQLITE_OK
        } catch {
            return fail(base.pointee.pVtab, error)
        }
    }

    private static let eof: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { base in
        guard let base, let cursor = cursor(base) else { return 1 }
        return cursor.atEnd ? 1 : 0
    }

    private static let column: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, OpaquePointer?, Int32) -> Int32 = { base, context, index in
        guard let base, let cursor = cursor(base) else { return SQLITE_ERROR }
        do {
            try cursor.result(column: Int(index), into: context)
        } catch {
            sqlite3_result_error(context, message(error), -1)
            return SQLITE_ERROR
        }
        return SQLITE_OK
    }

    private static let rowid: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, UnsafeMutablePointer<sqlite3_int64>?) -> Int32 = { base, result in
        guard let base, let cursor = cursor(base) else { return SQLITE_ERROR }
        result?.pointee = cursor.rowid
        return SQLITE_OK
    }

    /// The module, allocated once for the process (SQLite keeps a pointer to it).
    /// Written once, then only read by SQLite.
    nonisolated(unsafe) private static let module: UnsafeMutablePointer<sqlite3_module> = {
        let module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        var value = sqlite3_module()
        value.iVersion = 1
        value.xCreate = connect
        value.xConnect = connect
        value.xBestIndex = bestIndex
        value.xDisconnect = disconnect
        value.xDestroy = disconnect
        value.xOpen = open
        value.xClose = close
        value.xFilter = filter
        value.xNext = next
        value.xEof = eof
        value.xColumn = column
        value.xRowid = rowid
        module.initialize(to: value)
        return module
    }()
}

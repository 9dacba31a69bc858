import Foundation
import ObjectStore
import RedshiftSQL

/// The files of one output folder (the prefix, or one partition's folder): rows go to the current
/// file until it reaches MAXFILESIZE, then to the next part.
///
/// - Redshift: r_UNLOAD › MAXFILESIZE ("The actual file size is approximated when the file is
///   being written"), HEADER ("at the top of each output file").
final class UnloadStream {
    typealias OpenSink = (_ writer: any ObjectWriter) throws -> any UnloadFileSink

    private let naming: UnloadFileNaming
    private let folder: String
    private let store: any ObjectStore
    private let maxFileSize: Int64
    private let hasHeader: Bool
    private let open: OpenSink
    private let clock: () -> Date
    private var sink: (any UnloadFileSink)?
    private var current: UnloadedFile?
    private var part = 0
    private(set) var files: [UnloadedFile] = []

    init(naming: UnloadFileNaming, folder: String, store: any ObjectStore, maxFileSize: Int64, hasHeader: Bool,
         clock: @escaping () -> Date, open: @escaping OpenSink) {
        self.naming = naming
        self.folder = folder
        self.store = store
        self.maxFileSize = maxFileSize
        self.hasHeader = hasHeader
        self.clock = clock
        self.open = open
    }

    func write(_ row: [SQLiteValue]) throws {
        try prepareSink().write(row)
        current!.rows += 1
        current!.records += 1
    }

    /// Writes the current row of a query: its cells at `columns`.
    func write(_ row: SpilledResultRow, columns: [Int]) throws {
        try prepareSink().write(row, columns: columns)
        current!.rows += 1
        current!.records += 1
    }

    /// The sink of the file the next row goes to (the next part once MAXFILESIZE is reached).
    private func prepareSink() throws -> any UnloadFileSink {
        if let sink, let current, current.rows > 0, sink.bytesWritten >= maxFileSize { try closeFile() }
        if sink == nil { try openFile() }
        return sink!
    }

    /// Makes sure the stream has written at least one (possibly empty) file.
    func ensureFile() throws {
        if files.isEmpty && sink == nil { try openFile() }
    }

    func finish() throws -> [UnloadedFile] {
        if sink != nil { try closeFile() }
        return files
    }

    func abort() {
        sink?.abort()
        sink = nil
    }

    private func openFile() throws {
        let location = naming.file(part, folder: folder)
        part += 1
        let writer = try store.writer(for: location)
        do {
            sink = try open(writer)
        } catch {
            writer.abort()
            throw error
        }
        current = UnloadedFile(location: location, size: 0, rows: 0, records: hasHeader ? 1 : 0, start: clock(), end: clock())
    }

    private func closeFile() throws {
        guard let sink, var file = current else { return }
        self.sink = nil
        current = nil
        file.size = try sink.finish()
        file.end = clock()
        files.append(file)
    }
}

import Foundation

/// Writes a recording asynchronously: callers hand over lines (a lock and an append), a background
/// thread encodes them and writes them in batches. Bounded: a caller waits when `capacity` lines
/// are pending, so memory stays flat when the disk is slower than the producer.
///
/// The header is written first with room to spare; ``close()`` rewrites it in place with the final
/// statement count and capture window (and whatever ``updateHeader(_:)`` set).
///
/// For example:
///
/// ```swift
/// let writer = try RecordingWriter(path: "out.jsonl", header: RecordingHeader(source: .serve))
/// writer.write(.statement(statement))
/// try writer.close()
/// ```
public final class RecordingWriter: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let capacity: Int
    private let condition = NSCondition()
    private var pending: [RecordingLine] = []
    private var closing = false
    private var closed = false
    private var writing = false
    private var writerWaiting = false
    /// Queued lines that wake the writer at once.
    private let batchSize: Int
    /// The longest a queued line waits before it is written.
    private let flushInterval: TimeInterval
    private var producersWaiting = 0
    private var flushRequested = false
    private var writerDone = false
    private var failure: String?
    private var header: RecordingHeader
    private var reservedHeaderBytes: Int
    private var statements = 0
    private var userLines = 0
    private var driftLines = 0
    private var connectionLines = 0
    private var firstTime: RecordingTime?
    private var lastTime: RecordingTime?
    /// Distinct clusters and workgroups seen (up to two each): one of them names the header's target.
    private var clusters = Set<String>()
    private var workgroups = Set<String>()

    /// Creates (or truncates) `path` and writes the header.
    /// - Parameters:
    ///   - capacity: queued lines at most; `write` waits beyond.
    ///   - batchSize: queued lines that wake the writer thread at once.
    ///   - flushInterval: otherwise the writer thread wakes this often (seconds).
    public init(path: String, header: RecordingHeader, capacity: Int = 65_536, batchSize: Int = 512,
                flushInterval: TimeInterval = 0.05) throws {
        self.path = path
        self.header = header
        self.capacity = max(capacity, 1)
        self.batchSize = max(1, min(batchSize, self.capacity))
        self.flushInterval = flushInterval
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw InputError(path: path, message: String(cString: strerror(errno))) }
        var headerBytes = header.jsonBytes()
        reservedHeaderBytes = headerBytes.count + 384
        headerBytes.append(contentsOf: [UInt8](repeating: 32, count: 384))
        headerBytes.append(10)
        try Self.writeAll(descriptor, headerBytes, path: path)
        let thread = Thread { [self] in run() }
        thread.name = "recording-writer"
        thread.start()
        OpenRecordingWriters.shared.add(self)
    }

    /// Queues one line. Waits while the queue is full; ignored after ``close()``.
    public func write(_ line: RecordingLine) {
        condition.lock()
        while pending.count >= capacity && !closing {
            producersWaiting += 1
            condition.wait()
            producersWaiting -= 1
        }
        if !closing {
            pending.append(line)
            // Wake the writer only when it sleeps and a batch is ready: while it encodes, or until
            // `batchSize` lines are queued, lines just pile up (it also wakes every `flushInterval`).
            if writerWaiting && pending.count >= batchSize { condition.broadcast() }
        }
        condition.unlock()
    }

    /// Changes the header written at ``close()`` (for example the malformed-line count of an import).
    public func updateHeader(_ change: (inout RecordingHeader) -> Void) {
        condition.lock()
        change(&header)
        condition.unlock()
    }

    /// Waits until every queued line is on disk.
    public func flush() {
        condition.lock()
        flushRequested = true
        condition.broadcast()
        while (!pending.isEmpty || writing) && !writerDone { condition.wait() }
        condition.unlock()
    }

    /// Statement lines written so far.
    public var statementCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return statements
    }

    /// Writes what is queued, rewrites the header with the final counts and closes the file.
    /// Safe to call more than once and from a signal handler's queue.
    public func close() throws {
        condition.lock()
        if closed { condition.unlock(); return }
        closing = true
        condition.broadcast()
        while !writerDone { condition.wait() }
        closed = true
        var final = header
        if final.statements == nil { final.statements = statements }
        // `user` lines are new in 1.1; a recording without them stays a plain 1.0 one.
        if userLines > 0 && final.version == "1.0" { final.version = RecordingHeader.userLinesVersion }
        // Replay drift is new in 1.2 (which includes 1.1's user lines).
        if (driftLines > 0 || final.driftP99Micros != nil) && ["1.0", "1.1"].contains(final.version) {
            final.version = RecordingHeader.driftVersion
        }
        // Connection sessions (connect/disconnect lines) and transaction ids from `serve` are new in
        // 1.3, which includes 1.1 and 1.2.
        if connectionLines > 0 && ["1.0", "1.1", "1.2"].contains(final.version) {
            final.version = RecordingHeader.connectionsVersion
        }
        if final.captureStart == nil { final.captureStart = firstTime }
        if final.captureEnd == nil { final.captureEnd = lastTime }
        if final.cluster == nil && final.workgroup == nil {
            if clusters.count == 1 && workgroups.isEmpty { final.cluster = clusters.first }
            if workgroups.count == 1 && clusters.isEmpty { final.workgroup = workgroups.first }
        }
        let failure = failure
        condition.unlock()
        OpenRecordingWriters.shared.remove(self)
        defer { Foundation.close(descriptor) }
        if let failure { throw InputError(path: path, message: failure) }
        try rewriteHeader(final)
        fsync(descriptor)
    }

    private func run() {
        while true {
            condition.lock()
            while pending.count < batchSize && !closing && !flushRequested {
                writerWaiting = true
                let woken = condition.wait(until: Date().addingTimeInterval(flushInterval))
                writerWaiting = false
                if !woken && !pending.isEmpty { break }
            }
            flushRequested = false
            if pending.isEmpty && closing {
                writerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            writing = true
            if producersWaiting > 0 { condition.broadcast() }
            condition.unlock()

            var bytes = [UInt8]()
            bytes.reserveCapacity(batch.count * 400)
            var count = 0
            var users = 0
            var drifts = 0
            var connections = 0
            var first: RecordingTime?
            var last: RecordingTime?
            var batchClusters = Set<String>()
            var batchWorkgroups = Set<String>()
            for line in batch {
                bytes.append(contentsOf: line.jsonBytes())
                bytes.append(10)
                if case .user = line { users += 1 }
                if case .session(let session) = line, session.event != nil { connections += 1 }
                if case .statement(let statement) = line {
                    count += 1
                    if statement.driftMicros != nil { drifts += 1 }
                    let end = max(statement.endedAt ?? statement.submittedAt, statement.submittedAt)
                    first = min(first ?? statement.submittedAt, statement.submittedAt)
                    last = max(last ?? end, end)
                    if batchClusters.count < 2, let cluster = statement.clusterIdentifier { batchClusters.insert(cluster) }
                    if batchWorkgroups.count < 2, let workgroup = statement.workgroupName { batchWorkgroups.insert(workgroup) }
                }
            }
            var writeError: String?
            do { try Self.writeAll(descriptor, bytes, path: path) } catch { writeError = "\(error)" }

            condition.lock()
            writing = false
            statements += count
            userLines += users
            driftLines += drifts
            connectionLines += connections
            if let first { firstTime = min(firstTime ?? first, first) }
            if let last { lastTime = max(lastTime ?? last, last) }
            if clusters.count < 2 { clusters.formUnion(batchClusters) }
            if workgroups.count < 2 { workgroups.formUnion(batchWorkgroups) }
            if let writeError, failure == nil { failure = writeError }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Rewrites the header line: in place when it fits the reserved room, else by copying the file.
    private func rewriteHeader(_ header: RecordingHeader) throws {
        var bytes = header.jsonBytes()
        if bytes.count <= reservedHeaderBytes {
            bytes.append(contentsOf: [UInt8](repeating: 32, count: reservedHeaderBytes - bytes.count))
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            guard written == bytes.count else { throw InputError(path: path, message: "cannot rewrite the header") }
            return
        }
        let temporary = path + ".header-tmp"
        let output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw InputError(path: temporary, message: String(cString: strerror(errno))) }
        defer { Foundation.close(output) }
        bytes.append(10)
        try Self.writeAll(output, bytes, path: temporary)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = off_t(reservedHeaderBytes + 1)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            guard count > 0 else { break }
            try Self.writeAll(output, Array(chunk[0..<count]), path: temporary)
            offset += off_t(count)
        }
        fsync(output)
        guard rename(temporary, path) == 0 else { throw InputError(path: path, message: String(cString: strerror(errno))) }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw InputError(path: path, message: String(cString: strerror(errno)))
                }
                offset += count
            }
        }
    }
}

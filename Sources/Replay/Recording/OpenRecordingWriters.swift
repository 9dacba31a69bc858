import Dispatch
import Foundation

/// The writers currently open, so that SIGTERM/SIGINT can close (flush) them before the process
/// exits. `serve` and `record` close their writers on graceful shutdown instead; commands without
/// one (`import`) call ``closeAllOnSignals()``.
public final class OpenRecordingWriters: @unchecked Sendable {
    public static let shared = OpenRecordingWriters()
    private let lock = NSLock()
    private var writers: [ObjectIdentifier: RecordingWriter] = [:]
    private var sources: [DispatchSourceSignal] = []

    func add(_ writer: RecordingWriter) {
        lock.lock()
        writers[ObjectIdentifier(writer)] = writer
        lock.unlock()
    }

    func remove(_ writer: RecordingWriter) {
        lock.lock()
        writers[ObjectIdentifier(writer)] = nil
        lock.unlock()
    }

    /// Closes every open writer.
    public func closeAll() {
        lock.lock()
        let open = Array(writers.values)
        lock.unlock()
        for writer in open { try? writer.close() }
    }

    /// On SIGTERM or SIGINT: close every open writer, then exit with 128 + the signal number.
    public func closeAllOnSignals() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in [SIGTERM, SIGINT] {
            #if canImport(Darwin)
            signal(number, SIG_IGN)   // Darwin: let kqueue deliver it (Linux: Dispatch installs its own handler)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                FileHandle.standardError.write(Data("interrupted (signal \(number)): closing the recording\n".utf8))
                closeAll()
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}

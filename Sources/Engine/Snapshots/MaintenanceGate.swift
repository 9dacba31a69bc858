import Foundation
import Synchronization

/// Keeps statements and snapshot work apart: statements pass it while no snapshot is being saved
/// or restored; a snapshot operation closes it to new statements, waits for those in flight to
/// end, runs alone, then opens it again. A statement is thus never half-applied by a restore:
/// it ends before, or is refused and never starts.
///
/// Statements pass it on two atomics, with no lock: a statement counts itself in, then looks at
/// the gate; a snapshot operation closes the gate, then looks at the count. Both sequentially
/// consistent, so at least one of the two sees the other: the statement backs out, or the
/// operation waits for it.
final class MaintenanceGate: Sendable {
    /// Statements let in (or about to back out) and not ended.
    private let running = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)
    /// What the gate is closed for (e.g. `restoring snapshot base`); nil while open.
    private let closedFor = Locked<String?>(nil)

    /// How long a snapshot operation waits for statements in flight before giving up.
    static let drainTimeout: TimeInterval = 60

    /// Lets a statement in; refused while a snapshot operation runs or waits.
    func enter() throws {
        running.wrappingAdd(1, ordering: .sequentiallyConsistent)
        guard closed.load(ordering: .sequentiallyConsistent) else { return }
        running.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        throw EngineError.invalid("The emulator is \(reason): the statement was not run. Retry it once that ends.")
    }

    /// A statement let in by `enter` has ended.
    func leave() { running.wrappingSubtract(1, ordering: .sequentiallyConsistent) }

    /// Refuses new work (a session being opened) while the gate is closed.
    func checkOpen() throws {
        if closed.load(ordering: .sequentiallyConsistent) {
            throw EngineError.invalid("The emulator is \(reason): retry once that ends.")
        }
    }

    /// Runs `body` with no statement in flight: closes the gate, waits for the statements let in
    /// to end (at most `timeout` seconds; then nothing runs and `SnapshotError.busy` is thrown).
    func exclusively<T>(_ reason: String, timeout: TimeInterval = drainTimeout, _ body: () async throws -> T) async throws -> T {
        let claimed = closedFor.withLock { closedFor in
            guard closedFor == nil else { return false }
            closedFor = reason
            closed.store(true, ordering: .sequentiallyConsistent)
            return true
        }
        guard claimed else { throw SnapshotError(.busy, "The emulator is already busy with another snapshot operation.") }
        defer {
            closedFor.withLock { closedFor in
                closed.store(false, ordering: .sequentiallyConsistent)
                closedFor = nil
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while running.load(ordering: .sequentiallyConsistent) > 0 {
            guard Date() < deadline else {
                throw SnapshotError(.busy, "Statements were still running after \(Int(timeout)) seconds; nothing was changed.")
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        return try await body()
    }

    /// Why the gate is closed (read after `closed` was seen set; it may have opened since).
    private var reason: String { closedFor.withLock { $0 } ?? "busy with a snapshot operation" }
}

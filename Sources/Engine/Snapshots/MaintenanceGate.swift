import Foundation

/// Keeps statements and snapshot work apart: statements pass it while no snapshot is being saved
/// or restored; a snapshot operation closes it to new statements, waits for those in flight to
/// end, runs alone, then opens it again. A statement is thus never half-applied by a restore:
/// it ends before, or is refused and never starts.
final class MaintenanceGate: Sendable {
    private struct State {
        var running = 0
        /// What the gate is closed for (e.g. `restoring snapshot base`); nil while open.
        var closedFor: String?
    }

    private let state = Locked(State())

    /// How long a snapshot operation waits for statements in flight before giving up.
    static let drainTimeout: TimeInterval = 60

    /// Lets a statement in; refused while a snapshot operation runs or waits.
    func enter() throws {
        try state.withLock { state in
            if let reason = state.closedFor {
                throw EngineError.invalid("The emulator is \(reason): the statement was not run. Retry it once that ends.")
            }
            state.running += 1
        }
    }

    /// A statement let in by `enter` has ended.
    func leave() { state.withLock { $0.running -= 1 } }

    /// Refuses new work (a session being opened) while the gate is closed.
    func checkOpen() throws {
        if let reason = state.withLock({ $0.closedFor }) {
            throw EngineError.invalid("The emulator is \(reason): retry once that ends.")
        }
    }

    /// Runs `body` with no statement in flight: closes the gate, waits for the statements let in
    /// to end (at most `timeout` seconds; then nothing runs and `SnapshotError.busy` is thrown).
    func exclusively<T>(_ reason: String, timeout: TimeInterval = drainTimeout, _ body: () async throws -> T) async throws -> T {
        let claimed = state.withLock { state in
            guard state.closedFor == nil else { return false }
            state.closedFor = reason
            return true
        }
        guard claimed else { throw SnapshotError(.busy, "The emulator is already busy with another snapshot operation.") }
        defer { state.withLock { $0.closedFor = nil } }
        let deadline = Date().addingTimeInterval(timeout)
        while state.withLock({ $0.running }) > 0 {
            guard Date() < deadline else {
                throw SnapshotError(.busy, "Statements were still running after \(Int(timeout)) seconds; nothing was changed.")
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        return try await body()
    }
}

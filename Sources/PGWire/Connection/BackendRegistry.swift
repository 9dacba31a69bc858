import Engine
import Foundation
import Synchronization

/// The open connections by BackendKeyData, so that a CancelRequest (which arrives on a connection
/// of its own) finds the session whose statement it cancels.
final class BackendRegistry: Sendable {
    private struct Entry: Sendable {
        var secretKey: Int32
        var sessionId: String
    }

    private let entries = Mutex<[Int32: Entry]>([:])

    func add(processId: Int32, secretKey: Int32, sessionId: String) {
        entries.withLock { $0[processId] = Entry(secretKey: secretKey, sessionId: sessionId) }
    }

    func remove(processId: Int32) {
        _ = entries.withLock { $0.removeValue(forKey: processId) }
    }

    /// The session of `processId` when `secretKey` matches (else nil: the request is ignored, as
    /// PostgreSQL ignores a CancelRequest with a wrong key).
    func session(processId: Int32, secretKey: Int32) -> String? {
        entries.withLock { entries in
            guard let entry = entries[processId], entry.secretKey == secretKey else { return nil }
            return entry.sessionId
        }
    }
}

import Foundation

/// A value guarded by a lock: the process-wide caches of the SQL layer (catalog entries, compiled
/// regular expressions, time zones) use it.
///
/// `@unchecked Sendable` is safe here: the value is private and only reached through `withLock`,
/// which holds the lock for the whole access, and `Value` is itself `Sendable`, so nothing that
/// leaves the lock can be shared mutable state. (`Synchronization.Mutex` would need macOS 15.)
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    @discardableResult
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

import Foundation

/// A value guarded by a lock: the small shared registries of the engine and the doors use it.
public final class Locked<Value>: @unchecked Sendable {   // every access to `value` holds `lock`
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    @discardableResult
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

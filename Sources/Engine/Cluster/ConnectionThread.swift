#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a thread that serves one client connection alone wants to know while SQL blocks it.
///
/// The PostgreSQL door gives each connection a thread of its own; while a statement's SQL runs on
/// it, the thread cannot watch its socket, so the door watches it elsewhere between these calls.
public protocol ConnectionThreadObserver: AnyObject, Sendable {
    /// SQL is about to run on the thread (it will not read its socket until `sqlDidRun`).
    func sqlWillRun()
    /// The SQL that `sqlWillRun` announced ended.
    func sqlDidRun()
}

/// Marks the current thread as one that serves a single client connection alone.
///
/// On such a thread `SQLConnection.access` runs its body at once on the calling thread (through
/// the connection's serial queue, which runs a synchronous call in place when it is free) instead of
/// sending it to a queue thread and waiting to be woken: no thread switch per statement. Nothing
/// else waits on a dedicated thread, so blocking it while the SQL runs holds up no one else.
///
/// ```swift
/// ConnectionThread.adopt(watch)    // on the connection's own thread
/// defer { ConnectionThread.adopt(nil) }
/// ```
public enum ConnectionThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Marks the calling thread (with the observer to tell around SQL), or unmarks it with nil.
    public static func adopt(_ observer: (any ConnectionThreadObserver)?) {
        if let previous = pthread_getspecific(key) {
            Unmanaged<ObserverBox>.fromOpaque(previous).release()
        }
        let box = observer.map { Unmanaged.passRetained(ObserverBox($0)).toOpaque() }
        pthread_setspecific(key, box)
    }

    /// The calling thread's observer when it is a marked connection thread.
    static var current: (any ConnectionThreadObserver)? {
        guard let box = pthread_getspecific(key) else { return nil }
        return Unmanaged<ObserverBox>.fromOpaque(box).takeUnretainedValue().observer
    }

    private final class ObserverBox {
        let observer: any ConnectionThreadObserver
        init(_ observer: any ConnectionThreadObserver) { self.observer = observer }
    }
}

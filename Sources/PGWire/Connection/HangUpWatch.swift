import Engine
import Foundation
import Synchronization
#if os(Linux)
import CEpoll
import Glibc
#endif

/// Notices that a connection's client hung up while SQL blocks the connection's thread (which
/// then cannot read its socket), and runs the connection's hang-up action at once: the session is
/// closed, which cancels the running statement, as the channel would have done with a free thread.
final class HangUpWatch: ConnectionThreadObserver {
    private let socket: CInt
    private let action = Mutex<(@Sendable () -> Void)?>(nil)

    init(socket: CInt) {
        self.socket = socket
    }

    /// What to do when the client hangs up during SQL (nothing until set).
    func whenHangingUp(_ action: @escaping @Sendable () -> Void) {
        self.action.withLock { $0 = action }
    }

    func sqlWillRun() {
        guard let action = action.withLock({ $0 }) else { return }
        SocketHangUps.shared.watch(socket, action)
    }

    func sqlDidRun() {
        guard action.withLock({ $0 }) != nil else { return }
        SocketHangUps.shared.unwatch(socket)
    }
}

/// One thread that waits for hang-ups (EPOLLRDHUP) on the sockets being watched, each watched
/// once (EPOLLONESHOT) while its connection's SQL runs.
final class SocketHangUps: Sendable {
    static let shared = SocketHangUps()

    private let actions = Mutex<[CInt: @Sendable () -> Void]>([:])
    #if os(Linux)
    private let epoll: CInt

    private init() {
        epoll = epoll_create1(CInt(EPOLL_CLOEXEC))
        guard epoll >= 0 else { return }
        let thread = Thread { [self] in waitForHangUps() }
        thread.name = "emulatord-pg-hangups"
        thread.start()
    }

    private func waitForHangUps() {
        var events = [epoll_event](repeating: epoll_event(), count: 16)
        while true {
            let count = epoll_wait(epoll, &events, CInt(events.count), -1)
            guard count > 0 else { continue }
            for event in events[0..<Int(count)] {
                let socket = event.data.fd
                actions.withLock { $0.removeValue(forKey: socket) }?()
            }
        }
    }

    func watch(_ socket: CInt, _ action: @escaping @Sendable () -> Void) {
        guard epoll >= 0 else { return }
        actions.withLock { $0[socket] = action }
        var event = epoll_event()
        event.events = EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLONESHOT.rawValue
        event.data.fd = socket
        _ = epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event)
    }

    func unwatch(_ socket: CInt) {
        guard epoll >= 0 else { return }
        actions.withLock { $0[socket] = nil }
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nil)
    }
    #else
    private init() {}
    func watch(_ socket: CInt, _ action: @escaping @Sendable () -> Void) {}
    func unwatch(_ socket: CInt) {}
    #endif
}

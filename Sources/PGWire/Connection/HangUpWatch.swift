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
///
/// The socket is watched from the moment the action is set until `stop()`; a hang-up while no
/// SQL runs is left to the channel, which sees it itself.
final class HangUpWatch: ConnectionThreadObserver {
    let socket: CInt
    private let action = Mutex<(@Sendable () -> Void)?>(nil)
    private let runningSQL = Atomic<Bool>(false)

    init(socket: CInt) {
        self.socket = socket
    }

    /// What to do when the client hangs up during SQL; the watch starts now.
    func whenHangingUp(_ action: @escaping @Sendable () -> Void) {
        self.action.withLock { $0 = action }
        SocketHangUps.shared.watch(self)
    }

    /// Stops watching (before the socket is closed or handed to another connection).
    func stop() {
        SocketHangUps.shared.unwatch(self)
    }

    func sqlWillRun() { runningSQL.store(true, ordering: .sequentiallyConsistent) }

    func sqlDidRun() { runningSQL.store(false, ordering: .sequentiallyConsistent) }

    /// The client hung up: the action runs if SQL is running now.
    fileprivate func hungUp() {
        guard runningSQL.load(ordering: .sequentiallyConsistent) else { return }
        action.withLock { $0 }?()
    }
}

/// One thread that waits for hang-ups (EPOLLRDHUP, edge-triggered) on the sockets being watched.
final class SocketHangUps: Sendable {
    static let shared = SocketHangUps()

    /// The watches by socket; a watch is removed (and its socket left) only by itself, so that a
    /// descriptor number reused by a newer connection keeps that connection's watch.
    private let watches = Mutex<[CInt: HangUpWatch]>([:])
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
                watches.withLock { $0[socket] }?.hungUp()
            }
        }
    }

    func watch(_ watch: HangUpWatch) {
        guard epoll >= 0 else { return }
        watches.withLock { watches in
            watches[watch.socket] = watch
            var event = epoll_event()
            event.events = EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLET.rawValue
            event.data.fd = watch.socket
            if epoll_ctl(epoll, EPOLL_CTL_ADD, watch.socket, &event) != 0 && errno == EEXIST {
                _ = epoll_ctl(epoll, EPOLL_CTL_MOD, watch.socket, &event)
            }
        }
    }

    func unwatch(_ watch: HangUpWatch) {
        guard epoll >= 0 else { return }
        watches.withLock { watches in
            guard watches[watch.socket] === watch else { return }
            watches[watch.socket] = nil
            _ = epoll_ctl(epoll, EPOLL_CTL_DEL, watch.socket, nil)
        }
    }
    #else
    private init() {}
    func watch(_ watch: HangUpWatch) {}
    func unwatch(_ watch: HangUpWatch) {}
    #endif
}

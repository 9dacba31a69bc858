import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connection's client on a plain socket, read and written directly by the connection's own
/// thread (`ConnectionThreadExecutor`), as a PostgreSQL backend blocks in `recv`, handles the
/// message and `send`s the answer: no event loop, no channel pipeline between the socket and the
/// connection.
///
/// Bytes in are decoded by `FrontendMessageDecoder` from one reusable buffer; answers are encoded
/// by `BackendMessageEncoder` into another and sent when `OutputTurn` says the client waits for
/// them (or a batch of `OutputTurn.flushThreshold` bytes is full). Before the first ReadyForQuery
/// each wait for input is bounded by the startup timeout (as `StartupTimeoutHandler` bounds it on
/// the channel path). SSLRequest and GSSENCRequest reach the `ConnectionStateMachine`, which
/// answers `N`: this transport serves servers without TLS only.
///
/// `@unchecked Sendable`: the buffers, the decoder and the turn are used by the connection's task
/// only (on its one thread); what other tasks touch (`terminate`, `whenClosed`) is in `shared`.
final class SocketTransport: ClientTransport, @unchecked Sendable {
    /// The accepted socket (blocking); closed by `close()` only.
    let socket: CInt
    private var input: ByteBuffer
    private var decoder: FrontendMessageDecoder
    private var output: ByteBuffer
    private var turn = OutputTurn()
    /// When the startup must have ended (the first ReadyForQuery written); nil once it has.
    private var startupDeadline: ContinuousClock.Instant?
    private let terminated = Atomic<Bool>(false)
    private let shared = Mutex(Shared())

    private struct Shared {
        var termination: BackendMessage.Notice?
        var closed = false
        var closeActions: [@Sendable () -> Void] = []
    }

    /// Buffers above this size are let go once empty (after a long statement or a large result).
    private static let keptCapacity = 1 << 20
    private static let readSize = 16 * 1024

    init(socket: CInt, maximumMessageLength: Int, startupTimeout: Duration) {
        self.socket = socket
        let allocator = ByteBufferAllocator()
        input = allocator.buffer(capacity: Self.readSize)
        output = allocator.buffer(capacity: 4 * 1024)
        decoder = FrontendMessageDecoder(maximumMessageLength: maximumMessageLength)
        startupDeadline = .now + startupTimeout
        var one: CInt = 1
        _ = setsockopt(socket, CInt(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<CInt>.size))
        #if canImport(Darwin)
        _ = setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<CInt>.size))
        #endif
    }

    func next() async throws -> FrontendMessage? {
        while true {
            if terminated.load(ordering: .relaxed) { return endTerminated() }
            if let message = try decoder.decode(buffer: &input) {
                _ = turn.received(message)   // Flush: the connection flushes before it reads again
                return message
            }
            guard waitForInputDuringStartup() else {
                endStartup()
                return nil
            }
            guard try receive() else {
                return terminated.load(ordering: .relaxed) ? endTerminated() : nil
            }
        }
    }

    func write(_ messages: [BackendMessage]) async throws {
        for message in messages {
            BackendMessageEncoder.write(message, to: &output)
            turn.wrote(message)
            if startupDeadline != nil, case .readyForQuery = message { startupDeadline = nil }
        }
        if output.readableBytes >= turn.flushThreshold { try sendHeld() }
    }

    func flush() async throws {
        guard turn.sendsNow(heldBytes: output.readableBytes) else { return }
        try sendHeld()
    }

    /// Sends what is held, runs the close actions and closes the socket.
    func close() async {
        try? sendHeld()
        let actions = shared.withLock { shared -> [@Sendable () -> Void] in
            shared.closed = true
            defer { shared.closeActions = [] }
            return shared.closeActions
        }
        closeSocket(socket)
        for action in actions { action() }
    }

    func whenClosed(_ action: @escaping @Sendable () -> Void) {
        let closed = shared.withLock { shared in
            if !shared.closed { shared.closeActions.append(action) }
            return shared.closed
        }
        if closed { action() }
    }

    /// Marks the connection terminated and wakes its thread (`shutdown` of the reading side: a
    /// blocked `recv` returns 0); the thread itself then writes `notice`, after anything it was
    /// writing, and ends the connection. The descriptor is never closed here.
    func terminate(with notice: BackendMessage.Notice) async {
        let socket = socket
        shared.withLock { shared in
            guard !shared.closed, shared.termination == nil else { return }
            shared.termination = notice
            terminated.store(true, ordering: .relaxed)
            _ = shutdown(socket, CInt(SHUT_RD))
        }
    }

    /// Ends the connection from outside its task (the server stops): both directions are shut
    /// down, so a blocked `recv` returns and the connection's task ends; the descriptor stays open
    /// until `close()`.
    func shutDown() {
        let socket = socket
        shared.withLock { shared in
            guard !shared.closed else { return }
            _ = shutdown(socket, CInt(SHUT_RDWR))
        }
    }

    /// Reads what the client sent; false once it has gone (or the reading side was shut down).
    private func receive() throws -> Bool {
        if input.readableBytes == 0 {
            if input.capacity > Self.keptCapacity {
                input = ByteBufferAllocator().buffer(capacity: Self.readSize)
            } else {
                input.clear()
            }
        } else if input.readerIndex > 0 {
            input.discardReadBytes()
        }
        while true {
            var received = 0
            input.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.readSize) { space in
                received = recv(socket, space.baseAddress, space.count, 0)
                return max(received, 0)
            }
            if received > 0 { return true }
            if received == 0 { return false }
            if errno == EINTR { continue }
            throw IOError(errnoCode: errno, reason: "recv")
        }
    }

    /// Sends everything held, however many calls it takes; a client that went away fails it
    /// (`MSG_NOSIGNAL`: an error, never a SIGPIPE).
    private func sendHeld() throws {
        turn.sent()
        while output.readableBytes > 0 {
            let sent = output.withUnsafeReadableBytes { bytes in
                send(socket, bytes.baseAddress, bytes.count, noSignal)
            }
            if sent < 0 {
                if errno == EINTR { continue }
                output.clear()
                throw IOError(errnoCode: errno, reason: "send")
            }
            output.moveReaderIndex(forwardBy: sent)
        }
        if output.capacity > Self.keptCapacity {
            output = ByteBufferAllocator().buffer(capacity: 4 * 1024)
        } else {
            output.clear()
        }
    }

    /// Before the startup ends, waits for input until the startup's deadline; false when it passed.
    private func waitForInputDuringStartup() -> Bool {
        guard let deadline = startupDeadline else { return true }
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            let milliseconds = left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, CInt(min(milliseconds, Int64(CInt.max))))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }   // let recv report it
        }
    }

    /// The startup took too long: FATAL 57014, PostgreSQL's `canceling authentication due to
    /// timeout` (authentication_timeout), as `StartupTimeoutHandler` sends it.
    private func endStartup() {
        let notice = BackendMessage.Notice(severity: "FATAL", code: "57014",
                                           message: "canceling authentication due to timeout")
        BackendMessageEncoder.write(.errorResponse(notice), to: &output)
        try? sendHeld()
    }

    /// PG_TERMINATE_BACKEND ended the session: its notice goes out after what is held; the
    /// connection ends.
    private func endTerminated() -> FrontendMessage? {
        if let notice = shared.withLock({ $0.termination }) {
            BackendMessageEncoder.write(.errorResponse(notice), to: &output)
        }
        try? sendHeld()
        return nil
    }
}

#if canImport(Glibc)
private let noSignal = CInt(MSG_NOSIGNAL)
#else
private let noSignal: CInt = 0   // Darwin: SO_NOSIGPIPE is set on the socket instead
#endif

private func closeSocket(_ socket: CInt) {
    _ = close(socket)
}

import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The endpoint's listening socket, accepted by a thread of its own.
///
/// NIO's server bootstrap registers every accepted socket on one of a few shared event loops;
/// here each accepted socket is handed over as a descriptor, so that the server can register it on
/// an event loop that serves that connection alone (see `ConnectionEventLoops`).
final class SocketAcceptor: Sendable {
    /// The port it listens on (the chosen one when asked for 0).
    let port: Int
    private let descriptor: CInt

    /// Binds and listens (connections wait in the backlog until `sockets()` accepts them).
    init(host: String, port: Int, backlog: CInt = 256) throws {
        let address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        #if canImport(Glibc)
        let descriptor = socket(address.protocol.rawValue, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(address.protocol.rawValue, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
        var one: CInt = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
        do {
            guard address.withSockAddr({ bind(descriptor, $0, socklen_t($1)) }) == 0 else {
                throw IOError(errnoCode: errno, reason: "bind(descriptor:ptr:bytes:)")
            }
            guard listen(descriptor, backlog) == 0 else { throw IOError(errnoCode: errno, reason: "listen") }
            self.port = try Self.localPort(of: descriptor)
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    /// Accepted sockets, until `stop()`; the listening socket is closed when the stream ends.
    func sockets() -> AsyncStream<CInt> {
        let (stream, continuation) = AsyncStream.makeStream(of: CInt.self)
        let listener = descriptor
        let thread = Thread {
            accepting: while true {
                let socket = accept(listener, nil, nil)
                if socket >= 0 {
                    _ = fcntl(socket, F_SETFD, FD_CLOEXEC)
                    if case .terminated = continuation.yield(socket) {
                        close(socket)
                        break accepting
                    }
                    continue
                }
                switch errno {
                case EINTR, ECONNABORTED, EAGAIN, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    usleep(10_000)   // out of descriptors or memory: try again shortly
                default:
                    break accepting   // stopped (shutdown) or unusable
                }
            }
            continuation.finish()
            close(listener)
        }
        thread.name = "emulatord-pg-accept"
        thread.start()
        return stream
    }

    /// Stops accepting: the accepting thread's `accept` returns and the stream ends.
    func stop() {
        #if canImport(Glibc)
        _ = shutdown(descriptor, CInt(SHUT_RDWR))
        #else
        _ = shutdown(descriptor, SHUT_RDWR)
        #endif
    }

    private static func localPort(of descriptor: CInt) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let found = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard found == 0 else { throw IOError(errnoCode: errno, reason: "getsockname") }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }
}

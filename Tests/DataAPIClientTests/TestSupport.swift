import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP server on a loopback socket that answers with canned replies in order, one
/// connection at a time: it closes a connection after a reply with `Connection: close` or after
/// `requestsPerConnection` requests; a `silent` server reads requests and never answers.
final class CannedServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [String] = []
    var requests: [String] { lock.withLock { received } }

    init(replies: [String], requestsPerConnection: Int = .max, silent: Bool = false) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(fd, $0, length)
                _ = getsockname(fd, $0, &length)
            }
        }
        listen(fd, 4)
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let listener = fd
        Thread { [self] in
            var pending = replies[...]
            while !pending.isEmpty {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 65_536)
                var served = 0
                while let reply = pending.first, served < requestsPerConnection {
                    let n = recv(connection, &buffer, buffer.count, 0)
                    if n <= 0 { break }
                    let request = String(decoding: buffer[0..<n], as: UTF8.self)
                    lock.withLock { received.append(request) }
                    if silent { Thread.sleep(forTimeInterval: 2); break }
                    pending = pending.dropFirst()
                    served += 1
                    _ = reply.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                    if reply.contains("Connection: close") { break }
                }
                close(connection)
                if silent { return }
            }
        }.start()
    }

    deinit { close(listener) }
}

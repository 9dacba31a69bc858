import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Replay

/// A one-connection HTTP server on a loopback socket that answers with canned replies in order.
final class CannedServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private(set) var requests: [String] = []

    init(replies: [String]) {
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
                while let reply = pending.first {
                    let n = recv(connection, &buffer, buffer.count, 0)
                    if n <= 0 { break }
                    requests.append(String(decoding: buffer[0..<n], as: UTF8.self))
                    pending = pending.dropFirst()
                    _ = reply.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                    if reply.contains("Connection: close") { break }
                }
                close(connection)
            }
        }.start()
    }

    deinit { close(listener) }
}

@Suite struct SocketHTTPTransportTests {
    @Test func readsContentLengthChunkedAndReconnectsAfterClose() throws {
        let server = CannedServer(replies: [
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"Id\":\"a\"}\n",
            "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"__t\r\n1b\r\nype\":\"ValidationException\"}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]",
        ])
        let transport = try SocketHTTPTransport(url: URL(string: "http://127.0.0.1:\(server.port)/")!)
        let first = try transport.post(headers: [("X-Amz-Target", "RedshiftData.ExecuteStatement")], body: Array("{}".utf8))
        #expect(first.status == 200 && String(decoding: first.body, as: UTF8.self) == "{\"Id\":\"a\"}\n")
        let second = try transport.post(headers: [], body: [])
        #expect(second.status == 400 && String(decoding: second.body, as: UTF8.self) == "{\"__type\":\"ValidationException\"}")
        #expect(try transport.post(headers: [], body: []).body == Array("{}".utf8))
        #expect(try transport.post(headers: [], body: []).body == Array("[]".utf8))   // on a new connection
        #expect(server.requests.first?.hasPrefix("POST / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Length: 2\r\n") == true)
    }

    @Test func refusedConnectionsThrow() throws {
        let transport = try SocketHTTPTransport(url: URL(string: "http://127.0.0.1:1/")!)
        #expect(throws: (any Error).self) { try transport.connectNow() }
        #expect(throws: (any Error).self) { try SocketHTTPTransport(url: URL(string: "https://example.com/")!) }
    }
}

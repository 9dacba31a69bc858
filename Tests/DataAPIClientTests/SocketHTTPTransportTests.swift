import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import DataAPIClient

@Suite struct SocketHTTPTransportTests {
    @Test func readsContentLengthChunkedAndReconnectsAfterClose() throws {
        let server = CannedServer(replies: [
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Amzn-RequestId: r1\r\n\r\n{\"Id\":\"a\"}\n",
            "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"__t\r\n1b\r\nype\":\"ValidationException\"}\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]",
        ])
        let transport = try SocketHTTPTransport(url: URL(string: "http://127.0.0.1:\(server.port)/")!)
        let first = try transport.post(headers: [("X-Amz-Target", "RedshiftData.ExecuteStatement")], body: Data("{}".utf8))
        #expect(first.status == 200 && String(decoding: first.body, as: UTF8.self) == "{\"Id\":\"a\"}\n")
        #expect(first.header("x-amzn-requestid") == "r1")
        let second = try transport.post(headers: [], body: Data())
        #expect(second.status == 400 && String(decoding: second.body, as: UTF8.self) == "{\"__type\":\"ValidationException\"}")
        #expect(try transport.post(headers: [], body: Data()).body == Data("{}".utf8))
        // On a new connection; the raw path lends the body in place.
        let raw = try transport.exchange(transport.requestBytes(headers: [], body: [UInt8]())) { status, body in
            (status, Array(body))
        }
        #expect(raw.0 == 200 && raw.1 == Array("[]".utf8))
        #expect(server.requests.first?.hasPrefix("POST / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Length: 2\r\n") == true)
    }

    @Test func retriesOnceWhenAnIdleKeepAliveConnectionWasClosed() throws {
        // The server answers one request per connection and closes without saying so.
        let server = CannedServer(replies: ["HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na",
                                            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"], requestsPerConnection: 1)
        let transport = try SocketHTTPTransport(url: URL(string: "http://127.0.0.1:\(server.port)/")!)
        #expect(try transport.post(headers: [], body: Data()).body == Data("a".utf8))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try transport.post(headers: [], body: Data()).body == Data("b".utf8))
        #expect(server.requests.count == 2)
    }

    @Test func timesOutWithoutAnAnswer() throws {
        let server = CannedServer(replies: ["never"], silent: true)
        let transport = try SocketHTTPTransport(url: URL(string: "http://127.0.0.1:\(server.port)/")!, timeout: 0.2)
        #expect(throws: TransportError.self) { try transport.post(headers: [], body: Data()) }
    }

    @Test func refusedConnectionsThrow() throws {
        let transport = try SocketHTTPTransport(url: URL(string: "http://127.0.0.1:1/")!)
        #expect(throws: (any Error).self) { try transport.connectNow() }
        #expect(throws: (any Error).self) { try SocketHTTPTransport(url: URL(string: "https://example.com/")!) }
    }
}

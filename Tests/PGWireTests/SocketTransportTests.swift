import Foundation
import NIOCore
import Testing
@testable import PGWire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The direct socket transport over a real loopback TCP connection: the same bytes, turns and
/// endings as the channel path (protocol-flow.html; PostgreSQL's FATAL texts for
/// authentication_timeout, 57014, and pg_terminate_backend, 57P01).
@Suite struct SocketTransportTests {
    private static let startup: [UInt8] = {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(FrontendMessageDecoder.protocolVersion3)
        buffer.writeNullTerminatedString("user")
        buffer.writeNullTerminatedString("awsuser")
        buffer.writeInteger(UInt8(0))
        buffer.setInteger(Int32(buffer.readableBytes), at: 0)
        return Array(buffer.readableBytesView)
    }()

    private static func encoded(_ messages: [BackendMessage]) -> [UInt8] {
        var buffer = ByteBuffer()
        for message in messages { BackendMessageEncoder.write(message, to: &buffer) }
        return Array(buffer.readableBytesView)
    }

    /// Runs `body` on a connection thread, as the server runs a connection (`recv` blocks it).
    private func onConnectionThread<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let thread = ConnectionThreadExecutor()
        defer { thread.stop() }
        return try await Task(executorPreference: thread) { try await body() }.value
    }

    @Test func aQueryCycleLeavesInOneTurn() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .seconds(60))
        try pair.clientSends(Self.startup + [UInt8(ascii: "Q"), 0, 0, 0, 13] + Array("select 1".utf8) + [0])
        let first = try await onConnectionThread { try await transport.next() }
        #expect(first == .startup(protocolVersion: FrontendMessageDecoder.protocolVersion3, parameters: ["user": "awsuser"]))
        #expect(try await onConnectionThread { try await transport.next() } == .query("select 1"))
        let answers: [BackendMessage] = [.rowDescription([.init(name: "?column?", typeOID: 23, typeSize: 4)]),
                                         .dataRow(["1"]), .commandComplete(tag: "SELECT 1")]
        try await transport.write(answers)
        try await transport.flush()
        #expect(pair.clientReadsNothingYet())
        try await transport.write([.readyForQuery(.idle)])
        try await transport.flush()
        let expected = Self.encoded(answers + [.readyForQuery(.idle)])
        #expect(try pair.clientReceives(expected.count) == expected)
        await transport.close()
        #expect(try pair.clientReceives(1) == [], "closed after the answers")
    }

    @Test func theClientsAddressIsThePeer() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .seconds(60))
        #expect(transport.peer?.host == "127.0.0.1")
        #expect(transport.peer?.port == pair.clientPort)
        await transport.close()
    }

    @Test func aLargeResultGoesOutBeforeTheTurnEnds() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .seconds(60))
        let row = BackendMessage.dataRow([String(repeating: "x", count: 1_000)])
        try await transport.write(Array(repeating: row, count: 40))
        let expected = Self.encoded([row])
        #expect(try pair.clientReceives(expected.count) == expected, "40 KB held: sent without a ReadyForQuery")
        await transport.close()
    }

    @Test func garbageIsNotTheProtocol() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .seconds(60))
        try pair.clientSends(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        await #expect(throws: FrontendMessageDecoder.DecodingError.self) {
            try await onConnectionThread { try await transport.next() }
        }
        await transport.close()
    }

    @Test func aClientThatLeavesEndsTheMessages() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .seconds(60))
        try pair.clientSends(Self.startup)
        pair.clientLeaves()
        #expect(try await onConnectionThread { try await transport.next() } != nil)
        #expect(try await onConnectionThread { try await transport.next() } == nil)
        await transport.close()
    }

    @Test func aSlowStartupGetsFatal57014() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .milliseconds(20))
        try pair.clientSends(Array(Self.startup.prefix(6)))
        #expect(try await onConnectionThread { try await transport.next() } == nil)
        let expected = Self.encoded([.errorResponse(.init(severity: "FATAL", code: "57014",
                                                          message: "canceling authentication due to timeout"))])
        #expect(try pair.clientReceives(expected.count) == expected)
        await transport.close()
    }

    @Test func terminationWakesTheConnectionWhichSendsFatal57P01() async throws {
        let pair = try LoopbackPair()
        defer { pair.closeClient() }
        let transport = SocketTransport(socket: pair.server, maximumMessageLength: 1 << 20, startupTimeout: .milliseconds(20))
        try pair.clientSends(Self.startup)
        #expect(try await onConnectionThread { try await transport.next() } != nil)
        try await transport.write([.readyForQuery(.idle)])   // the startup ended: no more timeout
        try await transport.flush()
        #expect(try pair.clientReceives(6) == Self.encoded([.readyForQuery(.idle)]))
        let waiting = Task { try await onConnectionThread { try await transport.next() } }
        let notice = BackendMessage.Notice(severity: "FATAL", code: "57P01",
                                           message: "terminating connection due to administrator command")
        await transport.terminate(with: notice)
        #expect(try await waiting.value == nil)
        let expected = Self.encoded([.errorResponse(notice)])
        #expect(try pair.clientReceives(expected.count) == expected)
        await transport.close()
    }
}

/// A connected loopback TCP pair: the server's end for the transport, the client's for the test.
private struct LoopbackPair: Sendable {
    let server: CInt
    let client: CInt
    let clientPort: Int

    init() throws {
        let listener = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
        defer { _ = close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(listener, raw, length) == 0, listen(listener, 1) == 0,
                      getsockname(listener, raw, &length) == 0 else { throw IOError(errnoCode: errno, reason: "listen") }
            }
        }
        let client = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) }
        }
        guard connected == 0 else { throw IOError(errnoCode: errno, reason: "connect") }
        var local = sockaddr_in()
        var localLength = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(client, $0, &localLength) }
        }
        self.client = client
        self.clientPort = Int(UInt16(bigEndian: local.sin_port))
        self.server = accept(listener, nil, nil)
    }

    func clientSends(_ bytes: [UInt8]) throws {
        guard send(client, bytes, bytes.count, 0) == bytes.count else { throw IOError(errnoCode: errno, reason: "send") }
    }

    /// Exactly `count` bytes, or fewer when the server closed (blocking).
    func clientReceives(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(count, 1))
        while bytes.count < count || count == 0 {
            let received = recv(client, &chunk, count == 0 ? 1 : count - bytes.count, 0)
            guard received >= 0 else { throw IOError(errnoCode: errno, reason: "recv") }
            if received == 0 { break }
            bytes += chunk[0..<received]
            if count == 0 { break }
        }
        return bytes
    }

    /// True when no byte waits for the client (nothing was sent).
    func clientReadsNothingYet() -> Bool {
        var byte: UInt8 = 0
        return recv(client, &byte, 1, CInt(MSG_DONTWAIT)) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }

    func clientLeaves() {
        _ = shutdown(client, CInt(SHUT_WR))
    }

    /// The client's end; the server's is closed by the transport's `close()`.
    func closeClient() {
        _ = close(client)
    }
}

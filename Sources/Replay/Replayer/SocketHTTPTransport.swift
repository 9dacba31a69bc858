import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain-HTTP targets (the emulator): a blocking HTTP/1.1 keep-alive connection on a POSIX socket.
/// No thread hops and no event loop between the schedule and the wire, which keeps the start-time
/// drift in microseconds. A request on a reused connection that fails before any answer byte is
/// retried once on a fresh connection (the server closed an idle connection).
public final class SocketHTTPTransport: HTTPTransport {
    private let host: String
    private let port: Int
    private let hostHeader: String
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    public init(url: URL) throws {
        guard url.scheme == "http", let host = url.host else { throw TransportError("not an http:// URL: \(url)") }
        self.host = host
        port = url.port ?? 80
        hostHeader = url.port.map { "\(host):\($0)" } ?? host
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Opens the connection now (a preflight check that the target listens); throws when it cannot.
    public func connectNow() throws { if fd < 0 { try connect() } }

    public func post(headers: [(String, String)], body: [UInt8]) throws -> HTTPReply {
        var request = "POST / HTTP/1.1\r\nHost: \(hostHeader)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        var bytes = Array(request.utf8)
        bytes.append(contentsOf: body)
        let reused = fd >= 0
        do {
            if fd < 0 { try connect() }
            try send(bytes)
            return try readReply()
        } catch let error as StaleConnection where reused {
            _ = error
            disconnect()
            try connect()
            try send(bytes)
            return try readReply()
        }
    }

    private struct StaleConnection: Error {}

    private func connect() throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw TransportError("cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        var info: UnsafeMutablePointer<addrinfo>? = first
        while let current = info {
            let s = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if s >= 0 {
                if Glibc.connect(s, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    fd = s
                    buffer.removeAll(keepingCapacity: true)
                    return
                }
                close(s)
            }
            info = current.pointee.ai_next
        }
        throw TransportError("cannot connect to \(host):\(port): \(String(cString: strerror(errno)))")
    }

    private func disconnect() {
        if fd >= 0 { close(fd) }
        fd = -1
        buffer.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 { if errno == EINTR { continue }; throw StaleConnection() }
            offset += n
        }
    }

    /// Reads more bytes into `buffer`; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, 65_536, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
            if n == 0 { return false }
            if errno == EINTR { continue }
            throw TransportError("receive failed: \(String(cString: strerror(errno)))")
        }
    }

    private func readReply() throws -> HTTPReply {
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd == nil {
                let gotAny = !buffer.isEmpty
                guard try fill() else {
                    if gotAny { throw TransportError("connection closed mid-answer") }
                    throw StaleConnection()
                }
            }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw TransportError("bad status line: \(lines[0])") }
        var length: Int?
        var chunked = false
        var closeAfter = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            if name == "content-length" { length = Int(value) }
            if name == "transfer-encoding" && value.contains("chunked") { chunked = true }
            if name == "connection" && value == "close" { closeAfter = true }
        }
        var body: [UInt8] = []
        if chunked {
            while true {
                var lineEnd = Self.find([13, 10], in: buffer)
                while lineEnd == nil { guard try fill() else { throw TransportError("truncated chunk") }; lineEnd = Self.find([13, 10], in: buffer) }
                let sizeText = String(decoding: buffer[0..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw TransportError("bad chunk size") }
                buffer.removeFirst(lineEnd! + 2)
                while buffer.count < size + 2 { guard try fill() else { throw TransportError("truncated chunk") } }
                body.append(contentsOf: buffer[0..<size])
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else if let length {
            while buffer.count < length { guard try fill() else { throw TransportError("truncated body") } }
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            while try fill() {}
            body = buffer
            closeAfter = true
        }
        if closeAfter { disconnect() }
        return HTTPReply(status: status, body: body)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] {
                var match = true
                for k in 1..<needle.count where haystack[i + k] != needle[k] { match = false; break }
                if match { return i }
            }
            i += 1
        }
        return nil
    }
}

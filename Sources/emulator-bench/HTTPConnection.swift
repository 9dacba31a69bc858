import Glibc

struct HTTPError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A blocking HTTP/1.1 keep-alive client over one POSIX TCP socket (TCP_NODELAY), for one thread.
///
/// It does the least a client can: writes a prebuilt request, reads the status line, finds
/// Content-Length (or decodes a chunked body in place), and hands the body to the caller as a raw
/// buffer that stays valid until the next request. It reconnects when the server closes.
final class HTTPConnection {
    let host: String
    let port: UInt16
    private var fd: Int32 = -1
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var filled = 0

    init(host: String, port: UInt16) throws {
        self.host = host == "localhost" ? "127.0.0.1" : host
        self.port = port
        capacity = 256 * 1024
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        try connect()
    }

    deinit {
        close()
        buffer.deallocate()
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        filled = 0
    }

    private func connect() throws {
        close()
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HTTPError("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            Glibc.close(socket)
            throw HTTPError("not an IPv4 address: \(host)")
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            Glibc.close(socket)
            throw HTTPError("connect \(host):\(port): \(message)")
        }
        fd = socket
    }

    /// Sends `request` (a complete HTTP/1.1 message) and passes the response's status code and body
    /// to `handle`. The body buffer is only valid inside `handle`.
    func send<T>(_ request: [UInt8], _ handle: (Int, UnsafeRawBufferPointer) throws -> T) throws -> T {
        if fd < 0 { try connect() }
        do {
            return try exchange(request, handle)
        } catch is ConnectionClosed {
            // The server closed an idle keep-alive connection before answering: retry once on a new one.
            try connect()
            return try exchange(request, handle)
        }
    }

    private struct ConnectionClosed: Error {}

    private func exchange<T>(_ request: [UInt8], _ handle: (Int, UnsafeRawBufferPointer) throws -> T) throws -> T {
        try writeAll(request)
        // Headers.
        var headerEnd = -1
        var searchFrom = 0
        while headerEnd < 0 {
            if let end = find(crlfcrlf, from: searchFrom, to: filled) {
                headerEnd = end + 4
                break
            }
            searchFrom = max(0, filled - 3)
            if try readMore() == 0 {
                if filled == 0 { throw ConnectionClosed() }
                throw HTTPError("connection closed inside the response headers")
            }
        }
        let head = UnsafeRawBufferPointer(start: buffer, count: headerEnd)
        guard headerEnd > 12 else { throw HTTPError("malformed status line") }
        let status = (Int(head[9]) - 48) * 100 + (Int(head[10]) - 48) * 10 + (Int(head[11]) - 48)
        let closeAfter = ByteSearch.findIgnoringCase(connectionClose, in: head) != nil || head[7] == UInt8(ascii: "0")
        var bodyEnd: Int
        var messageEnd: Int
        if let length = contentLength(head) {
            messageEnd = headerEnd + length
            try fill(upTo: messageEnd)
            bodyEnd = messageEnd
        } else if ByteSearch.findIgnoringCase(chunked, in: head) != nil {
            (bodyEnd, messageEnd) = try readChunked(from: headerEnd)
        } else {
            while try readMore() > 0 {}
            bodyEnd = filled
            messageEnd = filled
        }
        defer {
            // Keep any bytes beyond this message (there should be none: requests are not pipelined).
            let rest = filled - messageEnd
            if rest > 0 { memmove(buffer, buffer + messageEnd, rest) }
            filled = max(rest, 0)
            if closeAfter { close() }
        }
        return try handle(status, UnsafeRawBufferPointer(start: buffer + headerEnd, count: bodyEnd - headerEnd))
    }

    /// Decodes a chunked body in place; returns the end of the decoded body and of the message.
    private func readChunked(from start: Int) throws -> (Int, Int) {
        var position = start
        var out = start
        while true {
            var lineEnd = find(crlf, from: position, to: filled)
            while lineEnd == nil {
                guard try readMore() > 0 else { throw HTTPError("connection closed inside a chunk header") }
                lineEnd = find(crlf, from: position, to: filled)
            }
            var size = 0
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            for index in position..<lineEnd! {
                let c = bytes[index]
                guard let digit = hexValue(c) else { break }
                size = size * 16 + digit
            }
            position = lineEnd! + 2
            if size == 0 {
                var trailerEnd = find(crlf, from: position, to: filled)
                while trailerEnd == nil {
                    guard try readMore() > 0 else { return (out, filled) }
                    trailerEnd = find(crlf, from: position, to: filled)
                }
                return (out, trailerEnd! + 2)
            }
            try fill(upTo: position + size + 2)
            memmove(buffer + out, buffer + position, size)
            out += size
            position += size + 2
        }
    }

    private func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c) - 48
        case 97...102: return Int(c) - 87
        case 65...70: return Int(c) - 55
        default: return nil
        }
    }

    private func contentLength(_ head: UnsafeRawBufferPointer) -> Int? {
        guard let start = ByteSearch.findIgnoringCase(contentLengthName, in: head) else { return nil }
        var value = 0
        for index in (start + contentLengthName.count)..<head.count {
            let c = head[index]
            if c == UInt8(ascii: " ") { continue }
            guard c >= 48 && c <= 57 else { break }
            value = value * 10 + Int(c) - 48
        }
        return value
    }

    private func writeAll(_ request: [UInt8]) throws {
        try request.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let n = Glibc.send(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE || errno == ECONNRESET { throw ConnectionClosed() }
                    throw HTTPError("send: \(String(cString: strerror(errno)))")
                }
                sent += n
            }
        }
    }

    /// Reads whatever is available into the buffer (growing it when full); 0 at end of stream.
    @discardableResult
    private func readMore() throws -> Int {
        if filled == capacity { grow(to: capacity * 2) }
        while true {
            let n = recv(fd, buffer + filled, capacity - filled, 0)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return 0 }
                throw HTTPError("recv: \(String(cString: strerror(errno)))")
            }
            filled += n
            return n
        }
    }

    private func fill(upTo end: Int) throws {
        if end > capacity { grow(to: max(end, capacity * 2)) }
        while filled < end {
            guard try readMore() > 0 else { throw HTTPError("connection closed inside a response body") }
        }
    }

    private func grow(to size: Int) {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: filled)
        buffer.deallocate()
        buffer = bigger
        capacity = size
    }

    private let crlfcrlf: [UInt8] = [13, 10, 13, 10]
    private let crlf: [UInt8] = [13, 10]
    private let contentLengthName = Array("\r\ncontent-length:".utf8)
    private let connectionClose = Array("\r\nconnection: close".utf8)
    private let chunked = Array("\r\ntransfer-encoding: chunked".utf8)

    private func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
        ByteSearch.find(needle, in: UnsafeRawBufferPointer(start: buffer, count: to), from: from)
    }
}

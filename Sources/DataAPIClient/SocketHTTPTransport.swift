import Foundation
import TCPConnect
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain-HTTP targets (the emulator): a blocking HTTP/1.1 keep-alive connection on one POSIX TCP
/// socket (TCP_NODELAY), for one thread. No thread hops and no event loop between the caller and
/// the wire: the replayer's start-time drift stays in microseconds and the load generator measures
/// the server, not the client.
///
/// Reads Content-Length and chunked bodies (decoded in place) and bodies ended by the close of the
/// connection; follows `Connection: close` and HTTP/1.0. A request on a reused connection that
/// fails before any answer byte (the server closed an idle connection) is sent once more on a
/// fresh one. Sends and receives time out after `timeout` seconds (connects too, on Linux).
///
/// Two ways to send: ``post(headers:body:)`` builds the request and copies the answer out;
/// ``exchange(_:_:)`` sends prebuilt request bytes and lends the body in place (the hot path).
public final class SocketHTTPTransport: HTTPTransport {
    public let host: String
    public let port: Int
    /// The request target (`/` unless the URL has a path).
    public let path: String
    /// `Host` header value.
    public let authority: String
    public let timeout: TimeInterval
    private var fd: Int32 = -1
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var filled = 0

    public init(url: URL, timeout: TimeInterval = 120) throws {
        guard url.scheme == "http", let host = url.host, !host.isEmpty else { throw TransportError("not an http:// URL: \(url)") }
        self.host = host
        port = url.port ?? 80
        path = url.path.isEmpty ? "/" : url.path
        authority = url.port.map { "\(host):\($0)" } ?? host
        self.timeout = timeout
        capacity = 64 * 1024
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        close()
        buffer.deallocate()
    }

    /// Opens the connection now (a preflight check that the target listens); throws when it cannot.
    public func connectNow() throws { if fd < 0 { try connect() } }

    /// Closes the connection; the next request opens a new one.
    public func close() {
        if fd >= 0 { _ = systemClose(fd) }
        fd = -1
        filled = 0
    }

    // MARK: Requests

    /// The bytes of a complete `POST` request with `headers` (Host and Content-Length are added).
    public func requestBytes<Body: Collection>(headers: [(String, String)], body: Body) -> [UInt8] where Body.Element == UInt8 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + body.count)
        bytes.append(contentsOf: "POST \(path) HTTP/1.1\r\nHost: \(authority)\r\nContent-Length: \(body.count)\r\n".utf8)
        for (name, value) in headers {
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        bytes.append(contentsOf: body)
        return bytes
    }

    public func post(headers: [(String, String)], body: Data) throws -> HTTPReply {
        try exchange(requestBytes(headers: headers, body: body), parsingHeaders: true) { status, headers, body in
            HTTPReply(status: status, headers: headers, body: Data(body))
        }
    }

    /// Sends `request` (a complete HTTP/1.1 message, e.g. from ``requestBytes(headers:body:)``) and
    /// passes the answer's status and body to `handle`. The body is only valid inside `handle`; an
    /// error `handle` throws leaves the connection usable.
    public func exchange<T>(_ request: [UInt8], _ handle: (_ status: Int, _ body: UnsafeRawBufferPointer) throws -> T) throws -> T {
        try exchange(request, parsingHeaders: false) { status, _, body in try handle(status, body) }
    }

    private func exchange<T>(_ request: [UInt8], parsingHeaders: Bool,
                             _ handle: (Int, [(String, String)], UnsafeRawBufferPointer) throws -> T) throws -> T {
        let reused = fd >= 0
        if !reused { try connect() }
        do {
            return try once(request, parsingHeaders: parsingHeaders, handle)
        } catch is ConnectionClosed where reused {
            try connect()
            do {
                return try once(request, parsingHeaders: parsingHeaders, handle)
            } catch is ConnectionClosed {
                throw TransportError("\(authority) closed the connection before answering")
            }
        } catch is ConnectionClosed {
            throw TransportError("\(authority) closed the connection before answering")
        }
    }

    /// The server closed the connection before any byte of the answer.
    private struct ConnectionClosed: Error {}

    private struct Frame {
        var status: Int
        var headers: [(String, String)]
        var bodyStart: Int
        var bodyEnd: Int
        var messageEnd: Int
        var closeAfter: Bool
    }

    private func once<T>(_ request: [UInt8], parsingHeaders: Bool,
                         _ handle: (Int, [(String, String)], UnsafeRawBufferPointer) throws -> T) throws -> T {
        let frame: Frame
        do {
            try writeAll(request)
            frame = try readFrame(parsingHeaders: parsingHeaders)
        } catch {
            close()   // the connection's state is unknown
            throw error
        }
        defer {
            // Keep any bytes beyond this message (there should be none: requests are not pipelined).
            let rest = filled - frame.messageEnd
            if rest > 0 { memmove(buffer, buffer + frame.messageEnd, rest) }
            filled = max(rest, 0)
            if frame.closeAfter { close() }
        }
        return try handle(frame.status, frame.headers,
                          UnsafeRawBufferPointer(start: buffer + frame.bodyStart, count: frame.bodyEnd - frame.bodyStart))
    }

    // MARK: Reading

    private func readFrame(parsingHeaders: Bool) throws -> Frame {
        var headerEnd = -1
        var searchFrom = 0
        while true {
            if let end = find(crlfcrlf, from: searchFrom, to: filled) {
                headerEnd = end + 4
                break
            }
            searchFrom = max(0, filled - 3)
            if try readMore() == 0 {
                if filled == 0 { throw ConnectionClosed() }
                throw TransportError("connection closed inside the response headers")
            }
        }
        let head = UnsafeRawBufferPointer(start: buffer, count: headerEnd)
        // "HTTP/1.1 200 ..."
        guard headerEnd > 12, head[8] == 32, (48...57).contains(head[9]), (48...57).contains(head[10]), (48...57).contains(head[11]) else {
            throw TransportError("bad status line: \(String(decoding: head.prefix(min(headerEnd, 60)), as: UTF8.self))")
        }
        let status = (Int(head[9]) - 48) * 100 + (Int(head[10]) - 48) * 10 + (Int(head[11]) - 48)
        var closeAfter = head[7] == UInt8(ascii: "0")   // HTTP/1.0
        var length: Int?
        var chunked = false
        var headers: [(String, String)] = []
        // One pass over the header lines.
        var lineStart = (find(crlf, from: 0, to: headerEnd) ?? headerEnd) + 2
        while lineStart < headerEnd - 2 {
            let lineEnd = find(crlf, from: lineStart, to: headerEnd) ?? headerEnd
            var colon = lineStart
            while colon < lineEnd, head[colon] != 58 { colon += 1 }
            if colon < lineEnd {
                var valueStart = colon + 1
                while valueStart < lineEnd, head[valueStart] == 32 || head[valueStart] == 9 { valueStart += 1 }
                var valueEnd = lineEnd
                while valueEnd > valueStart, head[valueEnd - 1] == 32 || head[valueEnd - 1] == 9 { valueEnd -= 1 }
                let name = UnsafeRawBufferPointer(rebasing: head[lineStart..<colon])
                let value = UnsafeRawBufferPointer(rebasing: head[valueStart..<valueEnd])
                if Self.equalsIgnoringCase(name, contentLengthName) {
                    var n = 0
                    for c in value { guard c >= 48 && c <= 57 else { break }; n = n * 10 + Int(c) - 48 }
                    length = n
                } else if Self.equalsIgnoringCase(name, transferEncodingName) {
                    chunked = Self.containsIgnoringCase(value, chunkedValue)
                } else if Self.equalsIgnoringCase(name, connectionName) {
                    closeAfter = Self.equalsIgnoringCase(value, closeValue)
                }
                if parsingHeaders {
                    headers.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
                }
            }
            lineStart = lineEnd + 2
        }
        var bodyEnd: Int, messageEnd: Int
        if chunked {
            (bodyEnd, messageEnd) = try readChunked(from: headerEnd)
        } else if let length {
            messageEnd = headerEnd + length
            try fill(upTo: messageEnd)
            bodyEnd = messageEnd
        } else {
            while try readMore() > 0 {}
            bodyEnd = filled
            messageEnd = filled
            closeAfter = true
        }
        return Frame(status: status, headers: headers, bodyStart: headerEnd, bodyEnd: bodyEnd, messageEnd: messageEnd,
                     closeAfter: closeAfter)
    }

    /// Decodes a chunked body in place; returns the end of the decoded body and of the message.
    private func readChunked(from start: Int) throws -> (Int, Int) {
        var position = start
        var out = start
        while true {
            var lineEnd = find(crlf, from: position, to: filled)
            while lineEnd == nil {
                guard try readMore() > 0 else { throw TransportError("connection closed inside a chunk header") }
                lineEnd = find(crlf, from: position, to: filled)
            }
            var size = 0
            var digits = 0
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            for index in position..<lineEnd! {
                guard let digit = Self.hexValue(bytes[index]) else { break }
                size = size * 16 + digit
                digits += 1
            }
            guard digits > 0 else { throw TransportError("bad chunk size") }
            position = lineEnd! + 2
            if size == 0 {
                // Trailers, if any, then the empty line.
                while true {
                    var trailerEnd = find(crlf, from: position, to: filled)
                    while trailerEnd == nil {
                        guard try readMore() > 0 else { return (out, filled) }
                        trailerEnd = find(crlf, from: position, to: filled)
                    }
                    if trailerEnd! == position { return (out, position + 2) }
                    position = trailerEnd! + 2
                }
            }
            try fill(upTo: position + size + 2)
            memmove(buffer + out, buffer + position, size)
            out += size
            position += size + 2
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
                if errno == EAGAIN || errno == EWOULDBLOCK { throw TransportError("no answer from \(authority) within \(timeout) s") }
                throw TransportError("receive failed: \(String(cString: strerror(errno)))")
            }
            filled += n
            return n
        }
    }

    private func fill(upTo end: Int) throws {
        if end > capacity { grow(to: max(end, capacity * 2)) }
        while filled < end {
            guard try readMore() > 0 else { throw TransportError("connection closed inside a response body") }
        }
    }

    private func grow(to size: Int) {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: filled)
        buffer.deallocate()
        buffer = bigger
        capacity = size
    }

    // MARK: Writing and connecting

    private func writeAll(_ request: [UInt8]) throws {
        try request.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let n = systemSend(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE || errno == ECONNRESET { throw ConnectionClosed() }
                    if errno == EAGAIN || errno == EWOULDBLOCK { throw TransportError("sending to \(authority) timed out after \(timeout) s") }
                    throw TransportError("send failed: \(String(cString: strerror(errno)))")
                }
                sent += n
            }
        }
    }

    private func connect() throws {
        close()
        do {
            fd = try TCPConnect.open(host: host, port: port, timeout: timeout)
            filled = 0
        } catch .unresolved {
            throw TransportError("cannot resolve \(host)")
        } catch .refused(let failure) {
            throw TransportError("cannot connect to \(host):\(port): \(failure)")
        }
    }

    // MARK: Bytes

    private let crlfcrlf: [UInt8] = [13, 10, 13, 10]
    private let crlf: [UInt8] = [13, 10]
    private let contentLengthName = Array("content-length".utf8)
    private let transferEncodingName = Array("transfer-encoding".utf8)
    private let connectionName = Array("connection".utf8)
    private let chunkedValue = Array("chunked".utf8)
    private let closeValue = Array("close".utf8)

    /// The first index of `needle` in `buffer[from..<to]`.
    private func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
        let n = needle.count
        guard to - from >= n else { return nil }
        let first = Int32(needle[0])
        var position = from
        return needle.withUnsafeBytes { needleBytes -> Int? in
            while position <= to - n {
                guard let hit = memchr(buffer + position, first, to - n + 1 - position) else { return nil }
                let index = UnsafeRawPointer(buffer).distance(to: UnsafeRawPointer(hit))
                if memcmp(buffer + index, needleBytes.baseAddress!, n) == 0 { return index }
                position = index + 1
            }
            return nil
        }
    }

    private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: [UInt8]) -> Bool {
        guard bytes.count == lowercase.count else { return false }
        for i in 0..<bytes.count where lower(bytes[i]) != lowercase[i] { return false }
        return true
    }

    private static func containsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: [UInt8]) -> Bool {
        guard bytes.count >= lowercase.count else { return false }
        outer: for start in 0...(bytes.count - lowercase.count) {
            for k in 0..<lowercase.count where lower(bytes[start + k]) != lowercase[k] { continue outer }
            return true
        }
        return false
    }

    private static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c) - 48
        case 97...102: return Int(c) - 87
        case 65...70: return Int(c) - 55
        default: return nil
        }
    }
}

#if canImport(Glibc)
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int { Glibc.send(fd, bytes, count, flags) }
private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int { Darwin.send(fd, bytes, count, flags) }
private func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif

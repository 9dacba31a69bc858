#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a blocking TCP connection for the two blocking clients (the Data API client's socket
/// transport and the replayer's PostgreSQL client): the first address of the host that accepts,
/// with TCP_NODELAY, and send and receive timeouts when `timeout` is positive.
public enum TCPConnect {
    /// Why no connection was made.
    public enum Failure: Error, Sendable {
        /// The host name did not resolve.
        case unresolved
        /// No address accepted; the last `strerror`.
        case refused(String)
    }

    /// A connected socket descriptor (the caller closes it).
    public static func open(host: String, port: Int, timeout: Double) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let lookup = host == "localhost" ? "127.0.0.1" : host
        guard getaddrinfo(lookup, String(port), &hints, &result) == 0, let first = result else {
            throw .unresolved
        }
        defer { freeaddrinfo(result) }
        var info: UnsafeMutablePointer<addrinfo>? = first
        var failure = "no address"
        while let current = info {
            let s = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if s >= 0 {
                var one: Int32 = 1
                setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                if timeout > 0 { setTimeout(s, timeout) }
                if connect(s, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 { return s }
                failure = String(cString: strerror(errno))
                _ = close(s)
            }
            info = current.pointee.ai_next
        }
        throw .refused(failure)
    }

    /// Sends and receives on `fd` time out after `seconds` (0: never).
    public static func setTimeout(_ fd: Int32, _ seconds: Double) {
        var limit = timeval(tv_sec: Int(seconds), tv_usec: suseconds_t((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }
}

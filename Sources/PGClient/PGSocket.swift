import CSSL
import Foundation
import TCPConnect
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP socket (TCP_NODELAY) for one thread: no event loop between the replayer's
/// schedule and the wire. Connecting, sends and receives time out after `timeout` seconds (until
/// ``setTimeout(_:)`` changes it). After
/// ``startTLS(verify:serverName:rootCertificate:)`` everything goes through OpenSSL.
final class PGSocket {
    private var fd: Int32 = -1
    private var tlsContext: OpaquePointer?
    private var tls: OpaquePointer?
    private var buffer: [UInt8] = []
    private var start = 0
    let host: String
    let port: Int

    init(host: String, port: Int, timeout: TimeInterval) throws {
        self.host = host
        self.port = port
        do {
            fd = try TCPConnect.open(host: host, port: port, timeout: timeout)
        } catch .unresolved {
            throw PGClientError.connection("cannot resolve host \(host)")
        } catch .refused(let failure) {
            throw PGClientError.connection("cannot connect to \(host):\(port): \(failure)")
        }
    }

    deinit { close() }

    /// Sends and receives time out after `seconds` from now on; 0: never.
    func setTimeout(_ seconds: TimeInterval) {
        guard fd >= 0 else { return }
        TCPConnect.setTimeout(fd, seconds)
    }

    func close() {
        if let tls {
            SSL_shutdown(tls)
            SSL_free(tls)
        }
        if let tlsContext { SSL_CTX_free(tlsContext) }
        tls = nil
        tlsContext = nil
        if fd >= 0 { _ = closeDescriptor(fd) }
        fd = -1
    }

    /// How much of the server's certificate TLS checks (libpq's `sslmode`).
    enum Verification {
        /// Encrypt only (`require`).
        case none
        /// The chain, up to a trusted root (`verify-ca`).
        case chain
        /// The chain and the host name (`verify-full`).
        case chainAndHost
    }

    /// Starts TLS on the connection (after the server answered SSLRequest with `S`). Trusted roots
    /// are `rootCertificate` (a PEM file) or the system's.
    func startTLS(verify: Verification, serverName: String, rootCertificate: String?) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw tlsError("cannot create a TLS context") }
        tlsContext = context
        if verify != .none {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            let loaded = rootCertificate.map { SSL_CTX_load_verify_locations(context, $0, nil) }
                ?? SSL_CTX_set_default_verify_paths(context)
            guard loaded == 1 else { throw tlsError("cannot load the trusted certificates \(rootCertificate ?? "of the system")") }
        }
        guard let session = SSL_new(context) else { throw tlsError("cannot create a TLS session") }
        tls = session
        _ = cssl_set_server_name(session, serverName)
        if verify == .chainAndHost { SSL_set1_host(session, serverName) }
        SSL_set_fd(session, fd)
        if SSL_connect(session) != 1 {
            let verified = SSL_get_verify_result(session)
            if verified != X509_V_OK, let reason = X509_verify_cert_error_string(verified) {
                throw tlsError("the server's certificate was refused: \(String(cString: reason))")
            }
            throw tlsError("the TLS handshake failed")
        }
    }

    private func tlsError(_ message: String) -> PGClientError {
        var detail = ""
        let code = ERR_get_error()
        if code != 0 {
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            detail = " (\(String(decoding: bytes, as: UTF8.self)))"
        }
        ERR_clear_error()
        close()
        return PGClientError.connection("TLS to \(host):\(port): \(message)\(detail)")
    }

    var isOpen: Bool { fd >= 0 }

    func send(_ bytes: [UInt8]) throws {
        guard fd >= 0 else { throw PGClientError.connection("the connection to \(host):\(port) is closed") }
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                if let tls {
                    let count = SSL_write(tls, raw.baseAddress! + offset, Int32(min(raw.count - offset, Int(Int32.max))))
                    if count <= 0 {
                        close()
                        throw PGClientError.connection("lost the TLS connection to \(host):\(port)")
                    }
                    offset += Int(count)
                    continue
                }
                #if canImport(Glibc)
                let count = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let count = Darwin.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
                if count < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close()
                    throw PGClientError.connection("lost the connection to \(host):\(port): \(reason)")
                }
                offset += count
            }
        }
    }

    /// True when bytes were read but not yet consumed (none may follow the SSLRequest answer).
    var hasBufferedBytes: Bool { buffer.count > start }

    /// Exactly `count` bytes.
    func read(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - start < count {
            if start > 0 && start >= buffer.count / 2 {
                buffer.removeFirst(start)
                start = 0
            }
            guard fd >= 0 else { throw PGClientError.connection("the connection to \(host):\(port) is closed") }
            var chunk = [UInt8](repeating: 0, count: max(65_536, count))
            let got: Int
            if let tls {
                let count = chunk.withUnsafeMutableBytes { SSL_read(tls, $0.baseAddress, Int32($0.count)) }
                if count <= 0 {
                    let closed = SSL_get_error(tls, count) == SSL_ERROR_ZERO_RETURN
                    close()
                    throw PGClientError.connection("lost the TLS connection to \(host):\(port)\(closed ? ": the server closed it" : "")")
                }
                got = Int(count)
            } else {
                got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 {
                let reason = got == 0 ? "the server closed the connection" : String(cString: strerror(errno))
                close()
                throw PGClientError.connection("lost the connection to \(host):\(port): \(reason)")
            }
            buffer.append(contentsOf: chunk[0..<got])
        }
        defer { start += count }
        return buffer[start..<(start + count)]
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

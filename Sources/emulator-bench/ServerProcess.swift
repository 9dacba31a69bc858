import DataAPIClient
import Foundation
import Glibc

/// A server child process: spawned with posix_spawn, stdout on a pipe (to see its ready line),
/// stderr into a log file; stopped with SIGTERM (SIGKILL if it lingers).
final class ServerProcess {
    let name: String
    let pid: pid_t
    let logPath: String
    private var stdoutFD: Int32
    private(set) var port: UInt16 = 0
    private var stopped = false

    /// Spawns `arguments[0]` (looked up on PATH when it has no slash).
    init(name: String, arguments: [String]) throws {
        self.name = name
        logPath = NSTemporaryDirectory() + "emulator-bench-\(name)-\(getpid()).log"
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw HTTPError("pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        posix_spawn_file_actions_addopen(&actions, 2, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawnp(&child, arguments[0], &actions, nil, argv, environ)
        close(pipeFDs[1])
        guard status == 0 else {
            close(pipeFDs[0])
            throw HTTPError("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        pid = child
        stdoutFD = pipeFDs[0]
    }

    deinit { stop() }

    /// Reads stdout until a line containing `marker` followed by `http://HOST:PORT`; records the port.
    /// Returns the monotonic time at which the line was read.
    @discardableResult
    func waitForReadyLine(containing marker: String, timeout: Double = 30) throws -> UInt64 {
        let deadline = monotonicNanos() + UInt64(timeout * 1e9)
        var text = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let now = monotonicNanos()
            guard now < deadline else { throw HTTPError("\(name): no ready line within \(timeout) s (log: \(logPath))") }
            var poller = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, (deadline - now) / 1_000_000)))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let n = read(stdoutFD, &chunk, chunk.count)
            if n <= 0 {
                throw HTTPError("\(name) exited before its ready line (log: \(logPath)): \(tail(of: logPath))")
            }
            text.append(contentsOf: chunk[0..<n])
            let at = monotonicNanos()
            let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines.dropLast() where line.contains(marker) {
                guard let port = Self.port(in: String(line)) else { throw HTTPError("\(name): no port in '\(line)'") }
                self.port = port
                return at
            }
        }
    }

    /// For servers without a ready line (moto): retries a request until the port answers.
    func waitUntilAnswering(port: UInt16, timeout: Double = 60) throws {
        self.port = port
        let deadline = monotonicNanos() + UInt64(timeout * 1e9)
        let probe = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        while monotonicNanos() < deadline {
            if let connection = try? SocketHTTPTransport(url: URL(string: "http://127.0.0.1:\(port)/")!, timeout: 5),
               (try? connection.exchange(probe) { _, _ in }) != nil { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                stopped = true
                throw HTTPError("\(name) exited (log: \(logPath)): \(tail(of: logPath))")
            }
            usleep(50_000)
        }
        throw HTTPError("\(name) did not answer on port \(port) within \(timeout) s (log: \(logPath))")
    }

    /// `http://HOST:PORT` anywhere in a line.
    static func port(in line: String) -> UInt16? {
        guard let range = line.range(of: "http://") else { return nil }
        let rest = line[range.upperBound...]
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        return UInt16(rest[rest.index(after: colon)...].prefix { $0.isNumber })
    }

    /// Kernel memory figures of the process, in KiB (VmRSS, VmHWM).
    func memory() -> (rssKiB: Int, peakKiB: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        guard let rss = field("VmRSS"), let peak = field("VmHWM") else { return nil }
        return (rss, peak)
    }

    /// Resets VmHWM to the current RSS (writes 5 to /proc/PID/clear_refs); false if not permitted.
    func resetPeakMemory() -> Bool {
        let fd = open("/proc/\(pid)/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    /// Stops the server and removes its stderr log.
    func stop() {
        guard !stopped else { return }
        stopped = true
        defer { unlink(logPath) }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<200 {   // up to 10 s for a clean exit
            if waitpid(pid, &status, WNOHANG) == pid { close(stdoutFD); return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        close(stdoutFD)
    }

    private func tail(of path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return String(text.suffix(600))
    }

    /// A free TCP port on 127.0.0.1 (bound and released; for servers that cannot pick their own).
    static func freePort() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw HTTPError("cannot find a free port") }
        return UInt16(bigEndian: address.sin_port)
    }
}

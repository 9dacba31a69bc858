import Foundation
import Glibc

/// CPU time consumed by this process (the load generator) and by a server process, to show which
/// side is busy: a load generator near its cores' limit would be the bottleneck.
struct CPUSample {
    var wall: UInt64
    var client: Double
    var server: Double?

    static func now(serverPID: pid_t?) -> CPUSample {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let client = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return CPUSample(wall: monotonicNanos(), client: client, server: serverPID.flatMap(processCPUSeconds))
    }

    /// utime + stime of a process from /proc/PID/stat, in seconds.
    static func processCPUSeconds(_ pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Cores used between two samples: (client, server).
    static func cores(from start: CPUSample, to end: CPUSample) -> (Double, Double?) {
        let wall = seconds(from: start.wall, to: end.wall)
        guard wall > 0 else { return (0, nil) }
        let server = start.server.flatMap { s in end.server.map { ($0 - s) / wall } }
        return ((end.client - start.client) / wall, server)
    }
}

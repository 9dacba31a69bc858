import Foundation

/// The server process's resident memory, open file descriptors and threads, read from `/proc/self`
/// (Linux); zero where that is not available.
struct ProcessStatistics {
    var residentBytes: Int64 = 0
    var openFileDescriptors: Int = 0
    var threads: Int = 0

    static func current() -> ProcessStatistics {
        var statistics = ProcessStatistics()
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int64(fields[1]) { statistics.residentBytes = pages * Int64(sysconf(Int32(_SC_PAGESIZE))) }
        }
        statistics.openFileDescriptors = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count ?? 1) - 1
        statistics.threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.count ?? 0
        return statistics
    }
}

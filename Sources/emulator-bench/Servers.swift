import Foundation
import Glibc

/// Starting the three servers the benchmark compares, each as its own process.
enum Servers {
    /// `emulatord serve --port 0` (in memory); returns once its ready line is read.
    static func emulatord(_ options: Options) throws -> ServerProcess {
        let server = try ServerProcess(name: "emulatord", arguments: [options.emulatord, "serve", "--port", "0"])
        try server.waitForReadyLine(containing: "emulatord listening on")
        return server
    }

    /// This executable's `echo-server`: the bare Hummingbird endpoint (the HTTP ceiling).
    static func echo(_ options: Options) throws -> ServerProcess {
        let server = try ServerProcess(name: "echo-server", arguments: [selfPath(), "echo-server", "--port", "0"])
        try server.waitForReadyLine(containing: "echo-server listening on")
        return server
    }

    /// moto's server on a free port; returns once it answers HTTP.
    static func moto(_ options: Options) throws -> ServerProcess {
        let port = try ServerProcess.freePort()
        let command = options.motoCommand.split(separator: " ").map(String.init)
        let server = try ServerProcess(name: "moto", arguments: command + ["-p", "\(port)"])
        try server.waitUntilAnswering(port: port)
        return server
    }

    static func selfPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return n > 0 ? String(cString: buffer) : CommandLine.arguments[0]
    }
}

import Foundation

/// `emulator-bench`: start-up, round trips, fetch and memory figures of emulatord, side by side
/// with moto's server and a bare Hummingbird endpoint (see docs/benchmarks.md).
@main
enum EmulatorBench {
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "echo-server" {
            await echoServer(Array(arguments.dropFirst()))
            return
        }
        let options: Options
        do { options = try Options.parse(arguments) } catch {
            fputs("\(error)\n", stderr)
            exit(2)
        }
        guard FileManager.default.isExecutableFile(atPath: options.emulatord) else {
            fputs("emulator-bench: no emulatord at \(options.emulatord) (build it: swift build -c release --product emulatord)\n", stderr)
            exit(2)
        }
        var results = BenchResults(cpus: ProcessInfo.processInfo.activeProcessorCount, emulatord: options.emulatord)
        func attempt(_ name: String, _ body: () throws -> Void) {
            do { try body() } catch {
                progress("\(name): \(error)")
                results.errors.append("\(name): \(error)")
            }
        }
        if options.only.contains(.startup) { attempt("startup") { results.startup = try StartupScenario.run(options) } }
        if options.only.contains(.roundtrip) { results.roundTrips = RoundTripScenario.run(options) }
        if options.only.contains(.fetch) { attempt("fetch") { results.fetch = try FetchScenario.run(options) } }
        if options.only.contains(.memory) { attempt("memory") { results.memory = try MemoryScenario.run(options) } }
        if options.only.contains(.wlm) {
            do { results.wlm = try await WLMScenario.run(options) } catch {
                progress("wlm: \(error)")
                results.errors.append("wlm: \(error)")
            }
        }
        if options.only.contains(.metrics) { attempt("metrics") { results.metrics = try MetricsScenario.run(options) } }
        print(options.json ? Report.json(results) : Report.text(results))
    }

    static func echoServer(_ arguments: [String]) async {
        var host = "127.0.0.1", port = 0
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--host" where index + 1 < arguments.count: index += 1; host = arguments[index]
            case "--port" where index + 1 < arguments.count: index += 1; port = Int(arguments[index]) ?? 0
            default:
                fputs("usage: emulator-bench echo-server [--host H] [--port P]\n", stderr)
                exit(2)
            }
            index += 1
        }
        do { try await EchoServer.run(host: host, port: port) } catch {
            fputs("echo-server: \(error)\n", stderr)
            exit(1)
        }
    }
}

/// Command-line options of `emulator-bench` (no dependency beyond Hummingbird and GRDB, so parsed by hand).
struct Options {
    enum Scenario: String, CaseIterable { case startup, roundtrip, fetch, memory, wlm, metrics }

    var emulatord = ".build/release/emulatord"
    var motoCommand = "moto_server"
    var duration = 5.0
    var warmup = 1.0
    var runs = 3
    var startupRuns = 10
    var clients = [1, 8]
    var skipMoto = false
    var only: Set<Scenario> = [.startup, .roundtrip, .fetch, .memory]
    var json = false
    var fetchRows = 100_000
    var memoryRows = 1_000_000
    var wlmStatements = 20_000
    var wlmPairs = 40
    var wlmBlock = 300
    var wlmRunSeconds = 0.5

    static let usage = """
    usage: emulator-bench [options]            run the benchmark (see docs/benchmarks.md)
           emulator-bench echo-server [--host H] [--port P]   the bare Hummingbird endpoint

    options:
      --emulatord PATH     emulatord binary (default .build/release/emulatord)
      --duration S         measured seconds per round-trip configuration (default 5)
      --warmup S           warm-up seconds before each measurement (default 1)
      --runs N             runs of the round-trip and fetch scenarios; medians are reported (default 3)
      --startup-runs N     start-ups to time (default 10)
      --clients LIST       concurrent clients, comma-separated (default 1,8)
      --skip-moto          leave moto's server out of the round trips
      --moto-command CMD   how to start moto (default moto_server; e.g. "python3 -m moto.server")
      --only LIST          startup, roundtrip, fetch, memory, wlm, metrics (comma-separated;
                           repeatable; wlm: per-statement cost of --wlm, metrics: cost of
                           --metrics on against off; neither runs by default)
      --fetch-rows N       rows of the fetch scenario (default 100000)
      --memory-rows N      rows of the memory scenario (default 1000000)
      --wlm-statements N   wlm: statements timed in the in-process workload steps (default 20000)
      --wlm-pairs N        wlm, metrics: A/B pairs, in process and over HTTP (default 40)
      --wlm-block N        wlm: cycles per in-process block (default 300)
      --wlm-run-seconds S  wlm, metrics: seconds per HTTP run, one half of a pair (default 0.5)
      --json               print the results as JSON on stdout (progress stays on stderr)
    """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var onlyGiven: Set<Scenario> = []
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw HTTPError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        func number<T: LosslessStringConvertible>(_ name: String) throws -> T {
            let text = try value()
            guard let parsed = T(text) else { throw HTTPError("\(name): not a number: \(text)") }
            return parsed
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--emulatord": options.emulatord = try value()
            case "--moto-command": options.motoCommand = try value()
            case "--duration": options.duration = try number(argument)
            case "--warmup": options.warmup = try number(argument)
            case "--runs": options.runs = max(1, try number(argument))
            case "--startup-runs": options.startupRuns = max(1, try number(argument))
            case "--clients":
                options.clients = try value().split(separator: ",").map {
                    guard let n = Int($0), n > 0 else { throw HTTPError("--clients: bad count \($0)") }
                    return n
                }
            case "--skip-moto": options.skipMoto = true
            case "--only":
                for name in try value().split(separator: ",") {
                    guard let scenario = Scenario(rawValue: String(name)) else {
                        throw HTTPError("--only: unknown scenario \(name) (startup, roundtrip, fetch, memory, wlm, metrics)")
                    }
                    onlyGiven.insert(scenario)
                }
            case "--fetch-rows": options.fetchRows = try number(argument)
            case "--memory-rows": options.memoryRows = try number(argument)
            case "--wlm-statements": options.wlmStatements = max(1, try number(argument))
            case "--wlm-pairs": options.wlmPairs = max(2, try number(argument))
            case "--wlm-block": options.wlmBlock = max(1, try number(argument))
            case "--wlm-run-seconds": options.wlmRunSeconds = try number(argument)
            case "--json": options.json = true
            case "-h", "--help": throw HTTPError(usage)
            default: throw HTTPError("unknown option \(argument)\n\(usage)")
            }
            index += 1
        }
        if !onlyGiven.isEmpty { options.only = onlyGiven }
        return options
    }
}

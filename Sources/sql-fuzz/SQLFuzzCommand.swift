import ArgumentParser
import Foundation
import SQLFuzz

/// `sql-fuzz --minutes N --seed S`: the long run of the SQL logic-bug fuzzer (issue 19). Prints the
/// checks run per oracle and every mismatch with its shrunk reproducing statements; exits 1 when
/// there is a mismatch.
@main
struct SQLFuzzCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql-fuzz",
        abstract: "Logic-bug fuzzing of the SQL pipeline: TLP, NoREC and RLS oracles over random worlds.")

    @Option(help: "Run this long (minutes).") var minutes: Double = 5
    @Option(help: "Seed (the same seed replays the same worlds and queries).") var seed: UInt64 = 1
    @Option(help: "Stop after this many checks, whatever the time.") var checks: Int = Int.max
    @Option(help: "Mismatches shrunk and printed at most.") var report: Int = 10
    @Option(help: "Only these oracles (comma-separated: \(OracleKind.allCases.map(\.rawValue).joined(separator: ",")))")
    var oracles: String?
    @Option(help: "Print the statements of checks skipped with an error containing this text.") var showSkipped: String?

    func run() async throws {
        var fuzzer = SQLFuzzer(seed: seed, checks: checks, until: Date().addingTimeInterval(minutes * 60))
        fuzzer.reportLimit = report
        if let oracles {
            let names = oracles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            fuzzer.oracles = OracleKind.allCases.filter { names.contains($0.rawValue.uppercased()) }
            guard !fuzzer.oracles.isEmpty else { throw ValidationError("no known oracle in \(oracles)") }
        }
        if let pattern = showSkipped {
            fuzzer.skipped = { check, error in
                guard error.contains(pattern) else { return }
                print("skipped [\(check.kind.rawValue)] \(error)\n" + check.statements.map { "  \($0);" }.joined(separator: "\n"))
            }
        }
        var lastPrint = Date()
        fuzzer.progress = { report in
            if Date().timeIntervalSince(lastPrint) >= 30 {
                lastPrint = Date()
                print("… \(report.rounds) rounds, \(report.checks) checks, \(report.mismatchCount) mismatches")
            }
        }
        let started = Date()
        let result = try await fuzzer.run()
        print("sql-fuzz seed \(seed), \(Int(Date().timeIntervalSince(started))) s")
        print(result.text)
        if result.mismatchCount > 0 { throw ExitCode(1) }
    }
}

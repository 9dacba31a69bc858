import ArgumentParser
import Foundation
import Replay

/// `emulatord compare`: a baseline recording against a replay of it.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a baseline recording with a replay of it (latency, errors, rows).",
        discussion: """
            Statements are paired by event id. Exit status: 0 on success, 2 on unreadable input or \
            bad usage, 3 when --fail-on-regression PCT is given and the overall p95 latency regressed \
            by more than PCT %.
            """)

    @Argument(help: "The baseline recording.") var baseline: String
    @Argument(help: "The replay recording (emulatord replay --out).") var replay: String
    @Option(help: "text, json, markdown or html.") var format: String = "text"
    @Option(help: "Write the report here instead of stdout.") var out: String?
    @Option(help: "Exit 3 when the overall p95 regressed by more than PCT %.") var failOnRegression: Double?

    /// Usage checks, in `run` so that bad usage exits 2 as the contract says (not 64).
    func check() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let failOnRegression, failOnRegression < 0 || !failOnRegression.isFinite {
            throw ValidationError("--fail-on-regression must be a percentage of 0 or more")
        }
    }

    func run() throws {
        do { try check() } catch let error as ValidationError {
            FileHandle.standardError.write(Data("emulatord compare: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        var report: ComparisonReport
        do {
            report = try ComparisonBuilder().compare(baselinePath: baseline, replayPath: replay)
        } catch {
            FileHandle.standardError.write(Data("emulatord compare: \(error)\n".utf8))
            throw ExitCode(2)
        }
        report.applyGate(percent: failOnRegression)
        let text = ReportFormat(rawValue: format)!.render(report)
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                FileHandle.standardError.write(Data("emulatord compare: cannot write \(out): \(error)\n".utf8))
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if report.failed {
            FileHandle.standardError.write(Data("emulatord compare: \(report.verdictText)\n".utf8))
            throw ExitCode(report.exitCode)
        }
    }
}

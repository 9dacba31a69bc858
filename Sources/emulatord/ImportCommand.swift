import ArgumentParser
import Foundation
import Replay

/// `emulatord import`: Redshift audit logs and query-history exports into a recording.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert Redshift audit logs or query-history CSV exports into a recording.",
        discussion: """
            Inputs may be plain or gzip (detected by their first bytes). Malformed lines are skipped, \
            counted in the recording's header and reported here with their line numbers; the exit \
            status is 0 whenever the input could be read.
            """)

    @Option(help: "useractivitylog, connectionlog, userlog, sys_query_history or stl_query.") var format: String
    @Argument(help: "Input files (S3 log files are taken in the order of the time in their names).") var files: [String]
    @Option(help: "The recording to write (JSON Lines).") var out: String
    @Option(help: "useractivitylog: connection log file(s) of the same window, for sessions and pid reuse.")
    var connectionLog: [String] = []
    @Option(help: "useractivitylog: user log file(s) of the same window, written as user lines before the statements.")
    var userLog: [String] = []
    @Option(help: "sys_query_history/stl_query: SYS_QUERY_TEXT or STL_QUERYTEXT CSV export(s) with the full texts.")
    var queryText: [String] = []
    @Option(help: "Cluster identifier to record on every statement.") var cluster: String?
    @Option(help: "Workgroup name to record on every statement.") var workgroup: String?
    @Flag(help: "Replace string and number literals with :pN parameters where the statement stays replayable.")
    var redactLiterals = false
    @Flag(help: "Keep internal statements and logged duplicates that are dropped by default.") var keepInternal = false

    func validate() throws {
        guard ImportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if files.isEmpty { throw ValidationError("give at least one input file") }
    }

    func run() throws {
        var job = ImportJob(format: ImportFormat(rawValue: format)!, inputs: files, output: out)
        job.connectionLogs = connectionLog
        job.userLogs = userLog
        job.queryTexts = queryText
        job.options.cluster = cluster
        job.options.workgroup = workgroup
        job.options.redactLiterals = redactLiterals
        job.options.dropInternal = !keepInternal
        OpenRecordingWriters.shared.closeAllOnSignals()
        do {
            let summary = try job.run()
            FileHandle.standardError.write(Data("emulatord import: \(summary.statements) statements, \(summary.sessions) sessions, \(summary.users) user changes, \(summary.malformedLines) malformed lines, \(summary.skippedStatements) skipped statements -> \(out)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("emulatord import: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

import ArgumentParser
import DataAPIClient
import Foundation
import PGClient
import Replay

/// `emulatord replay`: runs a recording against a Data API endpoint or a cluster endpoint
/// (PostgreSQL wire protocol) with its recorded timing.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recording against a Data API endpoint or a cluster endpoint (the emulator, Redshift, PostgreSQL).",
        discussion: """
            Sessions run concurrently, statements of a session in order, each at its recorded offset \
            from the first statement divided by --speed (0: as fast as possible). Failed statements \
            are recorded, not fatal: the exit status is 0 unless the replay could not run (2).
            """)

    @Argument(help: "The recording to replay (JSON Lines, plain or gzip).") var recording: String
    @Option(help: "The Data API endpoint (http://127.0.0.1:8080) or a cluster endpoint (postgresql://USER[:PASSWORD]@HOST:PORT/DB).")
    var target: String?
    @Option(help: "Time scale: 2 replays twice as fast; 0 as fast as possible.") var speed: Double = 1
    @Option(help: "Sessions running at the same time, at most (default: all).") var concurrency: Int?
    @Option(help: "Write the replay as a recording (observed times, status, rows).") var out: String?
    @Flag(help: "Skip statements that write (by their first keyword).") var readOnly = false
    @Flag(help: "Check and report the plan without sending anything.") var dryRun = false
    @Flag(help: "Fetch every result (GetStatementResult, all pages) and record its fingerprint in --out.") var fingerprint = false
    @Option(help: "Run every session on this cluster.") var cluster: String?
    @Option(help: "Run every session on this workgroup.") var workgroup: String?
    @Option(help: "Run every session in this database.") var database: String?
    @Option(parsing: .upToNextOption, help: "Replace recorded users: old=new (repeatable; *=new for every other user).")
    var userMap: [String] = []

    /// Usage checks, in `run` so that bad usage exits 2 as the contract says (not 64).
    func check() throws {
        if cluster != nil && workgroup != nil { throw ValidationError("give --cluster or --workgroup, not both") }
        if speed < 0 || !speed.isFinite { throw ValidationError("--speed must be 0 or more") }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if !dryRun && target == nil { throw ValidationError("--target URL is required (or --dry-run)") }
        if let target, Self.isPostgres(target) {
            do { _ = try PGConnectionURL(parsing: target) } catch { throw ValidationError("--target: \(error)") }
            if cluster != nil || workgroup != nil {
                throw ValidationError("--cluster and --workgroup name a Data API target; a postgresql:// target is one cluster")
            }
        } else if let target, URL(string: target)?.host == nil || !["http", "https"].contains(URL(string: target)?.scheme ?? "") {
            throw ValidationError("--target must be an http://, https:// or postgresql:// URL, got '\(target)'")
        }
    }

    /// A cluster-endpoint target (`postgresql://` or `postgres://`).
    static func isPostgres(_ target: String) -> Bool {
        let lower = target.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    func run() throws {
        do { try check() } catch let error as ValidationError {
            FileHandle.standardError.write(Data("emulatord replay: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        var options = ReplayOptions()
        options.speed = speed
        options.concurrency = concurrency
        options.readOnly = readOnly
        options.cluster = cluster
        options.workgroup = workgroup
        options.database = database
        options.requiresTarget = !(target.map(Self.isPostgres) ?? false)
        let header: RecordingHeader
        let plan: ReplayPlan
        do {
            options.userMap = try ReplayOptions.parseUserMap(userMap)
            (header, plan) = try ReplayPlan.load(path: recording, options: options)
        } catch {
            Self.say("emulatord replay: \(error)")
            throw ExitCode(2)
        }
        Self.say(ReplayPlanReport.text(plan, header: header, dryRun: dryRun))
        if dryRun { return }
        var postgres: PostgresReplayTarget?
        if let address = target, Self.isPostgres(address) {
            let target: PostgresReplayTarget
            do { target = PostgresReplayTarget(url: try PGConnectionURL(parsing: address)) } catch {
                Self.say("emulatord replay: --target: \(error)")   // checked by check(); kept for safety
                throw ExitCode(2)
            }
            do { try target.preflight() } catch {
                Self.say("emulatord replay: target \(target.url) refused the replay: \(error)")
                throw ExitCode(2)
            }
            postgres = target
        }
        let url = URL(string: target!) ?? URL(string: "postgresql://invalid")!
        if postgres == nil && url.scheme == "http" {
            do { try SocketHTTPTransport(url: url).connectNow() } catch {
                Self.say("emulatord replay: target \(url.absoluteString) is not reachable: \(error)")
                throw ExitCode(2)
            }
        }
        var writer: RecordingWriter?
        if let out {
            var outHeader = RecordingHeader(source: .replay)
            outHeader.cluster = cluster ?? header.cluster
            outHeader.workgroup = workgroup ?? header.workgroup
            outHeader.inputs = [recording, postgres.map { "\($0.url)" } ?? target!]
            do { writer = try RecordingWriter(path: out, header: outHeader) } catch {
                Self.say("emulatord replay: \(error)")
                throw ExitCode(2)
            }
            OpenRecordingWriters.shared.closeAllOnSignals()
        }
        let credentials = AWSCredentials.fromEnvironment()
        let region = RecordingProxyConfiguration.region(from: ProcessInfo.processInfo.environment)
        let replayer: Replayer
        if let postgres {
            replayer = Replayer(plan: plan, concurrency: concurrency, postgres: postgres, sink: { writer?.write(.statement($0)) })
        } else {
            replayer = Replayer(plan: plan, concurrency: concurrency, makeClient: {
                try DataAPIClient(url: url, credentials: credentials, region: region)
            }, sink: { writer?.write(.statement($0)) })
        }
        replayer.fetchResultFingerprints = fingerprint
        let progress = isatty(2) != 0 ? ProgressLine(replayer: replayer, scheduledSpanMicros: plan.scheduledSpanMicros) : nil
        progress?.start()
        let summary = replayer.run()
        progress?.stop()
        writer?.updateHeader {
            $0.replaySpeed = summary.speed
            $0.driftP50Micros = summary.driftP50Micros
            $0.driftP99Micros = summary.driftP99Micros
            $0.driftMaxMicros = summary.driftMaxMicros
        }
        try? writer?.close()
        Self.say(summary.text)
    }

    static func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}

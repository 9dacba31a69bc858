import Foundation

/// Fixed-decimal formatting for the tables and progress lines.
func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// The readable tables printed at the end of a run.
enum Report {
    static func text(_ results: BenchResults) -> String {
        var out = "emulator-bench — \(results.cpus) CPU(s), \(results.emulatord); medians of runs\n"
        if let s = results.startup {
            out += "\nStart-up (spawn to ready line, in memory, \(s.runs) runs)\n"
            out += table(["median ms", "min ms", "max ms", "goal"],
                         [[format(s.medianMillis, 1), format(s.minMillis, 1), format(s.maxMillis, 1),
                           "< 300 ms " + verdict(s.met)]])
        }
        if let r = results.roundTrips {
            out += "\nRound trips (\(short(r.durationSeconds)) s per configuration after \(short(r.warmupSeconds)) s warm-up; "
            out += "cycle = ExecuteStatement + DescribeStatement until FINISHED + GetStatementResult)\n"
            var rows: [[String]] = []
            for f in r.figures {
                let ops = f.target == RoundTripScenario.ceiling ? ["POST"]
                    : ["ExecuteStatement", "DescribeStatement", "GetStatementResult", "cycle"]
                for (index, op) in ops.enumerated() {
                    let l = f.latency[op]
                    rows.append([index == 0 ? f.target : "", index == 0 ? "\(f.clients)" : "",
                                 index == 0 ? format(f.requestsPerSecond, 0) : "",
                                 index == 0 && f.target != RoundTripScenario.ceiling ? format(f.cyclesPerSecond, 0) : "",
                                 index == 0 && f.target != RoundTripScenario.ceiling ? format(f.describesPerCycle, 2) : "",
                                 op, l.map { format($0.p50Micros, 0) } ?? "-", l.map { format($0.p99Micros, 0) } ?? "-",
                                 index == 0 ? format(f.clientCores, 2) : "",
                                 index == 0 ? f.serverCores.map { format($0, 2) } ?? "-" : "",
                                 index == 0 ? f.serverCores.map { format($0 / max(f.requestsPerSecond, 1) * 1e6, 0) } ?? "-" : ""])
                }
                if let error = f.errors.first { rows.append(["", "", "", "", "", "error: " + String(error.prefix(60)), "", "", "", "", ""]) }
            }
            out += table(["server", "clients", "requests/s", "cycles/s", "describes/cycle", "call", "p50 µs", "p99 µs",
                          "client CPU", "server CPU", "server CPU µs/req"], rows)
            out += "(CPU: cores busy during the window — the load generator, and the server process; "
                + "µs/req: the server's CPU time per request)\n"
            if let share = r.requestsShareOfCeiling {
                out += "goal: emulatord requests/s at the most clients ≥ 30% of the ceiling's: \(format(share * 100, 1))% "
                    + verdict(r.shareMet!) + "\n"
            }
            if let p99 = r.worstP99MicrosAtOneClient {
                out += "goal: p99 per call < 2 ms at 1 client: worst p99 \(format(p99 / 1000, 3)) ms " + verdict(r.p99Met!) + "\n"
            }
        }
        if let f = results.fetch {
            out += "\nFetch (\(f.rows) rows x 5 columns; loaded with \(f.loadMethod) in \(format(f.loadSeconds, 1)) s; "
            out += "select to FINISHED: JSON \(format(f.executeSecondsJSON * 1000, 0)) ms, CSV \(format(f.executeSecondsCSV * 1000, 0)) ms)\n"
            out += table(["path", "rows/s", "seconds", "pages", "MB read", "x limit", "goal", "rows/s incl. execute",
                          "client CPU s", "server CPU s"],
                         f.figures.map { figure in
                let isLimit = figure.goal == nil
                return [figure.path, format(figure.rowsPerSecond, 0), format(figure.seconds, 3), isLimit ? "-" : "\(figure.pages)",
                 isLimit ? "-" : format(Double(figure.bytes) / 1e6, 1), format(figure.slowdown, 2),
                 figure.goal.map { "within \(format($0, 0))x " + verdict(figure.met ?? false) } ?? "limit",
                 format(figure.endToEndRowsPerSecond, 0), format(figure.clientCPUSeconds, 3),
                 figure.serverCPUSeconds.map { format($0, 3) } ?? "-"]
            })
        }
        if let m = results.memory {
            out += "\nMemory (emulatord while paging \(m.rows) rows x 5 through GetStatementResult, \(m.pages) pages in \(format(m.pagingSeconds, 1)) s)\n"
            out += table(["RSS before MiB", "peak MiB", "RSS after MiB", "goal"],
                         [[format(m.rssBeforeMiB, 1), format(m.peakMiB, 1), format(m.rssAfterMiB, 1), "< 300 MiB " + verdict(m.met)]])
            out += "(after loading the rows: RSS \(format(m.rssAfterLoadMiB, 1)) MiB, peak \(format(m.peakDuringLoadMiB, 1)) MiB; "
            out += m.peakResetWorked ? "the peak was reset before paging)\n" : "the peak could not be reset: it includes the load)\n"
        }
        if let w = results.wlm {
            out += "\nWLM overhead per statement (instant latency, --wlm = one manual queue of 50 slots)\n"
            out += "in-process workload steps (\(w.steps.wlm.statements) statements each way):\n"
            out += table(["", "p50 µs", "mean µs", "p99 µs", "submit p50", "admit p50", "end p50"],
                         [("no WLM", w.steps.plain), ("--wlm", w.steps.wlm)].map { name, f in
                             [name, format(f.p50Micros, 2), format(f.meanMicros, 2), format(f.p99Micros, 2),
                              format(f.submitP50Micros, 2), format(f.admitP50Micros, 2), format(f.endP50Micros, 2)]
                         })
            out += "paired A/B of the select 1 cycle (median of differences, 95 % CI):\n"
            out += table(["", "pairs", "no WLM µs", "--wlm µs", "difference µs", "95 % CI µs", "wlm slower"],
                         [("in process", w.inProcess), ("HTTP", w.http)].map { name, c in
                             [name, "\(c.pairs)", format(c.plainMicros, 1), format(c.wlmMicros, 1),
                              format(c.medianDifferenceMicros, 1), "[\(format(c.ciLowMicros, 1)), \(format(c.ciHighMicros, 1))]",
                              "\(c.wlmSlowerPairs)/\(c.pairs)"]
                         })
            out += "step overhead \(format(w.stepOverheadMicros, 2)) µs; goal < \(format(w.goalMicros, 0)) µs "
                + verdict(w.met) + "\n"
        }
        if let m = results.metrics {
            let c = m.http
            out += "\nMetrics overhead on the select 1 HTTP cycle (paired A/B, median of differences, 95 % CI)\n"
            out += table(["pairs", "--metrics off µs", "--metrics on µs", "difference µs", "95 % CI µs", "on slower", "overhead"],
                         [["\(c.pairs)", format(c.plainMicros, 1), format(c.wlmMicros, 1), format(c.medianDifferenceMicros, 1),
                           "[\(format(c.ciLowMicros, 1)), \(format(c.ciHighMicros, 1))]", "\(c.wlmSlowerPairs)/\(c.pairs)",
                           format(m.overheadPercent, 1) + " %"]])
            out += "goal < \(format(m.goalPercent, 0)) % " + verdict(m.met) + "\n"
        }
        for error in results.errors { out += "\nerror: \(error)\n" }
        return out
    }

    static func short(_ value: Double) -> String { value == value.rounded() ? format(value, 0) : format(value, 1) }

    static func verdict(_ met: Bool) -> String { met ? "✓ met" : "✗ missed" }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                Double(cell) == nil ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    static func json(_ results: BenchResults) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(results)) ?? Data(), as: UTF8.self)
    }
}

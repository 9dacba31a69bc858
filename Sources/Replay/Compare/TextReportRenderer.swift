import Foundation

/// The report as plain text for a terminal: header, latency table, top regressions and
/// improvements, divergences, verdict.
public enum TextReportRenderer {
    public static func render(_ r: ComparisonReport) -> String {
        var out = "emulatord compare — \(r.baseline.path) vs \(r.replay.path)\n"
        out += "statements \(r.baseline.statements) -> \(r.replay.statements), paired \(r.paired) (only baseline \(r.onlyInBaseline), only replay \(r.onlyInReplay)); "
        out += "sessions \(r.baseline.sessions) -> \(r.replay.sessions); wall \(String(format: "%.2f", r.baseline.wallSeconds)) s -> \(String(format: "%.2f", r.replay.wallSeconds)) s\n"
        out += "errors \(r.baseline.errors) -> \(r.replay.errors) (appeared \(r.errorsAppeared.count), disappeared \(r.errorsDisappeared.count)); "
        out += "row-count mismatches \(r.rowCountMismatches.count); result mismatches \(r.resultMismatches.count) "
        out += "of \(r.resultsCompared) fingerprinted (row order ignored)\n"
        out += (r.replayDrift?.text ?? "replay start-time drift: not recorded") + "\n\n"
        out += "latency ms (\(r.percentileMethod))\n"
        out += row(["scope", "n", "p50", "p90", "p95 base->replay", "p99", "Δp95"])
        func line(_ scope: String, _ g: ComparisonReport.GroupDelta) -> String {
            row([scope, String(g.baseline.count), "\(Fmt.ms(g.baseline.p50))->\(Fmt.ms(g.replay.p50))",
                 "\(Fmt.ms(g.baseline.p90))->\(Fmt.ms(g.replay.p90))", "\(Fmt.ms(g.baseline.p95))->\(Fmt.ms(g.replay.p95))",
                 "\(Fmt.ms(g.baseline.p99))->\(Fmt.ms(g.replay.p99))", "\(Fmt.signedMs(g.deltaP95Ms)) (\(Fmt.pct(g.deltaP95Percent)))"])
        }
        out += line("all", r.overall)
        for g in r.byStatementType { out += line("type \(g.key)", g) }
        for g in r.byUser { out += line("user \(g.key)", g) }
        for g in r.byQueryGroup { out += line("group \(g.key)", g) }
        out += "\nper fingerprint\n"
        for g in r.byFingerprint { out += line("\(g.key) \(g.verdict)", g) + "    \(Fmt.shorten(g.text ?? ""))\n" }
        out += "\ntop regressions\n"
        for (i, g) in r.topRegressions.enumerated() {
            out += "\(i + 1). \(Fmt.shorten(g.text ?? g.key)) · n \(g.baseline.count) · p95 \(Fmt.ms(g.baseline.p95)) -> \(Fmt.ms(g.replay.p95)) ms (\(Fmt.pct(g.deltaP95Percent)))\n"
        }
        if r.topRegressions.isEmpty { out += "none\n" }
        out += "\ntop improvements\n"
        for (i, g) in r.topImprovements.enumerated() {
            out += "\(i + 1). \(Fmt.shorten(g.text ?? g.key)) · n \(g.baseline.count) · p95 \(Fmt.ms(g.baseline.p95)) -> \(Fmt.ms(g.replay.p95)) ms (\(Fmt.pct(g.deltaP95Percent)))\n"
        }
        if r.topImprovements.isEmpty { out += "none\n" }
        for (title, list) in [("errors appeared", r.errorsAppeared), ("errors disappeared", r.errorsDisappeared),
                              ("row-count mismatches", r.rowCountMismatches), ("result mismatches", r.resultMismatches)] where !list.isEmpty {
            out += "\n\(title)\n"
            for d in list { out += "  \(d.eventId) [\(d.fingerprint)]: \(Fmt.shorten(d.baseline, 60)) -> \(Fmt.shorten(d.replay, 60))\n" }
        }
        out += "\nverdict: \(r.verdictText)\n"
        return out
    }

    static func row(_ cells: [String]) -> String {
        let widths = [28, 7, 16, 16, 18, 16, 22]
        return zip(cells, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ")
            .trimmingCharacters(in: .whitespaces) + "\n"
    }
}

import Foundation

/// The report as GitHub-flavoured Markdown (for a pull-request comment or a CI summary).
public enum MarkdownReportRenderer {
    public static func render(_ r: ComparisonReport) -> String {
        var out = "## emulatord compare — \(r.baseline.path) vs \(r.replay.path)\n\n"
        out += "Statements \(r.baseline.statements) → \(r.replay.statements) (paired \(r.paired)) · sessions \(r.baseline.sessions) → \(r.replay.sessions)"
        out += " · wall \(String(format: "%.2f", r.baseline.wallSeconds)) s → \(String(format: "%.2f", r.replay.wallSeconds)) s\n\n"
        out += "Errors: baseline \(r.baseline.errors), replay \(r.replay.errors) (appeared \(r.errorsAppeared.count), disappeared \(r.errorsDisappeared.count))"
        out += " · row-count mismatches \(r.rowCountMismatches.count) · result mismatches \(r.resultMismatches.count)"
        out += " of \(r.resultsCompared) fingerprinted (row order ignored)\n\n"
        if let drift = r.replayDrift { out += "Fidelity: \(drift.text)\n\n" }
        out += "| scope | n | p50 ms | p90 ms | p95 ms (base→replay) | p99 ms | Δp95 |\n|---|---|---|---|---|---|---|\n"
        func line(_ scope: String, _ g: ComparisonReport.GroupDelta) -> String {
            "| \(scope) | \(g.baseline.count) | \(Fmt.ms(g.baseline.p50)) → \(Fmt.ms(g.replay.p50)) | \(Fmt.ms(g.baseline.p90)) → \(Fmt.ms(g.replay.p90)) | \(Fmt.ms(g.baseline.p95)) → \(Fmt.ms(g.replay.p95)) | \(Fmt.ms(g.baseline.p99)) → \(Fmt.ms(g.replay.p99)) | \(Fmt.pct(g.deltaP95Percent)) |\n"
        }
        out += line("all", r.overall)
        for g in r.byStatementType { out += line("type \(g.key)", g) }
        for g in r.byUser { out += line("user \(g.key)", g) }
        for g in r.byQueryGroup { out += line("query group \(g.key)", g) }
        out += "\n### Per fingerprint\n\n| fingerprint | verdict | n | p95 ms (base→replay) | Δp95 |\n|---|---|---|---|---|\n"
        for g in r.byFingerprint {
            out += "| `\(escape(Fmt.shorten(g.text ?? g.key)))` | \(g.verdict) | \(g.baseline.count) | \(Fmt.ms(g.baseline.p95)) → \(Fmt.ms(g.replay.p95)) | \(Fmt.pct(g.deltaP95Percent)) |\n"
        }
        for (title, list) in [("Top regressions", r.topRegressions), ("Top improvements", r.topImprovements)] {
            out += "\n### \(title)\n\n"
            if list.isEmpty { out += "none\n" }
            for (i, g) in list.enumerated() {
                out += "\(i + 1). `\(escape(Fmt.shorten(g.text ?? g.key)))` · \(g.baseline.count) · \(Fmt.ms(g.baseline.p95)) → \(Fmt.ms(g.replay.p95)) ms (\(Fmt.pct(g.deltaP95Percent)))\n"
            }
        }
        for (title, list) in [("Errors appeared", r.errorsAppeared), ("Errors disappeared", r.errorsDisappeared),
                              ("Row-count mismatches", r.rowCountMismatches), ("Result mismatches", r.resultMismatches)] where !list.isEmpty {
            out += "\n### \(title)\n\n| event | fingerprint | baseline | replay |\n|---|---|---|---|\n"
            for d in list { out += "| \(escape(d.eventId)) | \(d.fingerprint) | \(escape(Fmt.shorten(d.baseline, 60))) | \(escape(Fmt.shorten(d.replay, 60))) |\n" }
        }
        out += "\nVerdict: \(r.verdictText)\n"
        return out
    }

    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
}

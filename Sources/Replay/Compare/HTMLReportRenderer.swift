import Foundation

/// The report as one self-contained HTML file: summary, inline SVG charts (latency CDF baseline
/// vs replay, throughput over time, Δp95 of the top regressions and improvements) and the tables
/// of the Markdown report. No scripts, styles inline, nothing fetched.
public enum HTMLReportRenderer {
    public static func render(_ r: ComparisonReport) -> String {
        let e = SVGCharts.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>emulatord compare</title>
            <style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}
            td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:right}td:first-child,th:first-child{text-align:left}
            code{font-size:12px}.regressed{color:#c0392b}.improved{color:#27ae60}.charts{display:flex;flex-wrap:wrap;gap:16px}
            figure{margin:0;border:1px solid #ddd;padding:8px}figcaption{font-weight:600;margin-bottom:4px}</style></head><body>
            <h1>emulatord compare</h1>
            <p>\(e(r.baseline.path)) (\(e(r.baseline.source))) vs \(e(r.replay.path)) (\(e(r.replay.source)))</p>
            <p>Statements \(r.baseline.statements) → \(r.replay.statements), paired \(r.paired) · sessions \(r.baseline.sessions) → \(r.replay.sessions) ·
            errors \(r.baseline.errors) → \(r.replay.errors) · row-count mismatches \(r.rowCountMismatches.count) · result mismatches \(r.resultMismatches.count)
            of \(r.resultsCompared) fingerprinted (row order ignored)</p>
            <p><strong>Fidelity:</strong> \(e(r.replayDrift?.text ?? "replay start-time drift not recorded"))</p>
            <p><strong>Verdict:</strong> \(e(r.verdictText))</p>
            <div class="charts">
            """
        let cdfB = r.baselineQuantilesMs.enumerated().map { ($0.element, Double($0.offset)) }
        let cdfR = r.replayQuantilesMs.enumerated().map { ($0.element, Double($0.offset)) }
        html += "<figure><figcaption>Latency CDF</figcaption>"
        html += SVGCharts.lines(title: "Latency CDF", xLabel: "latency (ms)", yLabel: "percentile",
                                series: [("baseline", SVGCharts.baselineColor, cdfB), ("replay", SVGCharts.replayColor, cdfR)])
        html += "</figure><figure><figcaption>Throughput over time</figcaption>"
        html += SVGCharts.lines(title: "Throughput", xLabel: "seconds from start", yLabel: "statements/s",
                                series: [("baseline", SVGCharts.baselineColor, r.throughput.map { ($0.startSeconds, $0.baselinePerSecond) }),
                                         ("replay", SVGCharts.replayColor, r.throughput.map { ($0.startSeconds, $0.replayPerSecond) })])
        html += "</figure><figure><figcaption>Top regressions and improvements (Δp95; Δp50 for groups under 20 statements)</figcaption>"
        let bars = (r.topRegressions + r.topImprovements).map { ($0.text ?? $0.key, $0.verdictBasis == "p95" ? $0.deltaP95Ms : $0.deltaP50Ms) }
        html += SVGCharts.bars(title: "Δ latency by fingerprint", items: bars)
        html += "</figure></div>\n<h2>Latency (ms)</h2><table><tr><th>scope</th><th>n</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>Δp95</th></tr>"
        func row(_ scope: String, _ g: ComparisonReport.GroupDelta) -> String {
            "<tr class=\"\(g.verdict)\"><td>\(e(scope))</td><td>\(g.baseline.count)</td><td>\(Fmt.ms(g.baseline.p50)) → \(Fmt.ms(g.replay.p50))</td><td>\(Fmt.ms(g.baseline.p90)) → \(Fmt.ms(g.replay.p90))</td><td>\(Fmt.ms(g.baseline.p95)) → \(Fmt.ms(g.replay.p95))</td><td>\(Fmt.ms(g.baseline.p99)) → \(Fmt.ms(g.replay.p99))</td><td>\(Fmt.pct(g.deltaP95Percent))</td></tr>"
        }
        html += row("all", r.overall)
        for g in r.byStatementType { html += row("type \(g.key)", g) }
        for g in r.byUser { html += row("user \(g.key)", g) }
        for g in r.byQueryGroup { html += row("query group \(g.key)", g) }
        html += "</table>\n<h2>Per fingerprint</h2><table><tr><th>fingerprint</th><th>n</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>Δp95</th></tr>"
        for g in r.byFingerprint { html += row(Fmt.shorten(g.text ?? g.key, 100), g) }
        html += "</table>\n"
        for (title, list) in [("Errors appeared", r.errorsAppeared), ("Errors disappeared", r.errorsDisappeared),
                              ("Row-count mismatches", r.rowCountMismatches), ("Result mismatches", r.resultMismatches)] where !list.isEmpty {
            html += "<h2>\(title)</h2><table><tr><th>event</th><th>fingerprint</th><th>baseline</th><th>replay</th></tr>"
            for d in list { html += "<tr><td>\(e(d.eventId))</td><td>\(d.fingerprint)</td><td>\(e(d.baseline))</td><td>\(e(d.replay))</td></tr>" }
            html += "</table>\n"
        }
        return html + "<p>Percentiles: \(e(r.percentileMethod)).</p></body></html>\n"
    }
}

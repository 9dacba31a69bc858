import Foundation

/// The formats `emulatord compare --format` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, markdown, html

    /// Renders `report` in this format.
    public func render(_ report: ComparisonReport) -> String {
        switch self {
        case .text: return TextReportRenderer.render(report)
        case .json: return JSONReportRenderer.render(report)
        case .markdown: return MarkdownReportRenderer.render(report)
        case .html: return HTMLReportRenderer.render(report)
        }
    }
}

/// Number formatting shared by the renderers.
enum Fmt {
    static func ms(_ v: Double) -> String { String(format: v >= 100 ? "%.0f" : "%.2f", v) }
    static func signedMs(_ v: Double) -> String { String(format: "%+.2f", v) }
    static func pct(_ v: Double?) -> String { v.map { String(format: "%+.1f %%", $0) } ?? "n/a" }
    static func shorten(_ text: String, _ limit: Int = 80) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

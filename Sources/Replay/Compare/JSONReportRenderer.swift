import Foundation

/// The report as one JSON object (the ``ComparisonReport`` fields, keys sorted), for scripts.
public enum JSONReportRenderer {
    public static func render(_ report: ComparisonReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

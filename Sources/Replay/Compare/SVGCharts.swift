import Foundation

/// Inline SVG charts for the HTML report (no scripts, no external files).
enum SVGCharts {
    static let width = 640.0, height = 270.0, left = 56.0, right = 16.0, top = 28.0, bottom = 40.0
    static let baselineColor = "#4c78a8", replayColor = "#f58518"

    /// A line chart of several series over a shared x axis.
    static func lines(title: String, xLabel: String, yLabel: String, series: [(String, String, [(Double, Double)])]) -> String {
        let points = series.flatMap(\.2)
        let maxX = max(points.map(\.0).max() ?? 1, 1e-9), maxY = max(points.map(\.1).max() ?? 1, 1e-9)
        func x(_ v: Double) -> Double { left + v / maxX * (width - left - right) }
        func y(_ v: Double) -> Double { height - bottom - v / maxY * (height - top - bottom) }
        var svg = frame(title: title)
        svg += axes(xLabel: xLabel, yLabel: yLabel, maxX: maxX, maxY: maxY)
        for (index, (name, color, values)) in series.enumerated() {
            let path = values.map { String(format: "%.1f,%.1f", x($0.0), y($0.1)) }.joined(separator: " ")
            svg += "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(path)\"/>"
            svg += "<rect x=\"\(Int(left) + 10 + index * 110)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(Int(left) + 26 + index * 110)\" y=\"17\" font-size=\"12\">\(escape(name))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars of signed values (Δp95 ms), red for regressions, green for improvements.
    static func bars(title: String, items: [(String, Double)]) -> String {
        let rowHeight = 22.0
        let h = top + bottom + rowHeight * Double(max(items.count, 1))
        let maxAbs = max(items.map { abs($0.1) }.max() ?? 1, 1e-9)
        let labelWidth = 260.0
        let mid = labelWidth + (width - labelWidth - right) / 2
        let half = (width - labelWidth - right) / 2 - 80
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(width)) \(Int(h))\"><title>\(escape(title))</title>"
        svg += "<line x1=\"\(mid)\" y1=\"\(top)\" x2=\"\(mid)\" y2=\"\(h - bottom + 8)\" stroke=\"#888\"/>"
        if items.isEmpty { svg += "<text x=\"\(Int(mid) - 60)\" y=\"\(Int(top) + 16)\" font-size=\"12\">no fingerprint changed</text>" }
        for (i, (label, value)) in items.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = abs(value) / maxAbs * half
            let x = value >= 0 ? mid : mid - w
            svg += "<text x=\"4\" y=\"\(y + 15)\" font-size=\"11\" font-family=\"monospace\">\(escape(Fmt.shorten(label, 38)))</text>"
            svg += "<rect class=\"bar\" x=\(q(x)) y=\(q(y + 3)) width=\(q(max(w, 1))) height=\"16\" fill=\"\(value >= 0 ? "#e45756" : "#54a24b")\"/>"
            let textX = value >= 0 ? x + w + 4 : x - 4
            svg += "<text x=\(q(textX)) y=\(q(y + 15)) font-size=\"11\" text-anchor=\"\(value >= 0 ? "start" : "end")\">\(Fmt.signedMs(value)) ms</text>"
        }
        return svg + "</svg>"
    }

    private static func frame(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\"><title>\(escape(title))</title>"
    }

    private static func axes(xLabel: String, yLabel: String, maxX: Double, maxY: Double) -> String {
        var s = "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>"
        s += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>"
        for i in 0...4 {
            let fx = Double(i) / 4
            let xv = left + fx * (width - left - right), yv = height - bottom - fx * (height - top - bottom)
            s += "<text x=\(q(xv)) y=\(q(height - bottom + 14)) font-size=\"10\" text-anchor=\"middle\">\(number(maxX * fx))</text>"
            s += "<text x=\(q(left - 4)) y=\(q(yv + 3)) font-size=\"10\" text-anchor=\"end\">\(number(maxY * fx))</text>"
            s += "<line x1=\(q(left)) y1=\(q(yv)) x2=\(q(width - right)) y2=\(q(yv)) stroke=\"#eee\"/>"
        }
        s += "<text x=\(q((left + width) / 2)) y=\(q(height - 6)) font-size=\"11\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        s += "<text x=\"12\" y=\(q((top + height - bottom) / 2)) font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 \((top + height - bottom) / 2))\">\(escape(yLabel))</text>"
        return s
    }

    static func q(_ v: Double) -> String { "\"\(String(format: "%.1f", v))\"" }
    static func number(_ v: Double) -> String { v >= 100 ? String(format: "%.0f", v) : v >= 10 ? String(format: "%.1f", v) : String(format: "%.2f", v) }
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

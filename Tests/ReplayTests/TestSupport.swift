import Foundation
@testable import Replay

/// The repository's `recordings/` directory (sample logs and recordings).
let recordingsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("recordings")

func sample(_ name: String) -> String { recordingsDirectory.appendingPathComponent(name).path }

/// A fresh path in a private temporary directory.
func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// Every line of a recording after its header.
func readAll(_ path: String) throws -> (RecordingHeader, [RecordingLine]) {
    let reader = try RecordingReader(path: path)
    var lines: [RecordingLine] = []
    while let line = try reader.next() { lines.append(line) }
    return (reader.header, lines)
}

func statements(_ lines: [RecordingLine]) -> [RecordedStatement] {
    lines.compactMap { if case .statement(let s) = $0 { return s } else { return nil } }
}

func time(_ text: String) -> RecordingTime { RecordingTime(iso8601: text)! }

/// Diagnostics that collect messages instead of printing them.
func quietDiagnostics() -> ImportDiagnostics { ImportDiagnostics(report: { _ in }) }

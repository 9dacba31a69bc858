import Foundation

/// Malformed input lines met during an import: counted for the recording's header and reported
/// (file and line number) on stderr as they are met. Never fatal.
public final class ImportDiagnostics: @unchecked Sendable {
    /// Messages printed before the rest are only counted.
    public var reportLimit = 1000
    public private(set) var malformedLines = 0
    public private(set) var skippedStatements = 0
    public private(set) var messages: [String] = []
    private let report: (String) -> Void

    /// `report` receives each message (default: stderr).
    public init(report: @escaping (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }) {
        self.report = report
    }

    /// One malformed line.
    public func malformed(path: String, line: Int, reason: String) {
        malformedLines += 1
        guard malformedLines <= reportLimit else { return }
        let message = "\(path):\(line): malformed line skipped: \(reason)"
        messages.append(message)
        report(message)
        if malformedLines == reportLimit { report("(further malformed lines are counted, not shown)") }
    }

    /// A statement dropped on purpose (internal noise, `rdsdb`, a logged duplicate).
    public func skipped() { skippedStatements += 1 }
}

/// Options shared by the importers.
public struct ImportOptions: Sendable {
    /// Replace literals with `:pN` parameters where the statement stays replayable.
    public var redactLiterals = false
    /// Drop the internal statements Test Drive drops (see ``ActivityLogFilter``).
    public var dropInternal = true
    /// Cluster or workgroup written in the header and on every statement.
    public var cluster: String?
    public var workgroup: String?

    public init() {}
}

import Logging

/// How `serve` writes its log to stderr: swift-log's text lines, or one JSON object per event
/// (`--log-format json`) for CI log collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// Makes every `Logger` of the process write in this format. Call once, before any logger is made.
    public func bootstrap() {
        switch self {
        case .text: LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0, output: .standardError) }
        }
    }
}

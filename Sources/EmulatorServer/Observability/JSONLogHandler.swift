import DataAPIModel
import Foundation
import Logging

/// A swift-log handler that writes each event as one line of JSON: `time`, `level`, `logger`,
/// `message`, then the event's metadata as fields (numbers stay numbers).
public struct JSONLogHandler: LogHandler {
    /// Where the lines go.
    public struct Output: Sendable {
        let write: @Sendable (String) -> Void

        public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

        /// stderr, one `write(2)` per line so that lines from several threads never interleave.
        public static let standardError = Output { line in
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: Output

    public init(label: String, output: Output, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let own = event.metadata { fields.merge(own) { _, new in new } }
        var line = "{\"time\":" + JSONText.string(Self.timestamp(Date()))
        line += ",\"level\":" + JSONText.string(event.level.rawValue)
        line += ",\"logger\":" + JSONText.string(label)
        line += ",\"message\":" + JSONText.string(event.message.description)
        if let error = event.error { line += ",\"error\":" + JSONText.string(String(describing: error)) }
        for key in fields.keys.sorted() where !["time", "level", "logger", "message"].contains(key) {
            line += "," + JSONText.string(key) + ":" + JSONText.value(fields[key]!)
        }
        output.write(line + "}")
    }

    /// RFC 3339 in UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// JSON text for log fields.
enum JSONText {
    static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func value(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return string(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool: return bool ? "true" : "false"
            case let number as any BinaryInteger: return "\(number)"
            case let number as Double where number.isFinite: return "\(number)"
            default: return string(convertible.description)
            }
        case .array(let values): return "[" + values.map(Self.value).joined(separator: ",") + "]"
        case .dictionary(let fields):
            return "{" + fields.keys.sorted().map { string($0) + ":" + Self.value(fields[$0]!) }.joined(separator: ",") + "}"
        }
    }
}

import Foundation

/// Reads a recording line by line, never the whole file: the header first, then each statement,
/// session or user change as it is asked for. Gzip-compressed recordings are read too.
///
/// Unknown fields are ignored and unknown line kinds skipped, so newer minor versions read fine;
/// another major version is refused with ``RecordingError/unsupportedVersion(path:version:)``.
///
/// For example:
///
/// ```swift
/// let reader = try RecordingReader(path: "recordings/sample-serve.jsonl")
/// print(reader.header.source)                      // serve
/// while let line = try reader.next() {
///     if case .statement(let s) = line { print(s.sessionId, s.sql) }
/// }
/// ```
public final class RecordingReader {
    public let path: String
    public let header: RecordingHeader
    private let lines: LineReader
    private let decoder = JSONDecoder()

    public init(path: String) throws {
        self.path = path
        lines = LineReader(try openInput(path: path))
        guard let first = try lines.nextBytes() else { throw RecordingError.empty(path: path) }
        let probe: HeaderProbe
        do {
            probe = try decoder.decode(HeaderProbe.self, from: Data(first))
        } catch {
            throw RecordingError.notARecording(path: path, reason: "the first line is not a JSON header")
        }
        guard probe.format == RecordingHeader.formatName else {
            throw RecordingError.notARecording(path: path, reason: "format is \(probe.format.map { "'\($0)'" } ?? "missing"), expected '\(RecordingHeader.formatName)'")
        }
        let version = probe.version ?? ""
        let major = Int(version.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
        guard major == RecordingHeader.supportedMajorVersion else {
            throw RecordingError.unsupportedVersion(path: path, version: version)
        }
        do {
            header = try decoder.decode(RecordingHeader.self, from: Data(first))
        } catch {
            throw RecordingError.malformedLine(path: path, line: 1, reason: Self.reason(error))
        }
    }

    /// The next statement, session or user change, nil at the end. Blank lines and unknown kinds
    /// are skipped.
    public func next() throws -> RecordingLine? {
        while let bytes = try lines.nextBytes() {
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            let data = Data(bytes)
            do {
                let kind = try decoder.decode(KindProbe.self, from: data).kind
                switch kind {
                case "statement": return .statement(try decoder.decode(RecordedStatement.self, from: data))
                case "session": return .session(try decoder.decode(RecordedSession.self, from: data))
                case "user": return .user(try decoder.decode(RecordedUserEvent.self, from: data))
                default: continue
                }
            } catch {
                throw RecordingError.malformedLine(path: path, line: lines.lineNumber, reason: Self.reason(error))
            }
        }
        return nil
    }

    /// The next statement, skipping other lines; nil at the end.
    public func nextStatement() throws -> RecordedStatement? {
        while let line = try next() {
            if case .statement(let statement) = line { return statement }
        }
        return nil
    }

    /// Line number of the line last read (1 is the header).
    public var lineNumber: Int { lines.lineNumber }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }

    private struct HeaderProbe: Decodable {
        var format: String?
        var version: String?
    }

    private struct KindProbe: Decodable {
        var kind: String?
    }
}

/// Why a recording cannot be read.
public enum RecordingError: Error, CustomStringConvertible, Sendable, Equatable {
    case empty(path: String)
    case notARecording(path: String, reason: String)
    case unsupportedVersion(path: String, version: String)
    case malformedLine(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .empty(let path): return "\(path): empty file, not a recording"
        case .notARecording(let path, let reason): return "\(path): not a recording (\(reason))"
        case .unsupportedVersion(let path, let version):
            return "\(path): recording format version \(version.isEmpty ? "(missing)" : version) is not supported; this emulatord reads version \(RecordingHeader.supportedMajorVersion).x"
        case .malformedLine(let path, let line, let reason): return "\(path):\(line): \(reason)"
        }
    }
}

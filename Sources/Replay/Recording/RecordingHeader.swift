import Foundation

/// The first line of a recording: what it is, where it came from and what it covers.
///
/// For example:
///
/// ```json
/// {"format":"redshift-emulator-recording","version":"1.0","source":"useractivitylog",
///  "cluster":"mycluster","captureStart":"2024-03-05T14:02:07.000000Z",
///  "captureEnd":"2024-03-05T14:02:12.000000Z","tool":"emulatord 0.1.0","statements":7,
///  "malformedLines":1,"inputs":["useractivitylog.txt"]}
/// ```
public struct RecordingHeader: Codable, Sendable, Equatable {
    /// Always ``RecordingHeader/formatName``.
    public var format: String
    /// `MAJOR.MINOR`; readers refuse another major version and ignore unknown fields.
    public var version: String
    public var source: RecordingSource
    /// The cluster or workgroup captured, when there is a single one.
    public var cluster: String?
    public var workgroup: String?
    /// First submit time and last end (or submit) time of the recorded statements.
    public var captureStart: RecordingTime?
    public var captureEnd: RecordingTime?
    /// The program that wrote the recording, e.g. `emulatord 0.1.0`.
    public var tool: String
    public var createdAt: RecordingTime?
    /// Statement lines that follow.
    public var statements: Int?
    /// Imports: input lines that could not be parsed (reported on stderr with their line numbers).
    public var malformedLines: Int?
    /// Imports: statements dropped on purpose (internal noise, `rdsdb`, logged duplicates).
    public var skippedStatements: Int?
    /// Imports: the files read, in order.
    public var inputs: [String]?
    /// Imports: true when literals were replaced by parameters (`--redact-literals`).
    public var redactedLiterals: Bool?
    /// `replay` only (since format 1.2): the replay's speed and its start-time drift over all
    /// calls (actual send minus due time), µs.
    public var replaySpeed: Double?
    public var driftP50Micros: Int64?
    public var driftP99Micros: Int64?
    public var driftMaxMicros: Int64?

    /// The `format` value of every recording.
    public static let formatName = "redshift-emulator-recording"
    /// The version this library writes (``userLinesVersion`` when the recording has `user` lines).
    public static let currentVersion = "1.0"
    /// The minor version that added `user` lines (user changes from the user log).
    public static let userLinesVersion = "1.1"
    /// The minor version that added replay drift (`driftMicros`, the header's drift summary).
    public static let driftVersion = "1.2"
    /// The minor version that added connection sessions from `serve --record` (session lines with
    /// `event` connect/disconnect, written as they happen, between statements; a session may have
    /// two lines) and `transactionId` for explicit transaction blocks.
    public static let connectionsVersion = "1.3"
    /// The major version this library reads.
    public static let supportedMajorVersion = 1

    public init(source: RecordingSource, tool: String = RecordingHeader.toolName) {
        format = Self.formatName
        version = Self.currentVersion
        self.source = source
        self.tool = tool
        createdAt = .now()
    }

    /// `emulatord <version>`.
    public static let toolName = "emulatord 0.1.0"

    /// The major part of ``version``, nil when it is not `N` or `N.M`.
    public var majorVersion: Int? {
        Int(version.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

/// Where a recording's statements came from.
public enum RecordingSource: String, Codable, Sendable, CaseIterable {
    /// `emulatord serve --record`: the emulator's own traffic.
    case serve
    /// `emulatord record --upstream`: traffic through the recording proxy.
    case proxy
    /// `emulatord import --format useractivitylog`.
    case useractivitylog
    /// `emulatord import --format connectionlog` (session lines only).
    case connectionlog
    /// `emulatord import --format userlog` (user lines only).
    case userlog
    /// `emulatord import --format sys_query_history` (CSV export).
    case sysQueryHistory = "sys_query_history"
    /// `emulatord import --format stl_query` (CSV export, with STL_QUERYTEXT).
    case stlQuery = "stl_query"
    /// `emulatord replay --out`.
    case replay
}

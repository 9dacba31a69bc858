import Foundation
import RedshiftSQL

/// The part of a recorded statement that a comparison needs (kept small: a replay may hold
/// hundreds of thousands).
struct ComparisonEntry {
    var eventId: String
    var sessionId: String
    var user: String
    var queryGroup: String?
    var type: StatementType
    var fingerprint: String
    var submitted: Int64
    var ended: Int64?
    var status: String?
    var error: String?
    var rows: Int64?
    var resultFingerprint: String?
    /// Replay start-time drift of the statement's call, µs (replay recordings since 1.2).
    var driftMicros: Int64?

    var latencyMs: Double? { ended.map { Double($0 - submitted) / 1000 } }
    var isError: Bool { status == "FAILED" || status == "ABORTED" }
    var errorText: String { error ?? status ?? "" }
}

/// A recording read for comparison: entries by event id, plus its header.
struct ComparisonInput {
    var path: String
    var header: RecordingHeader
    var entries: [ComparisonEntry]

    /// Reads `path` (any recording); each distinct SQL text gets its fingerprint once
    /// (`SQLFingerprint`, the one the engine's query log and WLM use) and its type.
    static func load(path: String) throws -> ComparisonInput {
        let reader = try RecordingReader(path: path)
        var cache: [String: (String, StatementType)] = [:]
        var entries: [ComparisonEntry] = []
        while let s = try reader.nextStatement() {
            let (fingerprint, type): (String, StatementType)
            if let cached = cache[s.sql] { (fingerprint, type) = cached } else {
                (fingerprint, type) = (SQLFingerprint.of(s.sql), StatementType(sql: s.sql))
                if cache.count < 100_000 { cache[s.sql] = (fingerprint, type) }
            }
            entries.append(ComparisonEntry(
                eventId: s.eventId, sessionId: s.sessionId, user: s.user, queryGroup: s.queryGroup, type: type,
                fingerprint: fingerprint, submitted: s.submittedAt.microsecondsSinceEpoch,
                ended: s.endedAt?.microsecondsSinceEpoch, status: s.status, error: s.error ?? s.errorCode,
                rows: s.resultRows, resultFingerprint: s.resultFingerprint, driftMicros: s.driftMicros))
        }
        return ComparisonInput(path: path, header: reader.header, entries: entries)
    }

    /// The replay's start-time drift: the header's summary over calls when present, else the
    /// statements' own drift; nil for recordings without drift (baselines, replays before 1.2).
    var drift: ComparisonReport.ReplayDrift? {
        let drifts = entries.compactMap(\.driftMicros).sorted()
        if let p99 = header.driftP99Micros {
            return .init(basis: "calls", speed: header.replaySpeed, statements: drifts.count,
                         p50Ms: Double(header.driftP50Micros ?? 0) / 1000, p99Ms: Double(p99) / 1000,
                         maxMs: Double(header.driftMaxMicros ?? drifts.last ?? 0) / 1000)
        }
        guard !drifts.isEmpty else { return nil }
        let millis = drifts.map { Double($0) / 1000 }
        return .init(basis: "statements", speed: header.replaySpeed, statements: drifts.count,
                     p50Ms: Percentiles.value(millis, 50), p99Ms: Percentiles.value(millis, 99), maxMs: millis[millis.count - 1])
    }

    var run: ComparisonReport.Run {
        let start = entries.map(\.submitted).min() ?? 0
        let end = entries.map { $0.ended ?? $0.submitted }.max() ?? 0
        return ComparisonReport.Run(path: path, source: header.source.rawValue, statements: entries.count,
                                    sessions: Set(entries.map(\.sessionId)).count,
                                    errors: entries.filter(\.isError).count,
                                    wallSeconds: Double(end - start) / 1_000_000)
    }
}

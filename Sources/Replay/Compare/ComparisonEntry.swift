import Foundation

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

    var latencyMs: Double? { ended.map { Double($0 - submitted) / 1000 } }
    var isError: Bool { status == "FAILED" || status == "ABORTED" }
    var errorText: String { error ?? status ?? "" }
}

/// A recording read for comparison: entries by event id, plus its header.
struct ComparisonInput {
    var path: String
    var header: RecordingHeader
    var entries: [ComparisonEntry]

    /// Reads `path` (any recording); fingerprints are computed once per distinct SQL text.
    static func load(path: String) throws -> ComparisonInput {
        let reader = try RecordingReader(path: path)
        var cache: [String: (String, StatementType)] = [:]
        var entries: [ComparisonEntry] = []
        while let s = try reader.nextStatement() {
            let (fingerprint, type): (String, StatementType)
            if let cached = cache[s.sql] { (fingerprint, type) = cached } else {
                (fingerprint, type) = (SQLFingerprint.normalize(s.sql), StatementType(sql: s.sql))
                if cache.count < 100_000 { cache[s.sql] = (fingerprint, type) }
            }
            entries.append(ComparisonEntry(
                eventId: s.eventId, sessionId: s.sessionId, user: s.user, queryGroup: s.queryGroup, type: type,
                fingerprint: fingerprint, submitted: s.submittedAt.microsecondsSinceEpoch,
                ended: s.endedAt?.microsecondsSinceEpoch, status: s.status, error: s.error ?? s.errorCode,
                rows: s.resultRows, resultFingerprint: s.resultFingerprint))
        }
        return ComparisonInput(path: path, header: reader.header, entries: entries)
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

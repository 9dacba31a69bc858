import Foundation

/// A mismatch, shrunk: the statements that reproduce it on an empty database.
public struct FuzzMismatch: Sendable {
    public var kind: OracleKind
    public var detail: String
    public var seed: UInt64
    /// Set-up (tables, rows, tenants, policies), then the oracle's queries.
    public var setup: [String]
    public var queries: [String]

    public var text: String {
        "[\(kind.rawValue)] \(detail) (round seed \(seed))\n"
            + (setup + queries).map { "  \($0);" }.joined(separator: "\n")
    }
}

/// What a run did: checks per oracle, why checks were skipped, and the mismatches.
public struct FuzzReport: Sendable {
    public struct Counts: Sendable {
        public var agreed = 0
        public var skipped = 0
        public var mismatched = 0
        public var total: Int { agreed + skipped + mismatched }
        public init() {}
    }

    public var counts: [OracleKind: Counts] = [:]
    /// Error text (first line, numbers blanked) → how many checks it skipped.
    public var skipReasons: [String: Int] = [:]
    public var mismatches: [FuzzMismatch] = []
    /// Worlds that failed to load (the statement and its error), the first few in full.
    public var setupFailures: [String] = []
    public var rounds = 0
    public var statements = 0

    public var mismatchCount: Int { counts.values.reduce(0) { $0 + $1.mismatched } }
    public var checks: Int { counts.values.reduce(0) { $0 + $1.total } }

    mutating func record(_ kind: OracleKind, _ verdict: Verdict) {
        switch verdict {
        case .agree: counts[kind, default: Counts()].agreed += 1
        case .mismatch: counts[kind, default: Counts()].mismatched += 1
        case .skipped(let reason):
            counts[kind, default: Counts()].skipped += 1
            let line = reason.split(separator: "\n").first.map(String.init) ?? reason
            skipReasons[String(line.prefix(90)).replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression), default: 0] += 1
        }
    }

    /// A plain-text summary: one line per oracle, the top skip reasons, every mismatch.
    public var text: String {
        var lines = ["\(rounds) rounds, \(checks) checks, \(statements) statements, \(mismatchCount) mismatches"]
        for kind in OracleKind.allCases {
            let c = counts[kind] ?? Counts()
            lines.append("  \(kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(c.total) checks: \(c.agreed) agreed, \(c.skipped) skipped (a query failed), \(c.mismatched) mismatched")
        }
        let top = skipReasons.sorted { $0.value > $1.value }.prefix(12)
        if !top.isEmpty {
            lines.append("most frequent errors (checks skipped):")
            lines += top.map { "  \($0.value)× \($0.key)" }
        }
        lines += setupFailures.map { "world not loaded: \($0)" }
        lines += mismatches.map(\.text)
        return lines.joined(separator: "\n")
    }
}

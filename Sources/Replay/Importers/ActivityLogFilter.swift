import Foundation
import RedshiftSQL

/// Which logged statements are not the workload: Redshift's internal user and the internal
/// statements and rewrites that Redshift's user activity log contains, as Test Drive's
/// `is_valid_log` drops them (replaying them would run them twice or fail). Configurable.
public struct ActivityLogFilter: Sendable {
    /// Users whose statements are dropped.
    public var users: Set<String> = ["rdsdb"]
    /// Substrings (case-insensitive) that mark a statement as internal.
    public var patterns: [String] = ActivityLogFilter.defaultPatterns {
        didSet { patternBytes = patterns.map { Array($0.lowercased().utf8) } }
    }
    private var patternBytes = ActivityLogFilter.defaultPatterns.map { Array($0.utf8) }

    /// Test Drive's list (`is_valid_log`), lower-case.
    public static let defaultPatterns = [
        "internal query */", "deallocate pdo_stmt_", "unlisten *", "context: sql", "error:", "context:  sql",
        "undoing transaction", "undo on", "pg_terminate_backend", "pg_cancel_backend", "volt_", "pg_temp_",
    ]

    public init() {}

    /// True when the statement should be replayed.
    public func keeps(user: String, sql: String) -> Bool {
        if users.contains(user) { return false }
        // ASCII lower-casing and byte search: this runs once per logged statement.
        var lower = Array(sql.utf8)
        for i in lower.indices where lower[i] >= 65 && lower[i] <= 90 { lower[i] |= 0x20 }
        for pattern in patternBytes where Self.find(pattern, in: lower, from: 0) != nil { return false }
        if let first = lower.firstIndex(where: { $0 != 32 && $0 != 10 && $0 != 9 && $0 != 13 }),
           lower[first...].starts(with: Self.show) { return false }
        if Self.containsBind(lower) { return false }
        if lower.contains(36), Self.hasPositionalParameter(sql) { return false }
        return true
    }

    private static let show = Array("show ".utf8)
    private static let bind = Array("bind".utf8)

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// `BIND` as a word, but not `BINDING`.
    static func containsBind(_ lower: [UInt8]) -> Bool {
        func isWord(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || c == 95 || (c >= 48 && c <= 57) }
        var from = 0
        while let at = find(bind, in: lower, from: from) {
            let before: UInt8 = at > 0 ? lower[at - 1] : 32
            let after: UInt8 = at + 4 < lower.count ? lower[at + 4] : 32
            if !isWord(before) && !isWord(after) { return true }
            from = at + 1
        }
        return false
    }

    /// A `$1`-style marker outside string literals, quoted identifiers and comments (as the SQL
    /// front end's lexer reads it): the log shows the statement before its parameters were bound,
    /// so it cannot be replayed.
    static func hasPositionalParameter(_ sql: String) -> Bool {
        guard sql.utf8.contains(36) else { return false }
        return SQLTokens(sql).contains { $0.kind == .positionalParameter }
    }

    /// Test Drive's `is_duplicate`: JDBC logs some statements twice in a row.
    public static func isDuplicate(previous: String, current: String) -> Bool {
        func normal(_ text: String) -> String {
            text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ";", with: "").lowercased()
        }
        let a = normal(previous), b = normal(current)
        guard a == b, !a.isEmpty else { return false }
        let first = a.prefix { $0.isLetter }
        if ["set", "select", "create", "delete", "update", "insert", "copy", "unload", "with"].contains(String(first)) { return true }
        return ["drop", "alter"].contains(String(first)) && previous.hasSuffix(";") && current.hasSuffix(";")
    }
}

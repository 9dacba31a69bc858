import Foundation
import PGClient
import RedshiftSQL

/// A cluster endpoint to replay against (`replay --target postgresql://USER[:PASSWORD]@HOST:PORT/DB`):
/// this emulator's PostgreSQL door, a Redshift cluster's endpoint, or a PostgreSQL server.
///
/// Each recorded session connects as its recorded user (after `--user-map`) to its recorded
/// database (after `--database`), with the URL's password; the URL's user and database are those
/// of the preflight connection that checks the target before the schedule starts.
public struct PostgresReplayTarget: Sendable {
    public var url: PGConnectionURL
    /// Seconds for connecting and logging in.
    public var connectTimeout: TimeInterval
    /// Seconds a statement may take before its connection is given up; 0: as long as it takes.
    public var queryTimeout: TimeInterval

    public init(url: PGConnectionURL, connectTimeout: TimeInterval = 30, queryTimeout: TimeInterval = 0) {
        self.url = url
        self.connectTimeout = connectTimeout
        self.queryTimeout = queryTimeout
    }

    /// The login of one recorded session.
    func url(for schedule: SessionSchedule) -> PGConnectionURL {
        var url = url
        url.user = schedule.user
        url.database = schedule.database
        return url
    }

    /// Connects with the URL's own user and database and disconnects: throws ``PGClientError``
    /// (unreachable, refused login) before a replay starts.
    public func preflight() throws {
        let client = try PGClient(url: url, connectTimeout: connectTimeout)
        client.close()
    }
}

/// Data API named parameters (`:name`) as PostgreSQL positional ones (`$1`, …), so that recorded
/// values are bound with the extended protocol, never spliced into the SQL text. Parameters are
/// found by the SQL front end's lexer (`SQLTokens`), so `::` casts, strings, quoted identifiers and
/// comments are left alone.
public enum PositionalRewrite {
    /// The SQL with each named parameter that has a value replaced by `$n` (one number per
    /// distinct name, in order of first use), and the values in that order. A name without a
    /// value is left as written (the server reports it).
    public static func rewrite(_ sql: String, parameters: [RecordedParameter]) -> (sql: String, values: [String?]) {
        let tokens = SQLTokens(sql)
        var values: [String: String] = [:]
        for parameter in parameters { values[parameter.name] = parameter.value }
        var numbers: [String: Int] = [:]
        var ordered: [String?] = []
        var out: [UInt8] = []
        out.reserveCapacity(tokens.utf8.count)
        var cursor = 0
        for token in tokens where token.kind == .namedParameter {
            guard let value = values[token.text] else { continue }
            let number: Int
            if let known = numbers[token.text] { number = known } else {
                ordered.append(value)
                number = ordered.count
                numbers[token.text] = number
            }
            out.append(contentsOf: tokens.utf8[cursor..<token.utf8Range.lowerBound])
            out.append(contentsOf: "$\(number)".utf8)
            cursor = token.utf8Range.upperBound
        }
        out.append(contentsOf: tokens.utf8[cursor...])
        return (String(decoding: out, as: UTF8.self), ordered)
    }
}

import Foundation

/// How a recording is replayed: pace, parallelism, filters and the mapping of targets and users.
public struct ReplayOptions: Sendable, Equatable {
    /// Recorded time is divided by `speed`; 0 runs every statement as soon as its session is free.
    public var speed: Double = 1
    /// Sessions that run at the same time, at most (nil: every session at once).
    public var concurrency: Int?
    /// Skip statements that write (INSERT, UPDATE, DDL, COPY, …; by their first keyword).
    public var readOnly = false
    /// Replaces the recorded cluster (and clears the workgroup), or the workgroup.
    public var cluster: String?
    public var workgroup: String?
    /// Replaces the recorded database.
    public var database: String?
    /// Recorded user -> user to replay as; the key `*` maps every user not mapped otherwise.
    public var userMap: [String: String] = [:]
    /// Every session must name a cluster or workgroup (the Data API target); a cluster endpoint
    /// (`postgresql://`) is one cluster already.
    public var requiresTarget = true

    public init() {}

    /// The user a recorded user replays as.
    public func mappedUser(_ user: String) -> String { userMap[user] ?? userMap["*"] ?? user }

    /// Parses `old=new` pairs (`--user-map`).
    public static func parseUserMap(_ pairs: [String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex, pair.index(after: eq) != pair.endIndex else {
                throw ReplayError.usage("--user-map expects old=new, got '\(pair)'")
            }
            map[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return map
    }
}

/// Why a replay cannot run (exit status 2).
public enum ReplayError: Error, CustomStringConvertible, Equatable {
    case usage(String)
    case plan(String)

    public var description: String {
        switch self {
        case .usage(let message), .plan(let message): return message
        }
    }
}

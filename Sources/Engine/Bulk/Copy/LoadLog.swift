import Foundation

/// What COPY leaves behind for STL_LOAD_ERRORS, SYS_LOAD_ERROR_DETAIL, STL_LOAD_COMMITS and
/// SYS_LOAD_HISTORY: rejected rows (kept even when the COPY fails and rolls back, as Redshift keeps
/// them), the files of each load and each load's summary. Bounded: the oldest entries are forgotten
/// past `capacity` of each kind.
final class LoadLog: Sendable {
    /// Who ran a COPY, where and when: shared by every entry it makes.
    struct LoadIdentity: Sendable {
        var target: Target
        var user: String
        var database: String
        var pid: Int64
        var queryId: Int64
        var start: Date
    }

    /// A rejected row (STL_LOAD_ERRORS).
    struct Rejection: Sendable {
        var load: LoadIdentity
        var filename: String
        var lineNumber: Int64
        var column: String
        var type: String
        var length: String
        var position: Int
        var rawLine: String
        var rawField: String
        var code: Int
        var reason: String
    }

    /// A file a COPY loaded (STL_LOAD_COMMITS).
    struct FileCommit: Sendable {
        var load: LoadIdentity
        var filename: String
        var linesScanned: Int64
        var errors: Int64
        var time: Date
        var format: String
    }

    /// One COPY (SYS_LOAD_HISTORY).
    struct Load: Sendable {
        var load: LoadIdentity
        var tableName: String
        var end: Date
        var source: String
        var format: String
        var rows: Int64
        var bytes: Int64
        var fileCount: Int
        var errors: Int64
        var completed: Bool
    }

    static let capacity = 10_000

    private struct State {
        var rejections: [Rejection] = []
        var commits: [FileCommit] = []
        var loads: [Load] = []
    }

    private let state = Locked(State())

    func record(_ rejections: [Rejection]) {
        guard !rejections.isEmpty else { return }
        state.withLock { state in
            state.rejections.append(contentsOf: rejections)
            Self.trim(&state.rejections)
        }
    }

    func record(_ load: Load, files: [FileCommit]) {
        state.withLock { state in
            state.loads.append(load)
            Self.trim(&state.loads)
            state.commits.append(contentsOf: files)
            Self.trim(&state.commits)
        }
    }

    func rejections(on target: Target) -> [Rejection] { state.withLock { $0.rejections.filter { $0.load.target == target } } }
    func commits(on target: Target) -> [FileCommit] { state.withLock { $0.commits.filter { $0.load.target == target } } }
    func loads(on target: Target) -> [Load] { state.withLock { $0.loads.filter { $0.load.target == target } } }

    private static func trim<T>(_ entries: inout [T]) {
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}

import Foundation
import GRDB

/// The limit: the same rows read straight from SQLite through GRDB, every column of every row
/// decoded into Swift values, from a table in a temporary file.
final class SQLiteLimit {
    let path: String
    private let queue: DatabaseQueue

    init(rows: Int) throws {
        path = NSTemporaryDirectory() + "emulator-bench-limit-\(getpid()).sqlite"
        try? FileManager.default.removeItem(atPath: path)
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "create table t5 (a integer, b integer, c text, d real, e text)")
            let insert = try db.makeStatement(sql: "insert into t5 values (?, ?, ?, ?, ?)")
            for x in 0..<rows {
                let r = DataSetup.row(x)
                try insert.execute(arguments: [r.0, r.1, r.2, r.3, r.4])
            }
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Reads the whole table; returns (rows, seconds).
    func readAll() throws -> (Int, Double) {
        let start = monotonicNanos()
        var rows = 0
        var checksum = 0
        try queue.read { db in
            let cursor = try Row.fetchCursor(db, sql: "select a, b, c, d, e from t5")
            while let row = try cursor.next() {
                let a: Int = row[0]
                let b: Int64 = row[1]
                let c: String = row[2]
                let d: Double = row[3]
                let e: String = row[4]
                checksum &+= a &+ Int(truncatingIfNeeded: b) &+ c.utf8.count &+ Int(d) &+ e.utf8.count
                rows += 1
            }
        }
        let elapsed = seconds(from: start, to: monotonicNanos())
        if checksum == 42 { progress("") }   // keeps the decoded values alive
        return (rows, elapsed)
    }
}

/// The benchmark's 5-column table, built through the Data API, and the same rows for the SQLite limit.
///
/// Row x (0 ≤ x < rows) is `(x, x * 1000003, 'row-<x>', x * 0.5, 2020-01-01 + x % 10 days)`.
enum DataSetup {
    static let columns = "a int, b bigint, c varchar(20), d double precision, e date"

    /// The value of each column of row `x`, as the limit's table stores them.
    static func row(_ x: Int) -> (Int, Int64, String, Double, String) {
        (x, Int64(x) * 1_000_003, "row-\(x)", Double(x) * 0.5, "2020-01-\(x % 10 < 9 ? "0" : "")\(x % 10 + 1)")
    }

    /// Creates `table` with `rows` rows: a set-based INSERT … SELECT over a cross join of a
    /// 10-row table when the SQL layer accepts one, else multi-row INSERT … VALUES batches.
    /// Returns how the rows were made.
    @discardableResult
    static func create(_ table: String, rows: Int, client: BenchClient) throws -> String {
        try client.run("create table \(table) (\(columns))")
        try client.run("create table if not exists bench_digits (n int, dt date)")
        let digitRows = (0..<10).map { "(\($0), '\(row($0).4)')" }.joined(separator: ", ")
        try client.run("delete from bench_digits")
        try client.run("insert into bench_digits values \(digitRows)")
        var width = 1, power = 10
        while power < rows { width += 1; power *= 10 }
        let x = (1...width).map { $0 == 1 ? "d1.n" : "\(pow10($0 - 1)) * d\($0).n" }.joined(separator: " + ")
        let joined = (1...width).map { "bench_digits d\($0)" }
        let candidates = [
            ("insert … select from a subquery over a cross join",
             "insert into \(table) select x, x::bigint * 1000003, 'row-' || x::varchar, x * 0.5, dt from "
                + "(select \(x) as x, d1.dt as dt from \(joined.joined(separator: " cross join "))) s where x < \(rows)"),
            ("insert … select over a comma join",
             "insert into \(table) select \(x), cast(\(x) as bigint) * 1000003, 'row-' || cast(\(x) as varchar), "
                + "(\(x)) * 0.5, d1.dt from \(joined.joined(separator: ", ")) where \(x) < \(rows)"),
        ]
        var failures: [String] = []
        for (name, sql) in candidates {
            do {
                try client.run(sql)
                if try count(table, client: client) == rows { return name }
                failures.append("\(name): wrong row count")
                try client.run("delete from \(table)")
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        progress("set-based insert not accepted (\(failures.joined(separator: "; "))); inserting VALUES batches")
        try client.run("delete from \(table)")
        var start = 0
        while start < rows {
            let end = min(start + 1000, rows)
            let values = (start..<end).map { i -> String in
                let r = row(i)
                return "(\(r.0), \(r.1), '\(r.2)', \(r.3), '\(r.4)')"
            }
            try client.run("insert into \(table) values \(values.joined(separator: ", "))")
            start = end
        }
        return "multi-row insert … values, 1000 rows a statement"
    }

    /// `select count(*)` through the Data API (first page's single value).
    static func count(_ table: String, client: BenchClient) throws -> Int {
        let id = try client.execute("select count(*) from \(table)")
        try client.waitFinished(id)
        return try client.call(client.request("GetStatementResult", body: BenchClient.idBody(id))) { body in
            ByteSearch.intValue(of: Array(#""longValue""#.utf8), in: body) ?? -1
        }
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { result, _ in result * 10 } }
}

import Foundation
import GRDB
import RedshiftSQL

/// Lets the SQL layer's catalog read and write its meta tables on the connection a statement runs on.
struct GRDBExecutor: SQLiteExecutor {
    let db: Database

    func execute(_ statement: RedshiftSQL.SQLiteStatement) throws {
        try db.execute(sql: statement.sql, arguments: statement.statementArguments)
    }

    func query(_ statement: RedshiftSQL.SQLiteStatement) throws -> [[SQLiteValue]] {
        let cursor = try Row.fetchCursor(db, sql: statement.sql, arguments: statement.statementArguments)
        var rows: [[SQLiteValue]] = []
        while let row = try cursor.next() {
            rows.append((0..<row.count).map { SQLiteValue(row[$0] as DatabaseValue) })
        }
        return rows
    }
}

extension RedshiftSQL.SQLiteStatement {
    var statementArguments: StatementArguments {
        StatementArguments(arguments.map(\.databaseValue))
    }
}

extension Configuration {
    /// Installs every emulated Redshift function and aggregate (`rs_*`) on each new SQLite connection.
    mutating func installRedshiftFunctions() {
        let functions = Self.redshiftFunctions
        let aggregates = EmulatedAggregates.all
        prepareDatabase { db in
            functions.forEach { db.add(function: $0) }
            AggregateRegistration.install(aggregates, on: db.sqliteConnection!)
            ExternalScanModule.install(on: db.sqliteConnection!)
        }
    }

    /// The functions, made once and shared by every connection: made per connection, they stayed
    /// in memory as long as the connection's closed session was remembered (about 24 KB each).
    private static let redshiftFunctions: [DatabaseFunction] = EmulatedFunctions.all.map { function in
        DatabaseFunction(function.name, argumentCount: function.argumentCount,
                         pure: function.isDeterministic) { (values: [DatabaseValue]) throws -> (any DatabaseValueConvertible)? in
            do {
                let result: SQLiteValue = try function.body(values.map { SQLiteValue($0) })
                return result.databaseValue
            } catch let error as SQLError {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: SQLErrorTransport.encode(error))
            }
        }
    }
}

/// Carries a Redshift error raised inside an `rs_*` function through SQLite's error message.
enum SQLErrorTransport {
    private static let marker = "\u{1}rs:"

    static func encode(_ error: SQLError) -> String { "\(marker)\(error.code):\(error.message)" }

    static func decode(_ message: String) -> SQLError? {
        guard let range = message.range(of: marker) else { return nil }
        let rest = message[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return SQLError(code: String(rest[..<colon]), message: String(rest[rest.index(after: colon)...]))
    }
}

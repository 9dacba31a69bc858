import GRDB
@testable import RedshiftSQL

/// A tiny `SQLiteExecutor` over a GRDB connection, like the engine's.
struct GRDBTestExecutor: SQLiteExecutor {
    let db: Database

    func execute(_ statement: RedshiftSQL.SQLiteStatement) throws {
        try db.execute(sql: statement.sql, arguments: StatementArguments(statement.arguments.map(\.databaseValue)))
    }

    func query(_ statement: RedshiftSQL.SQLiteStatement) throws -> [[SQLiteValue]] {
        try Row.fetchAll(db, sql: statement.sql, arguments: StatementArguments(statement.arguments.map(\.databaseValue))).map { row in
            row.databaseValues.map(SQLiteValue.init)
        }
    }
}

extension SQLiteValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .blob(let b): return Data(b).databaseValue
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let d): self = .blob(Array(d))
        }
    }
}

/// Carries SQLError through SQLite, as the engine does.
let errorMarker = "\u{1}rs:"

/// An in-memory Redshift database: bootstrap, emulated functions, and a `run` that translates and executes.
final class TestDatabase {
    let queue: DatabaseQueue
    var settings: [String: String] = [:]
    var now: Date? = utcDate("2022-02-22 10:11:12.345678")
    var backendPid: Int64?
    var parameters: [String: String] = [:]
    var user = "awsuser"

    init() throws {
        var configuration = Configuration()
        let functions: [DatabaseFunction] = EmulatedFunctions.all.map(Self.databaseFunction)
        configuration.prepareDatabase { (db: Database) in
            for function in functions { db.add(function: function) }
        }
        queue = try DatabaseQueue(configuration: configuration)
        try queue.write { db in
            for statement in PhysicalLayout.bootstrap { try GRDBTestExecutor(db: db).execute(statement) }
        }
    }

    static func databaseFunction(_ function: EmulatedFunction) -> DatabaseFunction {
        let count: Int? = function.argumentCount
        return DatabaseFunction(function.name, argumentCount: count, pure: function.isDeterministic) { (values: [DatabaseValue]) throws -> DatabaseValueConvertible? in
            let arguments: [SQLiteValue] = values.map { SQLiteValue($0) }
            do {
                let result: SQLiteValue = try function.body(arguments)
                return result.databaseValue
            } catch let error as SQLError {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: errorMarker + error.code + ":" + error.message)
            }
        }
    }

    func translate(_ sql: String) throws -> Translation {
        try queue.read { db in
            let context = TranslationContext(catalog: StoredCatalog(executor: GRDBTestExecutor(db: db)), database: "dev", currentUser: user,
                                             parameters: parameters, settings: settings, now: now, backendPid: backendPid)
            return try Translator().translate(sql, context: context)
        }
    }

    /// Translates and runs one statement; returns the rows of a query. SQLite errors come back as SQLError.
    @discardableResult
    func run(_ sql: String) throws -> [[SQLiteValue]] {
        try queue.inDatabase { db in
            let executor = GRDBTestExecutor(db: db)
            let context = TranslationContext(catalog: StoredCatalog(executor: executor), database: "dev", currentUser: user,
                                             parameters: parameters, settings: settings, now: now, backendPid: backendPid)
            let translation = try Translator().translate(sql, context: context)
            do {
                var rows: [[SQLiteValue]] = []
                for (index, step) in translation.steps.enumerated() {
                    if translation.kind == .query && index == translation.steps.count - 1 {
                        rows = try executor.query(step)
                    } else {
                        try executor.execute(step)
                    }
                }
                return rows
            } catch let error as DatabaseError {
                let message = error.message ?? ""
                if message.hasPrefix(errorMarker) {
                    let rest = message.dropFirst(errorMarker.count)
                    let colon = rest.firstIndex(of: ":")!
                    throw SQLError(code: String(rest[..<colon]), message: String(rest[rest.index(after: colon)...]))
                }
                if message.hasPrefix("NOT NULL constraint failed") {
                    let column = message.split(separator: ".").last.map(String.init) ?? ""
                    throw SQLError(code: "23502", message: "Cannot insert a NULL value into column \(column)")
                }
                throw SQLError(code: "XX000", message: "sqlite: \(message) in \(translation.steps.map(\.sql))")
            }
        }
    }

    /// Rows rendered as Redshift text (NULL as "NULL") using the inferred column types.
    func text(_ sql: String) throws -> [[String]] {
        let columns = try translate(sql).resultColumns
        return try run(sql).map { row in
            zip(row, columns).map { value, column in column.type.text(of: value) ?? "NULL" }
        }
    }

    /// The single value of a one-row, one-column query, as Redshift text.
    func value(_ sql: String) throws -> String? {
        let rows = try text(sql)
        return rows.first?.first.flatMap { $0 == "NULL" ? nil : $0 }
    }

    func script(_ sql: String) throws {
        for statement in Translator.splitStatements(sql) { try run(statement) }
    }
}

/// A context over an empty catalog, for tests that do not need SQLite.
struct EmptyCatalog: CatalogReader {
    func table(schema: String, name: String) throws -> RedshiftSQL.TableDefinition? { nil }
    func schemaExists(_ schema: String) throws -> Bool { schema == "public" }
    func schemas() throws -> [String] { ["public"] }
    func tables(inSchema schema: String) throws -> [RedshiftSQL.TableDefinition] { [] }
    /// No security catalog: these tests translate without privileges, RLS or masking.
    func policySnapshot() throws -> PolicySnapshot { .unenforced }
}

extension TranslationContext {
    static var empty: TranslationContext { TranslationContext(catalog: EmptyCatalog(), now: utcDate("2022-02-22 10:11:12")) }
}

/// A UTC date-time as a `Date`, e.g. `2022-02-22 10:11:12.345678`.
func utcDate(_ text: String) -> Date {
    let (value, _) = DateTimeValue.parse(text)!
    return Date(timeIntervalSince1970: Double(value.epochMicroseconds) / 1_000_000)
}

import Foundation

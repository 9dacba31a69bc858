// sql-translate: prints the SQLite translation of Redshift statements, and measures them.
//
//   sql-translate [--schema FILE]... [--load FILE]... [--run] [--repeat N] [--time-translate N] [--user NAME] QUERY_FILE...
//
// Builds an in-memory database the way the engine does (PhysicalLayout.bootstrap, every
// EmulatedFunction registered), runs each --schema / --load script through the translator, then for
// each QUERY_FILE (one statement) prints its SQLite steps. --run executes each query N times
// (--repeat, default 1) and prints `time QUERY_FILE best_ms rows`; --time-translate N prints
// `translate QUERY_FILE mean_us` (lex + parse + analyze + generate, mean of N runs). Used by
// scripts/bench-tpch for "the same generated SQLite SQL run directly on SQLite".
import Foundation
import GRDB
import RedshiftSQL
import Engine

struct Executor: SQLiteExecutor {
    let db: Database
    func execute(_ statement: RedshiftSQL.SQLiteStatement) throws { try db.execute(sql: statement.sql, arguments: arguments(statement)) }
    func query(_ statement: RedshiftSQL.SQLiteStatement) throws -> [[SQLiteValue]] {
        try Row.fetchAll(db, sql: statement.sql, arguments: arguments(statement)).map { row in row.databaseValues.map(value) }
    }
}

func arguments(_ statement: RedshiftSQL.SQLiteStatement) -> StatementArguments {
    StatementArguments(statement.arguments.map { v -> DatabaseValue in
        switch v {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .blob(let b): return Data(b).databaseValue
        }
    })
}

func value(_ v: DatabaseValue) -> SQLiteValue {
    switch v.storage {
    case .null: return .null
    case .int64(let i): return .integer(i)
    case .double(let d): return .real(d)
    case .string(let s): return .text(s)
    case .blob(let d): return .blob(Array(d))
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

var scripts: [String] = [], queries: [String] = []
var run = false, repeatCount = 1, translateRuns = 0
var args = CommandLine.arguments.dropFirst()
func operand(_ option: String) -> String {
    guard let value = args.popFirst() else { fail("\(option) needs a value") }
    return value
}
func number(_ option: String) -> Int {
    guard let value = Int(operand(option)) else { fail("\(option) needs a number") }
    return value
}
/// `--user NAME`: QUERY_FILEs are translated for this (non-superuser) user, e.g. to see the RLS rewrite.
var queryUser: String?
while let arg = args.popFirst() {
    switch arg {
    case "--schema", "--load": scripts.append(operand(arg))
    case "--run": run = true
    case "--repeat": repeatCount = number(arg)
    case "--time-translate": translateRuns = number(arg)
    case "--user": queryUser = operand(arg)
    case "-h", "--help": print("usage: sql-translate [--schema FILE]... [--load FILE]... [--run] [--repeat N] [--time-translate N] QUERY_FILE..."); exit(0)
    default: queries.append(arg)
    }
}

var configuration = Configuration()
let functions = EmulatedFunctions.all.map { function in
    DatabaseFunction(function.name, argumentCount: function.argumentCount, pure: function.isDeterministic) { (values: [DatabaseValue]) throws -> (any DatabaseValueConvertible)? in
        let result = try function.body(values.map(value))
        switch result {
        case .null: return nil
        case .integer(let i): return i
        case .real(let d): return d
        case .text(let s): return s
        case .blob(let b): return Data(b)
        }
    }
}
configuration.prepareDatabase { db in
    functions.forEach { db.add(function: $0) }
    if let connection = db.sqliteConnection { AggregateRegistration.install(EmulatedAggregates.all, on: connection) }
    // The settings emulatord's connections use, so that the comparison is fair.
    try db.execute(sql: "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536")
}

do {
    let queue = try DatabaseQueue(configuration: configuration)
    try queue.inDatabase { db in
        let executor = Executor(db: db)
        for statement in PhysicalLayout.bootstrap { try executor.execute(statement) }
        func context() -> TranslationContext { TranslationContext(catalog: StoredCatalog(executor: executor)) }
        for path in scripts {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for sql in Translator.splitStatements(text) {
                for step in try Translator().translate(sql, context: context()).steps { try executor.execute(step) }
            }
        }
        func queryContext() -> TranslationContext {
            guard let queryUser else { return context() }
            var context = TranslationContext(catalog: StoredCatalog(executor: executor), currentUser: queryUser, isSuperuser: false)
            context.bootstrapSuperuser = "awsuser"
            return context
        }
        for path in queries {
            let sql = try String(contentsOfFile: path, encoding: .utf8)
            let translation = try Translator().translate(sql, context: queryContext())
            if translateRuns > 0 {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<translateRuns { _ = try Translator().translate(sql, context: queryContext()) }
                let mean = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(translateRuns) / 1000
                print("translate \(path) \(String(format: "%.1f", mean))")
            }
            if run {
                var best = Double.infinity, rows = 0
                for _ in 0..<repeatCount {
                    let start = DispatchTime.now().uptimeNanoseconds
                    for step in translation.steps.dropLast() { try executor.execute(step) }
                    if let last = translation.steps.last { rows = try executor.query(last).count }
                    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                print("time \(path) \(String(format: "%.2f", best)) \(rows)")
            }
            if !run && translateRuns == 0 {
                print("-- \(path): \(translation.resultColumns.map { "\($0.name) \($0.type.catalogText)" }.joined(separator: ", "))")
                for step in translation.steps { print(step.sql + ";") }
            }
        }
    }
} catch {
    fail("\(error)")
}

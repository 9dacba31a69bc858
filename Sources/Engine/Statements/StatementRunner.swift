import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// Who runs a statement, and where.
struct StatementIdentity: Sendable {
    var database: String
    var user: String
    var isSuperuser: Bool
    /// The configured bootstrap superuser (ServiceSettings.superuser).
    var bootstrapSuperuser: String? = nil
    /// The backend pid of the connection it runs on (PG_BACKEND_PID(), the system tables' `pid`).
    var backendPid: Int64? = nil
}

/// What running one statement produced.
struct StatementOutcome {
    var hasResultSet: Bool
    /// Rows returned (queries) or changed (DML); 0 for other statements.
    var resultRows: Int64
    var result: ResultSet?
    /// The SQLite statements the translation became and the RLS (SVV_RLS_APPLIED_POLICY) and
    /// masking policies it applied.
    var translation = TranslationSummary()
    /// RAISE INFO/NOTICE/… of a procedure the statement called (NoticeResponses on the PG door).
    var notices: [StatementNotice] = []
}

/// Runs one Redshift statement on a connection: translate, then perform the translation.
///
/// Transaction rules follow Redshift (PostgreSQL): BEGIN opens a transaction that COMMIT/END
/// closes; after an error inside it, every statement fails until ROLLBACK; statements outside a
/// transaction commit on their own. Each statement's steps run under a savepoint so that a
/// failing statement leaves nothing half done.
enum StatementRunner {
    /// - Parameter parameters: the Data API's named parameters; nil when the request had none, in
    ///   which case a `:name` in the SQL is a syntax error, as on the real service (reference §8).
    static func run(_ parsed: ParsedStatement, parameters: [String: String]?, identity: StatementIdentity,
                    db: Database, state: inout ConnectionState, spill: ResultSpill, now: Date,
                    systemTables: any SystemTableSource = EmptySystemTables(),
                    bulk: BulkContext = BulkContext(), databases: DatabaseAdministration? = nil,
                    variables: [BoundVariable]? = nil) throws -> StatementOutcome {
        PrincipalCatchUp.apply(db, state: &state)
        let generation = WriteGeneration.current
        let key = variables == nil && !state.transactionFailed && state.userDefaults != nil
            ? TranslationCache.Key(sql: parsed.text, parameters: parameters, user: identity.user, isSuperuser: identity.isSuperuser,
                                   lastUnloadCount: state.lastUnloadCount, lastUnloadId: state.lastUnloadId,
                                   lastCopyCount: state.lastCopyCount, lastCopyId: state.lastCopyId)
            : nil
        let translation: Translation
        if let key, let kept = state.translations.translation(for: key, at: generation) {
            translation = kept
        } else {
            let translateAt = { (now: Date, state: inout ConnectionState) in
                try translate(parsed, parameters: parameters, identity: identity, db: db, state: &state, now: now,
                              databases: databases?.list() ?? [],
                              externalCatalog: bulk.externalCatalog?.snapshot ?? ExternalCatalog(), variables: variables)
            }
            translation = try translateAt(now, &state)
            if let key {
                var scratch = state
                state.translations.learn(translation, for: key, at: generation) {
                    try translateAt(now.addingTimeInterval(86_400), &scratch)
                }
            }
        }
        if state.transactionFailed {   // `translate` let only the end of the aborted block through
            try endTransaction(db: db, state: &state, commit: false)
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        }
        defer { if !translation.isReadOnly { WriteGeneration.bump() } }

        do {
            if let change = translation.externalChange {
                return try performExternalChange(change, parsed: parsed, state: state, bulk: bulk)
            }
            if !translation.engineRelations.isEmpty {
                let source = SpectrumSystemTables(base: systemTables, catalog: bulk.externalCatalog?.snapshot ?? ExternalCatalog())
                try SystemTableMaterializer.fill(translation.engineRelations, from: source, identity: identity, db: db)
            }
            let externalScans = try openExternalScans(translation.externalScans, bulk: bulk, db: db)
            defer { closeExternalScans(externalScans, identity: identity, bulk: bulk) }
            if let write = translation.externalWrite {
                return try performExternalWrite(write, translation, identity: identity, state: state, db: db, bulk: bulk)
            }
            if case .database(let command) = translation.kind {
                try DatabaseStatementRunner.perform(command, administration: databases, identity: identity, db: db, state: state)
                return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
            }
            if case .call(let call) = translation.kind {
                let environment = ProcedureEnvironment(identity: identity, spill: spill, now: now, systemTables: systemTables, bulk: bulk,
                                                       databases: databases, parameters: parameters)
                return try ProcedureCallRunner.perform(call, translation: translation, db: db, state: &state, environment: environment, variables: variables)
            }
            var outcome: StatementOutcome
            if case .unload(let plan) = translation.kind {
                outcome = try UnloadStatement.perform(plan, translation, identity: identity, db: db, state: &state, bulk: bulk)
            } else {
                outcome = try perform(translation, db: db, state: &state, spill: spill, identity: identity, bulk: bulk, now: now)
            }
            outcome.translation = TranslationSummary(translation)
            return outcome
        } catch {
            if state.inExplicitTransaction { state.transactionFailed = true }
            throw error
        }
    }

    /// The translation of `parsed` in the session's state, as `run` and `describe` make it: its
    /// parameters, search path and settings (the user's ALTER USER … SET values from the session's
    /// first statement on). Any error inside a transaction block aborts it, analysis errors
    /// included (PostgreSQL, and so Redshift); in an aborted block every statement but its end
    /// (COMMIT, ROLLBACK) fails with 25P02.
    static func translate(_ parsed: ParsedStatement, parameters: [String: String]?, identity: StatementIdentity,
                          db: Database, state: inout ConnectionState, now: Date,
                          databases: [ClusterDatabase] = [],
                          externalCatalog: ExternalCatalog = ExternalCatalog(), variables: [BoundVariable]? = nil) throws -> Translation {
        if parameters == nil, !parsed.parameterNames.isEmpty {
            throw SQLError(code: "42601", message: #"syntax error at or near ":""#)
        }
        if state.userDefaults == nil {
            // r_ALTER_USER: ALTER USER … SET values apply from the user's next session on.
            state.userDefaults = (try? SecurityCatalog(executor: GRDBExecutor(db: db)).settings(of: identity.user)) ?? [:]
        }
        let sessionSettings = state.effectiveSettings
        var context = TranslationContext(
            catalog: StoredCatalog(executor: GRDBExecutor(db: db)),
            database: identity.database, currentUser: identity.user, sessionUser: identity.user,
            isSuperuser: identity.isSuperuser, searchPath: searchPath(sessionSettings),
            parameters: parameters ?? [:], settings: sessionSettings, now: now, backendPid: identity.backendPid)
        context.bootstrapSuperuser = identity.bootstrapSuperuser
        context.externalCatalog = externalCatalog
        context.lastUnloadCount = state.lastUnloadCount
        context.lastUnloadId = state.lastUnloadId
        context.lastCopyCount = state.lastCopyCount
        context.lastCopyId = state.lastCopyId
        context.databases = databases
        context.boundVariables = variables
        let translation: Translation
        do {
            translation = try Translator().translate(parsed, context: context)
        } catch {
            if state.transactionFailed { throw abortedBlock }
            if state.inExplicitTransaction { state.transactionFailed = true }
            throw error
        }
        if state.transactionFailed {
            switch translation.kind {
            case .transaction(.commit), .transaction(.rollback): break
            default: throw abortedBlock
            }
        }
        return translation
    }

    private static var abortedBlock: SQLError {
        SQLError(code: "25P02", message: "current transaction is aborted, commands ignored until end of transaction block")
    }

    private static func perform(_ translation: Translation, db: Database, state: inout ConnectionState,
                                spill: ResultSpill, identity: StatementIdentity, bulk: BulkContext, now: Date) throws -> StatementOutcome {
        switch translation.kind {
        case .transaction(.begin):
            if !state.inExplicitTransaction {   // a second BEGIN is only a warning in Redshift
                try db.execute(sql: "BEGIN DEFERRED")
                state.inExplicitTransaction = true
            }
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        case .transaction(.commit):
            try endTransaction(db: db, state: &state, commit: true)
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        case .transaction(.rollback):
            try endTransaction(db: db, state: &state, commit: false)
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        case .set(let name, let value):
            if name.lowercased() == "statement_timeout", let value, StatementTimeouts.millis(value) == nil {
                // PostgreSQL's wording (r_statement_timeout: the value is 0 or a number of milliseconds).
                throw SQLError(code: "22023", message: "invalid value for parameter \"statement_timeout\": \"\(value)\"")
            }
            if let value { state.settings[name.lowercased()] = value } else { state.settings[name.lowercased()] = nil }
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        case .show(let name):
            let column = translation.resultColumns.first ?? ResultColumn(name: name, type: .varchar(length: 256))
            var builder = ResultSetBuilder(columns: [column], spill: spill)
            let value = state.effectiveSettings[name.lowercased()] ?? SessionDefaults.value(of: name.lowercased())
            try builder.append([value.map(SQLiteValue.text) ?? .null])
            return StatementOutcome(hasResultSet: true, resultRows: 1, result: try builder.finish())
        default:
            break
        }

        switch translation.kind {
        case .fetchCursor, .closeCursor:
            return try CursorStatements.perform(translation.kind, state: &state)
        case .declareCursor:
            try CursorStatements.checkDeclare(translation.kind, state: state)
        case .copy(let plan):
            return try performCopy(plan, db: db, state: &state, identity: identity, bulk: bulk, now: now)
        default:
            break
        }

        // A single read-only step changes nothing and needs no savepoint to undo.
        let guarded = !(translation.isReadOnly && translation.steps.count == 1)
        if guarded { try db.execute(sql: "SAVEPOINT rs_statement") }
        do {
            var outcome = StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
            let steps = translation.steps
            for (index, step) in steps.enumerated() {
                if case .declareCursor(let name) = translation.kind, index == steps.count - 1 {
                    let rows = try collect(step, columns: translation.resultColumns, db: db, prepared: state.preparedStatements, spill: spill)
                    state.cursor = SessionCursor(name: name, rows: rows)
                } else if translation.kind == .query && index == steps.count - 1 {
                    let result = try collect(step, columns: translation.resultColumns, db: db, prepared: state.preparedStatements, spill: spill)
                    outcome = StatementOutcome(hasResultSet: true, resultRows: Int64(result.rowCount), result: result)
                } else {
                    try db.execute(sql: step.sql, arguments: step.statementArguments)
                }
            }
            switch translation.kind {
            case .insert, .update, .delete, .merge: outcome.resultRows = Int64(db.changesCount)
            default: break
            }
            if guarded { try db.execute(sql: "RELEASE rs_statement") }
            if translation.commitsImplicitly && state.inExplicitTransaction {
                try endTransaction(db: db, state: &state, commit: true)
            }
            return outcome
        } catch {
            if guarded {
                try? db.execute(sql: "ROLLBACK TO rs_statement")
                try? db.execute(sql: "RELEASE rs_statement")
            }
            throw error
        }
    }

    /// Steps the query and keeps its rows (in memory, or spilled to disk past a threshold).
    private static func collect(_ step: RedshiftSQL.SQLiteStatement, columns: [ResultColumn], db: Database,
                                prepared: PreparedStatements, spill: ResultSpill) throws -> ResultSet {
        var builder = ResultSetBuilder(columns: columns, spill: spill)
        let statement = try prepared.statement(step.sql, db: db)
        return try withExtendedLifetime(statement) {
            let raw = statement.sqliteStatement
            defer { sqlite3_reset(raw) }
            do {
                try statement.bind(step.arguments)
                return try collect(raw, step: step, columns: columns, db: db, into: &builder)
            } catch {
                prepared.forget(step.sql)   // prepared anew next time, as before this cache
                throw error
            }
        }
    }

    private static func collect(_ raw: OpaquePointer, step: RedshiftSQL.SQLiteStatement, columns: [ResultColumn],
                                db: Database, into builder: inout ResultSetBuilder) throws -> ResultSet {
        let row = SpilledResultRow(statement: raw, columnCount: columns.count)
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: step.sql)
            }
            var values: [SQLiteValue] = []
            values.reserveCapacity(columns.count)
            for index in 0..<columns.count { values.append(row.value(at: index)) }
            try builder.append(values)
        }
        return try builder.finish()
    }

    /// COMMIT (or ROLLBACK) the open transaction, if any; a failed transaction always rolls back.
    static func endTransaction(db: Database, state: inout ConnectionState, commit: Bool) throws {
        defer {
            WriteGeneration.bump()
            state.inExplicitTransaction = false
            state.transactionFailed = false
            state.cursor = nil   // cursors close at the end of the transaction (declare)
        }
        guard db.isInsideTransaction else { return }
        if commit && !state.transactionFailed {
            try db.execute(sql: "COMMIT")
        } else {
            try db.execute(sql: "ROLLBACK")
        }
    }

    static func searchPath(_ settings: [String: String]) -> [String] {
        guard let value = settings["search_path"] else { return ["$user", "public"] }
        return value.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        }.filter { !$0.isEmpty }
    }
}

/// The values SHOW reports for settings nobody SET, as a fresh Redshift session reports them.
enum SessionDefaults {
    static func value(of name: String) -> String? {
        switch name {
        case "search_path": return "$user, public"
        case "timezone": return "UTC"
        case "datestyle": return "ISO, MDY"
        case "query_group": return "default"
        case "statement_timeout": return "0"
        case "wlm_query_slot_count": return "1"
        case "enable_result_cache_for_session": return "on"
        case "extra_float_digits": return "0"
        case "max_cursor_result_set_size": return "default"
        case "transaction_isolation": return "serializable"
        case "navigate_super_null_on_error", "cast_super_null_on_error": return "on"   // super-configurations
        case "parse_super_null_on_error": return "off"
        default: return nil
        }
    }
}

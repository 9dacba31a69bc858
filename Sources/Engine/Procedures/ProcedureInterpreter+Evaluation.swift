import Foundation
import GRDB
import RedshiftSQL

/// SQL inside the body: statements and expressions run through `StatementRunner`, with the
/// variables they name bound as `$n` (cast to each variable's type).
extension ProcedureInterpreter {
    /// The session state the body's statements run in (copied back to the connection when the call ends).
    var currentState: ConnectionState {
        get { state }
        set { state = newValue }
    }

    /// Binds and parses `text` once per call.
    func prepare(_ text: String) throws -> (binding: PLFragmentBinding, parsed: ParsedStatement) {
        if let known = prepared[text] { return known }
        let binding = try PLFragmentBinding.bind(text, isVariable: { self.lookup($0) != nil }, isRecord: { self.lookup($0)?.isRecord == true })
        let entry = (binding, Translator.parse(binding.sql))
        prepared[text] = entry
        return entry
    }

    /// The values of a binding's references, in `$n` order.
    func values(of binding: PLFragmentBinding) throws -> [BoundVariable] {
        try binding.references.map { reference in
            let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
            guard let variable = lookup(parts[0]) else {
                throw SQLError(code: "42703", message: "column \"\(parts[0])\" does not exist")
            }
            if parts.count == 2 {
                guard variable.record != nil else { throw SQLError(code: "55000", message: "record \"\(parts[0])\" is not assigned yet") }
                guard let field = variable.field(parts[1]) else {
                    throw SQLError(code: "42703", message: "record \"\(parts[0])\" has no field \"\(parts[1])\"")
                }
                return BoundVariable(text: field.type.text(of: field.value), type: field.type)
            }
            if variable.isRecord { throw SQLError(code: "0A000", message: "record \"\(parts[0])\" used as a value") }
            return variable.bound
        }
    }

    /// Runs a fragment as a statement.
    func runSQL(_ fragment: PLpgSQL.Fragment) throws -> StatementOutcome {
        let (binding, parsed) = try prepare(fragment.text)
        return try run(parsed, variables: try values(of: binding))
    }

    /// Runs SQL text with given variables (already `$n`).
    func runSQL(_ text: String, variables: [BoundVariable]) throws -> StatementOutcome {
        try run(Translator.parse(text), variables: variables)
    }

    /// EXECUTE's string: a statement of its own, no variables. COMMIT and ROLLBACK cannot run
    /// through dynamic SQL (c_PLpgSQL-statements, Dynamic SQL); TRUNCATE can.
    func runDynamic(_ sql: String) throws -> StatementOutcome {
        let parsed = Translator.parse(sql)
        if parsed.statementClass == .transaction, ["commit", "rollback", "end", "abort"].contains(Self.leadingWord(sql)) {
            throw SQLError(code: "0A000", message: "EXECUTE of transaction commands is not implemented")
        }
        return try run(parsed, variables: [])
    }

    /// The first word of a statement, lower-cased.
    static func leadingWord(_ sql: String) -> String {
        String(sql.drop { $0.isWhitespace || $0 == "(" }.prefix { $0.isLetter || $0 == "_" }).lowercased()
    }

    private func run(_ parsed: ParsedStatement, variables: [BoundVariable]) throws -> StatementOutcome {
        // TRUNCATE commits implicitly: refused where COMMIT is (stored-procedure-transaction-management).
        if !definition.nonatomic, Self.leadingWord(parsed.text) == "truncate",
           !controlsTransaction || definition.searchPath != nil || environment.ancestorHasSetOptions {
            throw Self.atomicContextError("TRUNCATE")
        }
        let outcome = try StatementRunner.run(parsed, parameters: environment.parameters ?? [:], identity: runAs, db: db, state: &state,
                                              spill: environment.spill, now: environment.now, systemTables: environment.systemTables,
                                              bulk: environment.bulk, databases: environment.databases, variables: variables)
        notices += outcome.notices
        if controlsTransaction && !currentState.inExplicitTransaction { try beginTransaction() }   // TRUNCATE committed
        return outcome
    }

    /// An SQL statement of the body: DML sets FOUND and ROW_COUNT; SELECT needs INTO.
    func runStatement(_ fragment: PLpgSQL.Fragment, into: [String], strict: Bool) throws {
        let outcome = try runSQL(fragment)
        closeCursorAfterAutocommit()
        if outcome.hasResultSet && into.isEmpty {
            throw SQLError(code: "42601", message: "query has no destination for result data")
        }
        try record(outcome, into: into, strict: strict)
    }

    /// NONATOMIC, outside a transaction block: the statement committed on its own, and the commit
    /// closed the open cursor (stored-procedure-transaction-management, sp_nonatomic_cursor).
    func closeCursorAfterAutocommit() {
        if definition.nonatomic && !currentState.inExplicitTransaction { currentState.cursor = nil }
    }

    /// FOUND, ROW_COUNT and the INTO targets after a statement.
    func record(_ outcome: StatementOutcome, into: [String], strict: Bool) throws {
        if let result = outcome.result, outcome.hasResultSet {
            rowCount = Int64(result.rowCount)
            found = result.rowCount > 0
            if strict && result.rowCount == 0 { throw SQLError(code: "P0002", message: "query returned no rows") }
            if strict && result.rowCount > 1 { throw SQLError(code: "P0003", message: "query returned more than one row") }
            if !into.isEmpty {
                try assignTargets(into, row: try result.rows(offset: 0, limit: 1).first, columns: result.columns)
            }
        } else {
            rowCount = outcome.resultRows
            found = outcome.resultRows > 0
        }
    }

    /// `SELECT CAST((expression) AS type)`: the value and its type.
    func evaluate(_ fragment: PLpgSQL.Fragment, as type: RedshiftType?, extra: [BoundVariable] = []) throws -> (SQLiteValue, RedshiftType) {
        let text: String
        if let type, type != .unknown {
            text = "select cast((\(fragment.text)) as \(type.formatTypeName))"
        } else {
            text = "select (\(fragment.text))"
        }
        let outcome: StatementOutcome
        if extra.isEmpty {
            outcome = try runSQL(PLpgSQL.Fragment(text: text, line: fragment.line))
        } else {
            outcome = try runSQL(text, variables: extra)
        }
        guard let result = outcome.result, let column = result.columns.first else {
            throw SQLError(code: "42601", message: "expression must return a value")
        }
        if result.rowCount > 1 { throw SQLError(code: "21000", message: "query \"\(fragment.text)\" returned more than one row") }
        let value = try result.rows(offset: 0, limit: 1).first?.first ?? .null
        return (value, column.type)
    }

    /// A condition: NULL is false.
    func condition(_ fragment: PLpgSQL.Fragment) throws -> Bool {
        if fragment.text.lowercased() == "found" { return found }
        let (value, _) = try evaluate(fragment, as: .boolean)
        if case .integer(let truth) = value { return truth != 0 }
        return false
    }

    /// COMMIT, ROLLBACK or TRUNCATE where the procedure runs in an atomic context: called inside a
    /// transaction block, or it or a caller has SET options. The TRUNCATE text is the one
    /// stored-procedure-transaction-management prints; COMMIT and ROLLBACK's are taken to match.
    static func atomicContextError(_ command: String) -> SQLError {
        SQLError(code: "25001", message: """
            \(command) cannot be invoked from a procedure that is executing in an atomic context.
            HINT: Try calling the procedure as a top-level call i.e. not from within an explicit transaction block. \
            Or, if this procedure (or one of its ancestors in the call chain) was created with SET config options, recreate the procedure without them.
            """)
    }
}

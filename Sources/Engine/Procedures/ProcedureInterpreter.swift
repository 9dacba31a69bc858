import Foundation
import GRDB
import RedshiftSQL

/// Runs one procedure call: walks the parsed body (`PLpgSQL`), keeps the variables, and runs every
/// SQL statement and expression inside through `StatementRunner` (the same Translator path as a
/// top-level statement, variables bound as `$n` arguments), as the invoker or, for SECURITY
/// DEFINER, as the owner.
///
/// - Redshift: c_PLpgSQL-statements, stored-procedure-trapping-errors,
///   stored-procedure-transaction-management, stored-procedure-constraints.
final class ProcedureInterpreter {
    let definition: RoutineDefinition
    let db: Database
    var environment: ProcedureEnvironment
    /// The identity statements run as (the owner's for SECURITY DEFINER).
    let runAs: StatementIdentity
    /// True when the CALL opened the transaction the body runs in (atomic mode, outside BEGIN).
    var ownsTransaction: Bool
    /// True when COMMIT/ROLLBACK in the body end the transaction and start the next: the call
    /// owns it, or a nested default-mode call whose caller does.
    var controlsTransaction = false
    /// Scopes, innermost last.
    var frames: [[String: PLVariable]] = [[:]]
    /// The session state the body runs in; the caller copies it back when the call ends.
    var state: ConnectionState
    var rowCount: Int64 = 0
    var notices: [StatementNotice] = []
    /// Fragments bound and parsed once per call (a loop runs the same ones many times).
    var prepared: [String: (binding: PLFragmentBinding, parsed: ParsedStatement)] = [:]
    /// The error a handler is running for (SQLERRM, and a bare RAISE re-raises it).
    var handling: [Error] = []

    init(definition: RoutineDefinition, db: Database, environment: ProcedureEnvironment, runAs: StatementIdentity, ownsTransaction: Bool,
         state: ConnectionState) {
        self.definition = definition
        self.state = state
        self.db = db
        self.environment = environment
        self.runAs = runAs
        self.ownsTransaction = ownsTransaction
    }

    // MARK: Variables

    /// FOUND: a boolean variable of the outermost scope, set by every statement.
    var found: Bool {
        get { frames[0]["found"]?.value == .integer(1) }
        set { frames[0]["found"] = PLVariable(type: .boolean, value: .integer(newValue ? 1 : 0)) }
    }

    func lookup(_ name: String) -> PLVariable? {
        for frame in frames.reversed() { if let variable = frame[name] { return variable } }
        return nil
    }

    func declare(_ name: String, _ variable: PLVariable) {
        frames[frames.count - 1][name] = variable
    }

    func assign(_ target: String, value: SQLiteValue, type: RedshiftType) throws {
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        for index in frames.indices.reversed() where frames[index][parts[0]] != nil {
            var variable = frames[index][parts[0]]!
            if parts.count == 2 {
                guard var record = variable.record else {
                    throw SQLError(code: "55000", message: "record \"\(parts[0])\" is not assigned yet")
                }
                guard let field = record.firstIndex(where: { $0.name == parts[1] }) else {
                    throw SQLError(code: "42703", message: "record \"\(parts[0])\" has no field \"\(parts[1])\"")
                }
                record[field].value = value
                record[field].type = type
                variable.record = record
            } else if variable.isRecord {
                throw SQLError(code: "42804", message: "cannot assign a scalar to record variable \"\(parts[0])\"")
            } else {
                variable.value = try convert(value, from: type, to: variable.type)
            }
            frames[index][parts[0]] = variable
            return
        }
        throw SQLError(code: "42601", message: "\"\(target)\" is not a known variable")
    }

    /// A row assigned to a record (its columns become the fields).
    func assignRow(_ target: String, row: [SQLiteValue]?, columns: [ResultColumn]) throws {
        for index in frames.indices.reversed() where frames[index][target] != nil {
            frames[index][target]!.record = row.map { values in zip(columns, values).map { ($0.name, $0.type, $1) } }
                ?? columns.map { ($0.name, $0.type, SQLiteValue.null) }
            return
        }
        throw SQLError(code: "42601", message: "\"\(target)\" is not a known variable")
    }

    /// SELECT … INTO / FETCH … INTO / EXECUTE … INTO: a record takes the row, scalars take its columns.
    func assignTargets(_ targets: [String], row: [SQLiteValue]?, columns: [ResultColumn]) throws {
        if targets.count == 1, let variable = lookup(targets[0]), variable.isRecord {
            try assignRow(targets[0], row: row, columns: columns)
            return
        }
        for (index, target) in targets.enumerated() {
            let value = row.flatMap { index < $0.count ? $0[index] : nil } ?? .null
            let type = index < columns.count ? columns[index].type : .unknown
            try assign(target, value: value, type: type)
        }
    }

    /// A value of one type as another variable's type: through SQL's own cast when they differ.
    func convert(_ value: SQLiteValue, from source: RedshiftType, to target: RedshiftType) throws -> SQLiteValue {
        if value == .null || source == target || target == .unknown { return value }
        let (converted, _) = try evaluate(PLpgSQL.Fragment(text: "$1", line: 0), as: target,
                                          extra: [BoundVariable(text: source.text(of: value), type: source == .unknown ? .varchar(length: 65535) : source)])
        return converted
    }

    // MARK: Blocks

    /// A block; `EXIT label` naming the block leaves it (c_PLpgSQL-statements, Exit loop).
    func run(_ block: PLpgSQL.Block) throws {
        do {
            try runBlock(block)
        } catch PLControl.exit(let target) where target != nil && target == block.label {
        }
    }

    private func runBlock(_ block: PLpgSQL.Block) throws {
        frames.append([:])
        defer { frames.removeLast() }
        for declaration in block.declarations { try declareVariable(declaration) }
        guard let handlers = block.handlers else {
            try run(block.body)
            return
        }
        do {
            try run(block.body)
        } catch let control as PLControl {
            throw control
        } catch {
            if ErrorMapping.isInterrupt(error) { throw error }   // OTHERS matches everything but cancellation
            guard let handler = handlers.first(where: { $0.conditions.contains("others") }) else { throw error }
            notices += state.noticesOfFailedCall   // a failed nested call's messages stay in order
            state.noticesOfFailedCall = []
            try enterHandler()
            handling.append(error)
            defer { handling.removeLast() }
            frames.append(["sqlerrm": PLVariable(type: .varchar(length: 65535), value: .text(Self.message(of: error))),
                           "sqlstate": PLVariable(type: .char(length: 5), value: .text(ErrorMapping.sqlState(error).code))])
            defer { frames.removeLast() }
            try run(handler.body)
            // Atomic mode: the handler's transaction commits and the error is re-thrown;
            // NONATOMIC: handled (stored-procedure-trapping-errors).
            if !definition.nonatomic {
                try commitAndContinue()
                throw error
            }
        }
    }

    private func declareVariable(_ declaration: PLpgSQL.Declaration) throws {
        var variable: PLVariable
        switch declaration.type {
        case .scalar(let type): variable = PLVariable(type: type)
        case .record: variable = PLVariable(type: .unknown, isRecord: true)
        case .refcursor: variable = PLVariable(type: .varchar(length: 256))
        case .typeOf(let reference): variable = PLVariable(type: try typeOf(reference))
        }
        if declaration.cursorQuery != nil { variable.value = .text(declaration.name) }
        declare(declaration.name, variable)
        if let cursorQuery = declaration.cursorQuery {
            cursorQueries[declaration.name] = cursorQuery
            cursorParameters[declaration.name] = declaration.cursorParameters
        }
        if let initial = declaration.initial {
            let (value, type) = try evaluate(initial, as: variable.isRecord ? nil : variable.type)
            try assign(declaration.name, value: value, type: type)
        }
    }

    /// Queries of bound cursors (`c CURSOR FOR query`), by variable name.
    var cursorQueries: [String: PLpgSQL.Fragment] = [:]
    /// The arguments of bound cursors declared with some (`c CURSOR (key integer) IS query`).
    var cursorParameters: [String: [PLpgSQL.CursorParameter]] = [:]

    /// `variable%TYPE` or `table.column%TYPE`.
    private func typeOf(_ reference: String) throws -> RedshiftType {
        if let variable = lookup(reference) { return variable.type }
        let parts = reference.split(separator: ".").map(String.init)
        guard parts.count >= 2 else { throw SQLError(code: "42704", message: "type \"\(reference)%TYPE\" does not exist") }
        let table = parts.dropLast().joined(separator: ".")
        let outcome = try runSQL("select \(parts.last!) from \(table) where false", variables: [])
        guard let column = outcome.result?.columns.first else { throw SQLError(code: "42704", message: "type \"\(reference)%TYPE\" does not exist") }
        return column.type
    }

    func run(_ statements: [PLpgSQL.Statement]) throws {
        for statement in statements {
            try checkInterrupt()
            try run(statement)
        }
    }

    /// CancelStatement, a PG cancel or statement_timeout: stop between statements too (a loop
    /// without SQL never reaches SQLite's progress handler).
    func checkInterrupt() throws {
        if environment.bulk.isInterrupted() { throw DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "interrupted") }
    }

    static func message(of error: Error) -> String {
        let text = ErrorMapping.redshiftText(error)
        return text.hasPrefix("ERROR: ") ? String(text.dropFirst(7)) : text
    }
}

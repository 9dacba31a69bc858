import Foundation
import GRDB
import RedshiftSQL

/// CALL: the arguments evaluated, the procedure's transaction (atomic: one transaction unless the
/// body COMMITs; NONATOMIC: each statement on its own), the body interpreted, the OUT and INOUT
/// values returned as one row.
///
/// - Redshift: r_CALL_procedure, stored-procedure-transaction-management, stored-procedure-constraints
///   (16 levels of nested calls), stored-procedure-security-and-privileges (SECURITY DEFINER runs as the owner).
enum ProcedureCallRunner {
    /// A CALL statement (top level, or EXECUTE 'CALL …' in a body).
    static func perform(_ call: ProcedureCall, translation: Translation, db: Database, state: inout ConnectionState,
                        environment: ProcedureEnvironment, variables: [BoundVariable]?) throws -> StatementOutcome {
        let inputs = try evaluateArguments(call, db: db, state: &state, environment: environment, variables: variables ?? [])
        let (outputs, notices) = try invoke(call.definition, inputs: inputs, db: db, state: &state, environment: environment)
        var outcome = StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        outcome.notices = notices
        if !call.definition.outputArguments.isEmpty {
            var builder = ResultSetBuilder(columns: translation.resultColumns, spill: environment.spill)
            try builder.append(outputs.map(\.value))
            outcome = StatementOutcome(hasResultSet: true, resultRows: 1, result: try builder.finish())
            outcome.notices = notices
        }
        return outcome
    }

    /// `SELECT CAST((arg) AS type), …` for the input arguments, run like any statement.
    static func evaluateArguments(_ call: ProcedureCall, db: Database, state: inout ConnectionState,
                                  environment: ProcedureEnvironment, variables: [BoundVariable]) throws -> [SQLiteValue] {
        let inputs = call.definition.inputArguments
        guard !inputs.isEmpty else { return [] }
        let list = zip(call.arguments, inputs).map { "cast((\($0)) as \($1.type.formatTypeName))" }.joined(separator: ", ")
        let outcome = try StatementRunner.run(Translator.parse("select " + list), parameters: environment.parameters ?? [:],
                                              identity: environment.identity, db: db, state: &state, spill: environment.spill,
                                              now: environment.now, systemTables: environment.systemTables, bulk: environment.bulk,
                                              databases: environment.databases, variables: variables)
        return try outcome.result?.rows(offset: 0, limit: 1).first ?? inputs.map { _ in .null }
    }

    /// Runs the body with `inputs` bound to the input arguments; the output arguments' final values.
    static func invoke(_ definition: RoutineDefinition, inputs: [SQLiteValue], db: Database, state: inout ConnectionState,
                       environment: ProcedureEnvironment) throws -> ([(value: SQLiteValue, type: RedshiftType)], [StatementNotice]) {
        var environment = environment
        if let chain = state.procedureChain {   // called from a procedure: CALL, or EXECUTE 'CALL …'
            environment.callerControlsTransaction = chain.controlsTransaction
            environment.ancestorHasSetOptions = chain.hasSetOptions
        }
        guard state.procedureDepth < ProcedureLimits.maximumNesting else {
            throw SQLError(code: "54001", message: "Stored procedure call nesting exceeds the maximum of \(ProcedureLimits.maximumNesting) levels")
        }
        let body = try PLBodyCache.shared.block(definition)
        let ownsTransaction = !definition.nonatomic && !state.inExplicitTransaction
        // A nested default-mode call runs in its caller's transaction: it may COMMIT/ROLLBACK when
        // the caller may (stored-procedure-transaction-management).
        let controlsTransaction = ownsTransaction || (!definition.nonatomic && environment.callerControlsTransaction)
        if ownsTransaction {
            try db.execute(sql: "BEGIN DEFERRED")
            state.inExplicitTransaction = true
        }
        var runAs = environment.identity
        if definition.securityDefiner {
            runAs.user = definition.owner
            runAs.isSuperuser = definition.owner == environment.identity.bootstrapSuperuser
                || ((try? SecurityCatalog(executor: GRDBExecutor(db: db)).state())?
                    .principal(definition.owner, bootstrapSuperuser: definition.owner == environment.identity.bootstrapSuperuser).isSuperuser ?? false)
        }
        let savedPath = state.settings["search_path"]
        if let path = definition.searchPath { state.settings["search_path"] = path }
        state.procedureDepth += 1
        let savedChain = state.procedureChain
        state.procedureChain = ProcedureChain(controlsTransaction: controlsTransaction,
                                              hasSetOptions: environment.ancestorHasSetOptions || definition.searchPath != nil)
        let interpreter = ProcedureInterpreter(definition: definition, db: db, environment: environment, runAs: runAs,
                                               ownsTransaction: ownsTransaction, state: state)
        interpreter.controlsTransaction = controlsTransaction
        defer {
            state = interpreter.state
            state.procedureDepth -= 1
            state.procedureChain = savedChain
            if definition.searchPath != nil { state.settings["search_path"] = savedPath }
        }
        interpreter.found = false
        var inputIterator = inputs.makeIterator()
        for (index, argument) in definition.arguments.enumerated() {
            let value = argument.mode == .out ? .null : (inputIterator.next() ?? .null)
            interpreter.declare(argument.name ?? "$\(index + 1)", PLVariable(type: argument.type, value: value))
        }
        do {
            do {
                try interpreter.run(body)
            } catch PLControl.returnNow {
            } catch let control as PLControl {
                _ = control
                throw SQLError(code: "42601", message: "EXIT or CONTINUE cannot be used outside a loop")
            }
            if ownsTransaction && interpreter.state.inExplicitTransaction {
                try StatementRunner.endTransaction(db: db, state: &interpreter.state, commit: true)
            }
        } catch {
            if ownsTransaction && interpreter.state.inExplicitTransaction {
                try? StatementRunner.endTransaction(db: db, state: &interpreter.state, commit: false)
            }
            // What this call raised before failing, then what a nested call that failed raised.
            interpreter.state.noticesOfFailedCall = interpreter.notices + interpreter.state.noticesOfFailedCall
            throw error
        }
        let outputs = definition.arguments.enumerated().filter { $0.element.mode != .in }.map { index, argument in
            let variable = interpreter.lookup(argument.name ?? "$\(index + 1)")
            return (value: variable?.value ?? .null, type: argument.type)
        }
        return (outputs, interpreter.notices)
    }
}

/// Parsed bodies by routine and text: a procedure is parsed once, not at every CALL.
final class PLBodyCache: @unchecked Sendable {   // `blocks` is read and written under `lock`
    static let shared = PLBodyCache()
    private let lock = NSLock()
    private var blocks: [String: PLpgSQL.Block] = [:]

    func block(_ definition: RoutineDefinition) throws -> PLpgSQL.Block {
        let key = definition.name + "\u{0}" + definition.body
        lock.lock()
        if let known = blocks[key] { lock.unlock(); return known }
        lock.unlock()
        let block = try PLParser.parse(definition.body, procedure: definition.name)
        lock.lock()
        if blocks.count > 1000 { blocks.removeAll() }
        blocks[key] = block
        lock.unlock()
        return block
    }
}

extension ProcedureInterpreter {
    /// `CALL p(args)` inside a body: INOUT arguments written as a variable get the result back.
    func runNestedCall(name: String, arguments: [PLpgSQL.Fragment]) throws {
        let text = "call \(name)(\(arguments.map(\.text).joined(separator: ", ")))"
        let (binding, parsed) = try prepare(text)
        let variables = try values(of: binding)
        let translation = try StatementRunner.translate(parsed, parameters: environment.parameters ?? [:], identity: runAs, db: db,
                                                        state: &state, now: environment.now, variables: variables)
        guard case .call(let call) = translation.kind else { throw SQLError(code: "42601", message: "CALL expected") }
        var inner = environment
        inner.identity = runAs
        let inputs = try ProcedureCallRunner.evaluateArguments(call, db: db, state: &state, environment: inner, variables: variables)
        let (outputs, innerNotices) = try ProcedureCallRunner.invoke(call.definition, inputs: inputs, db: db, state: &state, environment: inner)
        notices += innerNotices
        if controlsTransaction && !state.inExplicitTransaction { try beginTransaction() }
        // INOUT results go back to the variables passed for them, in order.
        var outputIterator = outputs.makeIterator()
        var inputIndex = 0
        for argument in call.definition.arguments {
            if argument.mode == .in { inputIndex += 1; continue }
            guard let output = outputIterator.next() else { break }
            if argument.mode == .inout, inputIndex < arguments.count {
                let written = arguments[inputIndex].text.trimmingCharacters(in: .whitespaces).lowercased()
                if lookup(written) != nil { try assign(written, value: output.value, type: output.type) }
            }
            if argument.mode == .inout { inputIndex += 1 }
        }
    }
}

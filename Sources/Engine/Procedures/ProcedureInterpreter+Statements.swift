import Foundation
import GRDB
import RedshiftSQL

/// The PL/pgSQL statements (c_PLpgSQL-statements).
extension ProcedureInterpreter {
    func run(_ statement: PLpgSQL.Statement) throws {
        switch statement {
        case .block(let block):
            try run(block)
        case .assign(let target, let expression):
            let declared = lookup(String(target.split(separator: ".")[0]))
            let (value, type) = try evaluate(expression, as: target.contains(".") || declared?.isRecord == true ? nil : declared?.type)
            try assign(target, value: value, type: type)
        case .sql(let fragment, let into, let strict):
            try runStatement(fragment, into: into, strict: strict)
        case .perform(let fragment):
            let outcome = try runSQL(fragment)
            found = (outcome.result?.rowCount ?? 0) > 0
            rowCount = Int64(outcome.result?.rowCount ?? 0)
        case .ifChain(let branches, let otherwise):
            for branch in branches where try condition(branch.condition) {
                try run(branch.body)
                return
            }
            if let otherwise { try run(otherwise) }
        case .caseChain(let operand, let branches, let otherwise, let line):
            for branch in branches {
                let test = operand.map { PLpgSQL.Fragment(text: "(\($0.text)) in (\(branch.values.text))", line: branch.values.line) } ?? branch.values
                if try condition(test) {
                    try run(branch.body)
                    return
                }
            }
            guard let otherwise else {
                throw SQLError(code: "20000", message: "case not found\nCONTEXT: PL/pgSQL function \"\(definition.name)\" line \(line) at CASE")
            }
            try run(otherwise)
        case .loop(let label, let body):
            while true {
                try checkInterrupt()
                if try !iterate(label: label, body) { break }
            }
        case .whileLoop(let label, let test, let body):
            while try condition(test) {
                try checkInterrupt()
                if try !iterate(label: label, body) { break }
            }
        case .forLoop(let label, let variable, let source, let body):
            try runFor(label: label, variable: variable, source: source, body: body)
        case .exit(let label, let when):
            if let when, try !condition(when) { return }
            throw PLControl.exit(label: label)
        case .continueLoop(let label, let when):
            if let when, try !condition(when) { return }
            throw PLControl.next(label: label)
        case .returnStatement:
            throw PLControl.returnNow
        case .raise(let raise, _):
            try runRaise(raise)
        case .execute(let expression, let into):
            let (value, _) = try evaluate(expression, as: .varchar(length: 65535))
            guard case .text(let sql) = value else {
                throw SQLError(code: "22004", message: "query string argument of EXECUTE is null")
            }
            let outcome = try runDynamic(sql)
            try record(outcome, into: into, strict: false)
        case .getDiagnostics(let target, _):
            try assign(target, value: .integer(rowCount), type: .bigint)
        case .commit:
            try transactionControl(commit: true)
        case .rollback:
            try transactionControl(commit: false)
        case .call(let name, let arguments, _):
            try runNestedCall(name: name, arguments: arguments)
        case .open(let cursor, let query, _):
            guard let query = query ?? cursorQueries[cursor] else {
                throw SQLError(code: "42601", message: "cursor \"\(cursor)\" has no query to open")
            }
            if query == cursorQueries[cursor], !(cursorParameters[cursor] ?? []).isEmpty {
                throw SQLError(code: "42601", message: "cursor \"\(cursor)\" has arguments")
            }
            try openCursor(cursor, try runSQL(query))
        case .openExecute(let cursor, let expression, _):
            let (value, _) = try evaluate(expression, as: .varchar(length: 65535))
            guard case .text(let sql) = value else { throw SQLError(code: "22004", message: "query string argument of EXECUTE is null") }
            try openCursor(cursor, try runDynamic(sql))
        case .openBound(let cursor, let arguments, _):
            guard let query = cursorQueries[cursor], let parameters = cursorParameters[cursor], !parameters.isEmpty else {
                throw SQLError(code: "42601", message: "cursor \"\(cursor)\" has no arguments")
            }
            guard parameters.count == arguments.count else {
                throw SQLError(code: "42601", message: "\(parameters.count > arguments.count ? "not enough" : "too many") arguments for cursor \"\(cursor)\"")
            }
            // The arguments are evaluated here, then named in the query as the declared parameters.
            var scope: [String: PLVariable] = [:]
            for (parameter, argument) in zip(parameters, arguments) {
                let (value, _) = try evaluate(argument, as: parameter.type)
                scope[parameter.name] = PLVariable(type: parameter.type, value: value)
            }
            frames.append(scope)
            defer { frames.removeLast() }
            try openCursor(cursor, try runSQL(query))
        case .close(let cursor):
            if let variable = lookup(cursor), case .text(let name) = variable.value, currentState.cursor?.name == name {
                currentState.cursor = nil
            }
        case .fetch(let cursor, let into, _):
            guard let variable = lookup(cursor), case .text(let name) = variable.value, var open = currentState.cursor, open.name == name else {
                throw SQLError(code: "34000", message: "cursor \"\(cursor)\" does not exist")
            }
            let window = open.fetch(1)
            currentState.cursor = open
            let row = try window.rows(offset: 0, limit: 1).first
            found = row != nil
            try assignTargets(into, row: row, columns: window.columns)
        case .null:
            break
        }
    }

    /// The cursor variable names the opened result (a bound cursor's own name, or the refcursor's value).
    private func openCursor(_ cursor: String, _ outcome: StatementOutcome) throws {
        let name: String
        if let variable = lookup(cursor), case .text(let given) = variable.value { name = given } else { name = cursor }
        try assign(cursor, value: .text(name), type: .varchar(length: 256))
        guard let rows = outcome.result else { throw SQLError(code: "42601", message: "cursor query must be a SELECT") }
        currentState.cursor = SessionCursor(name: name, rows: rows)
    }

    /// One pass of a loop body; false when EXIT left this loop.
    private func iterate(label: String?, _ body: [PLpgSQL.Statement]) throws -> Bool {
        do {
            try run(body)
        } catch PLControl.exit(let target) where target == nil || target == label {
            return false
        } catch PLControl.next(let target) where target == nil || target == label {
            return true
        }
        return true
    }

    private func runFor(label: String?, variable: String, source: PLpgSQL.ForSource, body: [PLpgSQL.Statement]) throws {
        switch source {
        case .range(let low, let high, let step, let reverse):
            let from = try integer(low), to = try integer(high)
            let by = try step.map(integer) ?? 1
            guard by > 0 else { throw SQLError(code: "22023", message: "BY value of FOR loop must be greater than zero") }
            frames.append([variable: PLVariable(type: .integer)])
            defer { frames.removeLast() }
            var current = from
            while reverse ? current >= to : current <= to {
                try checkInterrupt()
                frames[frames.count - 1][variable]!.value = .integer(current)
                if try !iterate(label: label, body) { break }
                current = reverse ? current - by : current + by
            }
        case .query(let query):
            try loopRows(try runSQL(query), label: label, variable: variable, body: body)
        case .dynamic(let expression):
            let (value, _) = try evaluate(expression, as: .varchar(length: 65535))
            guard case .text(let sql) = value else { throw SQLError(code: "22004", message: "query string argument of EXECUTE is null") }
            try loopRows(try runDynamic(sql), label: label, variable: variable, body: body)
        }
    }

    private func loopRows(_ outcome: StatementOutcome, label: String?, variable: String, body: [PLpgSQL.Statement]) throws {
        guard let result = outcome.result else { throw SQLError(code: "42601", message: "FOR over a query needs a SELECT") }
        let targets = variable.split(separator: ",").map(String.init)   // FOR x, y IN query: scalars
        let declared = targets.count > 1 || lookup(variable) != nil
        if !declared { frames.append([variable: PLVariable(type: .unknown, isRecord: true)]) }
        defer { if !declared { frames.removeLast() } }
        var any = false
        var offset = 0
        let page = 1000
        outer: while offset < result.rowCount {
            for row in try result.rows(offset: offset, limit: page) {
                try checkInterrupt()
                any = true
                try assignTargets(targets, row: row, columns: result.columns)
                if try !iterate(label: label, body) { break outer }
            }
            offset += page
        }
        found = any
    }

    private func integer(_ fragment: PLpgSQL.Fragment) throws -> Int64 {
        let (value, _) = try evaluate(fragment, as: .bigint)
        guard case .integer(let number) = value else {
            throw SQLError(code: "22004", message: "lower bound of FOR loop cannot be null")
        }
        return number
    }

    private func runRaise(_ raise: PLpgSQL.Raise) throws {
        if raise.level == "reraise" {
            guard let error = handling.last else {
                throw SQLError(code: "0Z002", message: "RAISE without parameters cannot be used outside an exception handler")
            }
            throw error
        }
        var values: [String] = []
        for argument in raise.arguments {
            let (value, type) = try evaluate(argument, as: nil)
            values.append(type.text(of: value) ?? "<NULL>")
        }
        var message = ""
        var iterator = values.makeIterator()
        var chars = Array(raise.format)
        var index = 0
        while index < chars.count {
            if chars[index] == "%" {
                if index + 1 < chars.count, chars[index + 1] == "%" { message.append("%"); index += 2; continue }
                guard let next = iterator.next() else { throw SQLError(code: "42601", message: "too few parameters specified for RAISE") }
                message += next
            } else {
                message.append(chars[index])
            }
            index += 1
        }
        chars = []
        if iterator.next() != nil { throw SQLError(code: "42601", message: "too many parameters specified for RAISE") }
        if raise.level == "exception" { throw SQLError(code: "P0001", message: message) }
        if raise.level == "debug" { return }
        notices.append(StatementNotice(severity: raise.level.uppercased(), message: message))
    }

    /// COMMIT or ROLLBACK inside the body: ends the transaction and starts the next one
    /// (stored-procedure-transaction-management). Not allowed when the CALL runs inside the
    /// caller's transaction block, or when the procedure has SET options.
    private func transactionControl(commit: Bool) throws {
        if definition.searchPath != nil || environment.ancestorHasSetOptions || (!controlsTransaction && !definition.nonatomic) {
            throw Self.atomicContextError(commit ? "COMMIT" : "ROLLBACK")
        }
        try StatementRunner.endTransaction(db: db, state: &currentState, commit: commit)
        if controlsTransaction { try beginTransaction() }
    }

    /// Atomic mode, entering an exception handler: the failed transaction rolls back and a new one
    /// runs the handler (stored-procedure-trapping-errors).
    func enterHandler() throws {
        if definition.nonatomic {
            if currentState.transactionFailed { try StatementRunner.endTransaction(db: db, state: &currentState, commit: false) }
            return
        }
        if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
        currentState.transactionFailed = false
        currentState.cursor = nil
        try db.execute(sql: "BEGIN DEFERRED")
        currentState.inExplicitTransaction = true
    }

    func commitAndContinue() throws {
        guard ownsTransaction else { return }
        try StatementRunner.endTransaction(db: db, state: &currentState, commit: true)
        try beginTransaction()
    }

    func beginTransaction() throws {
        if !db.isInsideTransaction { try db.execute(sql: "BEGIN DEFERRED") }
        currentState.inExplicitTransaction = true
        currentState.transactionFailed = false
    }
}

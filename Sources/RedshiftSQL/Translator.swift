import Foundation

/// The single entry point: lex, parse, analyze and generate one Redshift statement.
///
/// For example, `SELECT 1` translates to one step `SELECT 1 AS "?column?"` with one result column
/// `?column?` of type int4.
public struct Translator {
    public init() {}

    /// Lex, parse, analyze and generate one statement (a trailing ";" is fine; more than one statement → SQLError).
    public func translate(_ sql: String, context: TranslationContext) throws -> Translation {
        let statement = try Parser.parseStatement(sql)
        let analyzer = Analyzer(context: context)
        var translation = try translate(statement, sql: sql, analyzer: analyzer)
        translation.engineRelations = analyzer.engineRelations
        translation.appliedPolicies = analyzer.appliedPolicies
        return translation
    }

    func translate(_ statement: AST.Statement, sql: String, analyzer: Analyzer) throws -> Translation {
        switch statement {
        case .query(var query):
            if case .select(var select) = query.body, let into = select.into {
                // SELECT … INTO [TEMP] t is CREATE TABLE t AS SELECT … (r_SELECT_INTO).
                select.into = nil
                query.body = .select(select)
                let create = AST.CreateTableAs(name: into.name, temporary: into.temporary, ifNotExists: false, columnNames: [], options: AST.TableOptions(), query: query)
                return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createTableAsSteps(create)))
            }
            let bound = try analyzer.analyzeQuery(query, outer: nil)
            return Translation(kind: .query, steps: [SQLiteGenerator.statement(bound)], resultColumns: bound.columns, isReadOnly: true)
        case .insert(let insert):
            return Translation(kind: .insert, steps: SQLiteGenerator.steps(try analyzer.insertSteps(insert)))
        case .update(let update):
            return Translation(kind: .update, steps: SQLiteGenerator.steps(try analyzer.updateSteps(update)))
        case .delete(let delete):
            return Translation(kind: .delete, steps: SQLiteGenerator.steps(try analyzer.deleteSteps(delete)))
        case .merge(let merge):
            return Translation(kind: .merge, steps: SQLiteGenerator.steps(try analyzer.mergeSteps(merge)))
        case .createTable(let create):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createTableSteps(create)))
        case .createTableAs(let create):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createTableAsSteps(create)))
        case .dropTable(let names, let ifExists, _):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.dropSteps(names, ifExists: ifExists, view: false)))
        case .dropView(let names, let ifExists, _):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.dropSteps(names, ifExists: ifExists, view: true)))
        case .truncate(let name):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.truncateSteps(name)), commitsImplicitly: true)
        case .createSchema(let name, let ifNotExists, let position):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createSchemaSteps(name, ifNotExists: ifNotExists, position: position)))
        case .dropSchema(let names, let ifExists, let cascade, let position):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.dropSchemaSteps(names, ifExists: ifExists, cascade: cascade, position: position)))
        case .createView(let view):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createViewSteps(view)))
        case .alterTable(let alter):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.alterTableSteps(alter)))
        case .transaction(let control):
            return Translation(kind: .transaction(control))
        case .set(let name, let value):
            return Translation(kind: .set(name: name, value: value))
        case .show(let name):
            return Translation(kind: .show(name: name), resultColumns: [ResultColumn(name: name, type: .varchar(length: 256), nullable: true)], isReadOnly: true)
        case .noOp:
            return Translation(kind: .utility)
        case .explain(let inner):
            return try ExplainPlan.translation(of: inner, analyzer: analyzer)
        case .createMaterializedView(let create):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createMaterializedViewSteps(create)))
        case .refreshMaterializedView(let name):
            return Translation(kind: .utility, steps: SQLiteGenerator.steps(try analyzer.refreshMaterializedViewSteps(name)), commitsImplicitly: true)
        case .dropMaterializedView(let names, let ifExists, _):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.dropMaterializedViewSteps(names, ifExists: ifExists)))
        case .prepare(let name, let types, _, let position):
            return Translation(kind: .utility, steps: try PreparedStatements.prepareSteps(name, types: types, sql: sql, position: position, analyzer: analyzer))
        case .execute(let name, let arguments, let position):
            let (inner, bound) = try PreparedStatements.executable(name, arguments: arguments, position: position, analyzer: analyzer)
            analyzer.positionalArguments = bound
            defer { analyzer.positionalArguments = nil }
            return try translate(inner, sql: sql, analyzer: analyzer)
        case .security(let statement):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.securitySteps(statement)))
        case .deallocate(let name, let position):
            return Translation(kind: .utility, steps: try PreparedStatements.deallocateSteps(name, position: position, analyzer: analyzer))
        }
    }

    /// Names of the `:name` parameters the SQL uses, skipping literals, quoted identifiers, comments
    /// and `::` casts. Order of first appearance, no duplicates.
    public static func parameterNames(in sql: String) -> [String] {
        // A byte scanner with the lexer's rules for literals, quoted identifiers, comments and `::`
        // (the engine calls this for every statement; a full lex of a bulk INSERT is too slow).
        let bytes = Array(sql.utf8)
        let n = bytes.count
        var names: [String] = []
        var i = 0
        func isStart(_ b: UInt8) -> Bool { b == 95 || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 128 }
        func isPart(_ b: UInt8) -> Bool { isStart(b) || (b >= 48 && b <= 57) || b == 36 }
        while i < n {
            let c = bytes[i]
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            switch c {
            case 39:  // 'string' with '' and backslash escapes
                i += 1
                while i < n {
                    if bytes[i] == 92 { i += 2; continue }
                    if bytes[i] == 39 { if i + 1 < n, bytes[i + 1] == 39 { i += 2; continue }; i += 1; break }
                    i += 1
                }
            case 34:  // "identifier" with ""
                i += 1
                while i < n {
                    if bytes[i] == 34 { if i + 1 < n, bytes[i + 1] == 34 { i += 2; continue }; i += 1; break }
                    i += 1
                }
            case 45 where next == 45:  // -- comment
                while i < n, bytes[i] != 10 { i += 1 }
            case 47 where next == 42:  // /* nested comment */
                var depth = 0
                while i < n {
                    if bytes[i] == 47, i + 1 < n, bytes[i + 1] == 42 { depth += 1; i += 2 } else if bytes[i] == 42, i + 1 < n, bytes[i + 1] == 47 {
                        depth -= 1; i += 2
                        if depth == 0 { break }
                    } else { i += 1 }
                }
            case 36 where next == 36:  // $$ … $$
                i += 2
                while i < n, !(bytes[i] == 36 && i + 1 < n && bytes[i + 1] == 36) { i += 1 }
                i += 2
            case 58:  // :name, but not ::
                if next == 58 { i += 2; continue }
                guard isStart(next) else { i += 1; continue }
                let start = i + 1
                i += 1
                while i < n, isPart(bytes[i]) { i += 1 }
                let name = String(decoding: bytes[start..<i], as: UTF8.self)
                if !names.contains(name) { names.append(name) }
            default:
                if isStart(c) || c == 35 { i += 1; while i < n, isPart(bytes[i]) { i += 1 } } else { i += 1 }
            }
        }
        return names
    }

    /// Splits a script into statements (used by --init-sql), respecting literals and comments.
    /// Empty statements are dropped; each statement is returned without its ";".
    public static func splitStatements(_ script: String) -> [String] {
        let scalars = Array(script.unicodeScalars)
        func slice(_ from: Int, _ to: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[max(0, from)..<min(to, scalars.count)])
            return String(view).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var lexer = Lexer(script)
        var statements: [String] = []
        var start = 0
        var hasContent = false
        while true {
            guard let token = try? lexer.next() else {
                let rest = slice(start, scalars.count)
                if !rest.isEmpty { statements.append(rest) }
                return statements
            }
            if token.kind == .end { break }
            if token.isSymbol(";") {
                if hasContent { statements.append(slice(start, token.position - 1)) }
                start = token.position
                hasContent = false
            } else if token.kind != .comment {
                hasContent = true
            }
        }
        if hasContent { statements.append(slice(start, scalars.count)) }
        return statements
    }
}

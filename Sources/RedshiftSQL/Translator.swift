import Foundation

/// The single entry point: lex, parse, analyze and generate one Redshift statement.
///
/// For example, `SELECT 1` translates to one step `SELECT 1 AS "?column?"` with one result column
/// `?column?` of type int4.
public struct Translator: Sendable {
    public init() {}

    /// Lex, parse, analyze and generate one statement (a trailing ";" is fine; more than one statement → SQLError).
    /// The same as `translate(Translator.parse(sql), context:)`.
    public func translate(_ sql: String, context: TranslationContext) throws -> Translation {
        try translate(Self.parse(sql), context: context)
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
        case .insert(let insert) where try analyzer.externalTableReference(insert.table) != nil:
            return try analyzer.externalInsertTranslation(insert)!
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
        case .dropTable(let names, let ifExists, _) where try analyzer.externalDropTable(names, ifExists: ifExists) != nil:
            return try analyzer.externalDropTable(names, ifExists: ifExists)!
        case .dropTable(let names, let ifExists, let cascade):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.dropSteps(names, ifExists: ifExists, view: false, cascade: cascade)))
        case .dropView(let names, let ifExists, let cascade):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.dropSteps(names, ifExists: ifExists, view: true, cascade: cascade)))
        case .truncate(let name):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.truncateSteps(name)), commitsImplicitly: true)
        case .createSchema(let name, let ifNotExists, let position):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.createSchemaSteps(name, ifNotExists: ifNotExists, position: position)))
        case .dropSchema(let names, let ifExists, _, _) where analyzer.externalDropSchema(names, ifExists: ifExists) != nil:
            return analyzer.externalDropSchema(names, ifExists: ifExists)!
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
            return Translation(kind: .utility, steps: SQLiteGenerator.steps(try PreparedStatements.prepareSteps(name, types: types, sql: sql, position: position, analyzer: analyzer)))
        case .execute(let name, let arguments, let position):
            let (inner, bound) = try PreparedStatements.executable(name, arguments: arguments, position: position, analyzer: analyzer)
            analyzer.positionalArguments = bound
            defer { analyzer.positionalArguments = nil }
            return try translate(inner, sql: sql, analyzer: analyzer)
        case .security(let statement):
            return Translation(kind: .ddl, steps: SQLiteGenerator.steps(try analyzer.securitySteps(statement)))
        case .deallocate(let name, let position):
            return Translation(kind: .utility, steps: SQLiteGenerator.steps(try PreparedStatements.deallocateSteps(name, position: position, analyzer: analyzer)))
        case .cursor(.declare(let name, let query, _)):
            var translation = try translate(.query(query), sql: sql, analyzer: analyzer)
            guard translation.kind == .query else { throw SQLError.unsupported("DECLARE CURSOR FOR SELECT … INTO") }
            translation.kind = .declareCursor(name: name)
            return translation
        case .cursor(.fetch(let name, let count, _)):
            if case .forward(let rows) = count { return Translation(kind: .fetchCursor(name: name, count: rows), isReadOnly: true) }
            return Translation(kind: .fetchCursor(name: name, count: nil), isReadOnly: true)
        case .cursor(.close(let name, _)):
            return Translation(kind: .closeCursor(name: name))
        case .unload(let unload):
            return try unloadTranslation(unload, analyzer: analyzer)
        case .copy(let copy):
            return Translation(kind: .copy(try analyzer.copyPlan(copy)))
        case .external(let statement):
            return try analyzer.externalTranslation(statement)
        case .database(let command):
            return try analyzer.databaseTranslation(command)
        case .procedure(let statement):
            return try analyzer.procedureTranslation(statement)
        }
    }

    /// Splits a script into statements (used by --init-sql), respecting literals and comments.
    /// Empty statements are dropped; each statement is returned without its ";".
    public static func splitStatements(_ script: String) -> [String] {
        if let single = singleStatement(script) { return single }
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

    /// `splitStatements` without lexing for the common script: plain ASCII with no quote, dollar
    /// sign, comment character or semicolon but one at its end (`select 1;`), where nothing can
    /// hide a separator. nil when the script needs the lexer.
    static func singleStatement(_ script: String) -> [String]? {
        let bytes = script.utf8
        var first: String.UTF8View.Index?
        var last: String.UTF8View.Index?
        var semicolon: String.UTF8View.Index?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x00...0x08, 0x0E...0x1F, 0x7F...0xFF, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "$"),
                 UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "\\"):
                return nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                break
            case UInt8(ascii: ";"):
                guard semicolon == nil else { return nil }
                semicolon = index
            default:
                guard semicolon == nil else { return nil }   // text after the semicolon
                if first == nil { first = index }
                last = index
            }
            index = bytes.index(after: index)
        }
        guard let first, let last else { return semicolon == nil ? [] : nil }
        return [String(script[first...last])]
    }
}

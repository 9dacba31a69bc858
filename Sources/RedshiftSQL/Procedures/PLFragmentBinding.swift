/// Turns a fragment of a procedure body into SQL whose variable references are `$1 … $n`.
///
/// Only identifiers the caller names as variables are replaced, and not where an identifier is
/// not an expression: after `.` (a qualified column), before `(` (a function), in an INSERT's
/// column list or as an UPDATE's SET target. `record.field` is one reference.
///
/// For example, with variables `f1` and `f2`, `insert into t values (f1, f2 || 'x')` becomes
/// `insert into t values ($1, $2 || 'x')` with references `["f1", "f2"]`.
public struct PLFragmentBinding: Sendable {
    /// The SQL with `$n` in place of each reference.
    public var sql: String
    /// The variables (or `record.field`s) in the order of their `$n`; a name used twice gets one number.
    public var references: [String]

    /// - Parameters:
    ///   - isVariable: true for a visible scalar variable or record name.
    ///   - isRecord: true for a visible record variable (its `name.field` is one reference).
    public static func bind(_ text: String, isVariable: (String) -> Bool, isRecord: (String) -> Bool) throws -> PLFragmentBinding {
        let tokens = try Lexer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var references: [String] = []
        var copied = 0   // scalars copied so far
        func copy(upTo offset: Int) {
            if offset > copied { output.append(contentsOf: scalars[copied..<offset]) }
            copied = max(copied, offset)
        }
        func replace(from start: Int, to end: Int, reference: String) {
            copy(upTo: start)
            let number: Int
            if let existing = references.firstIndex(of: reference) { number = existing + 1 } else {
                references.append(reference)
                number = references.count
            }
            output.append(contentsOf: " $\(number) ".unicodeScalars)
            copied = end
        }
        let meaningful = tokens.filter { $0.kind != .comment }
        let isUpdate = meaningful.first?.isWord("update") == true
        let isInsert = meaningful.first?.isWord("insert") == true
        var depth = 0, inSetList = false, inInsertColumns = false
        var index = 0
        while index < meaningful.count {
            let token = meaningful[index]
            let previous = index > 0 ? meaningful[index - 1] : nil
            let next = index + 1 < meaningful.count ? meaningful[index + 1] : nil
            if token.kind == .symbol {
                if token.text == "(" {
                    depth += 1
                    if isInsert, depth == 1, index >= 3, meaningful[index - 2].isWord("into") || meaningful[index - 3].isWord("into") {
                        let keyword = previous.map { $0.kind == .word && ["values", "select", "with"].contains($0.text) } ?? true
                        inInsertColumns = !keyword && (previous?.kind == .word || previous?.kind == .quotedIdentifier)
                    }
                }
                if token.text == ")" { depth -= 1; if depth == 0 { inInsertColumns = false } }
            }
            if token.kind == .word, depth == 0, isUpdate {
                if token.text == "set" { inSetList = true }
                if token.text == "from" || token.text == "where" { inSetList = false }
            }
            if token.kind == .word, isVariable(token.text), previous?.isSymbol(".") != true, next?.isSymbol("(") != true,
               !inInsertColumns, !(inSetList && next?.isSymbol("=") == true && depth == 0) {
                let start = token.position - 1
                if next?.isSymbol(".") == true {
                    if isRecord(token.text), index + 2 < meaningful.count, meaningful[index + 2].kind == .word || meaningful[index + 2].kind == .quotedIdentifier {
                        let field = meaningful[index + 2]
                        let name = field.kind == .word ? field.text : field.text.lowercased()
                        replace(from: start, to: field.end, reference: token.text + "." + name)
                        index += 3
                        continue
                    }
                    index += 1   // a qualifier (table.column), not the variable
                    continue
                }
                replace(from: start, to: token.end, reference: token.text)
            }
            index += 1
        }
        copy(upTo: scalars.count)
        return PLFragmentBinding(sql: String(output), references: references)
    }
}

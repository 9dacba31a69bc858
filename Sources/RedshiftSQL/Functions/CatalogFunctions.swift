import Foundation

extension EmulatedFunctions {
    /// What the catalog views and the catalog macros (`Parser+CatalogMacros.swift`) compute in
    /// SQLite: array texts, column encodings by code, informational constraints.
    ///
    /// Arrays are text in the emulator, as PostgreSQL prints them: `{1,2}`, `{a,"b c"}`.
    static var catalogFunctions: [EmulatedFunction] {
        [
            // rs_array_element(value): one element as an array text writes it (quoted when needed).
            EmulatedFunction("rs_array_element", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .text("NULL") }
                return .text(ArrayText.element(text))
            },
            // rs_array_at(array, n): `array[n]`, 1-based; NULL out of range.
            EmulatedFunction("rs_array_at", argumentCount: 2) { args in
                guard let array = args[0].textValue, let n = args[1].integerValue else { return .null }
                let elements = ArrayText.elements(array)
                guard n >= 1, n <= Int64(elements.count) else { return .null }
                let element = elements[Int(n - 1)]
                return element == "NULL" ? .null : .text(element)
            },
            // rs_array_contains(array, value): `value = ANY(array)`.
            EmulatedFunction("rs_array_contains", argumentCount: 2) { args in
                guard let array = args[0].textValue, let value = args[1].textValue else { return .null }
                return .integer(ArrayText.elements(array).contains(value) ? 1 : 0)
            },
            // rs_array_to_string(array, separator): ARRAY_TO_STRING (NULL elements skipped).
            EmulatedFunction("rs_array_to_string", argumentCount: 2) { args in
                guard let array = args[0].textValue, let separator = args[1].textValue else { return .null }
                return .text(ArrayText.elements(array).filter { $0 != "NULL" }.joined(separator: separator))
            },
            // rs_encoding_name(code): pg_attribute.attencodingtype → the encoding's name.
            EmulatedFunction("rs_encoding_name", argumentCount: 1) { args in
                guard let code = args[0].integerValue else { return .null }
                return ColumnEncodings.name(ofCode: code).map { .text($0) } ?? .null
            },
            // rs_encoding_code(name): the encoding's name → pg_attribute.attencodingtype.
            EmulatedFunction("rs_encoding_code", argumentCount: 1) { args in
                guard let name = args[0].textValue else { return .null }
                return .integer(ColumnEncodings.code(of: name))
            },
            // rs_constraint_list(constraints): the table's constraint lines as a JSON array.
            EmulatedFunction("rs_constraint_list", argumentCount: 1) { args in
                let lines = (args[0].textValue ?? "").split(separator: "\n").map(String.init)
                let data = (try? JSONSerialization.data(withJSONObject: lines)) ?? Data("[]".utf8)
                return .text(String(decoding: data, as: UTF8.self))
            },
            // rs_constraint(line, field, table, columns, referenced columns, referenced constraints)
            EmulatedFunction("rs_constraint", argumentCount: 6) { args in
                guard let line = args[0].textValue, let field = args[1].textValue,
                      let constraint = InformationalConstraint(line, table: args[2].textValue ?? "") else { return .null }
                func list(_ value: SQLiteValue) -> [String] { (value.textValue ?? "").split(separator: "\n").map(String.init) }
                let referencedKey = constraint.referencedColumns.isEmpty
                    ? list(args[5]).compactMap { InformationalConstraint($0, table: "") }.first { $0.type == "p" }?.columns ?? []
                    : constraint.referencedColumns
                func ordinals(_ names: [String], in columns: [String]) -> SQLiteValue {
                    .text("{" + names.map { name in columns.firstIndex(of: name).map { String($0 + 1) } ?? "0" }.joined(separator: ",") + "}")
                }
                switch field {
                case "name": return .text(constraint.name)
                case "type": return .text(constraint.type)
                case "conkey": return ordinals(constraint.columns, in: list(args[3]))
                case "confkey": return constraint.type == "f" ? ordinals(referencedKey, in: list(args[4])) : .null
                case "ref_schema": return constraint.referencedTable.count == 2 ? .text(constraint.referencedTable[0]) : .null
                case "ref_table": return constraint.referencedTable.last.map { .text($0) } ?? .null
                case "definition": return .text(constraint.definition(referencedKey: referencedKey))
                case "columns_json":
                    let data = (try? JSONSerialization.data(withJSONObject: constraint.columns)) ?? Data("[]".utf8)
                    return .text(String(decoding: data, as: UTF8.self))
                case "indkey":  // int2vector text: the column numbers, space-separated
                    let columns = list(args[3])
                    return .text(constraint.columns.map { name in columns.firstIndex(of: name).map { String($0 + 1) } ?? "0" }.joined(separator: " "))
                case "indexdef":  // args[4]: the table's qualified name
                    return .text("CREATE UNIQUE INDEX \(constraint.name) ON \(args[4].textValue ?? "") USING btree (\(constraint.columns.joined(separator: ", ")))")
                default: return .null
                }
            },
        ]
    }
}

/// Array values as PostgreSQL writes them in text: `{a,b}`, elements with `,{}" \` or spaces quoted.
public enum ArrayText {
    static func element(_ text: String) -> String {
        let special = text.isEmpty || text.uppercased() == "NULL" || text.contains { ",{}\"\\ \t\n".contains($0) }
        guard special else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The elements of a one-dimensional array text, unquoted; empty for anything else.
    public static func elements(_ array: String) -> [String] {
        let trimmed = array.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), trimmed.count >= 2 else { return [] }
        let body = trimmed.dropFirst().dropLast()
        if body.isEmpty { return [] }
        var elements: [String] = []
        var current = ""
        var quoted = false, escaped = false
        for character in body {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\" where quoted: escaped = true
            case "\"": quoted.toggle()
            case "," where !quoted: elements.append(current); current = ""
            default: current.append(character)
            }
        }
        elements.append(current)
        return elements
    }
}

/// Column compression encodings by the code pg_attribute.attencodingtype holds.
///
/// - Redshift: the encodings (c_Compression_encodings); the codes are the emulator's (unverified).
enum ColumnEncodings {
    static let names = ["none", "bytedict", "delta", "delta32k", "lzo", "mostly8", "mostly16", "mostly32",
                        "runlength", "text255", "text32k", "zstd", "az64"]

    static func name(ofCode code: Int64) -> String? { code >= 0 && code < names.count ? names[Int(code)] : nil }
    static func code(of name: String) -> Int64 { Int64(names.firstIndex(of: name.lowercased()) ?? 0) }
}

/// One informational constraint as CREATE TABLE kept it (`PRIMARY KEY (a)`, `CONSTRAINT n UNIQUE (a, b)`,
/// `FOREIGN KEY (a) REFERENCES s.t (b)`, or a column's `REFERENCES t (b)` stored as such).
///
/// - Redshift: constraints are informational, listed in pg_constraint (t_Defining_constraints);
///   unnamed ones get PostgreSQL's names: `t_pkey`, `t_a_key`, `t_a_fkey`.
struct InformationalConstraint {
    var name: String
    /// `p`, `u` or `f` (pg_constraint.contype).
    var type: String
    var columns: [String]
    var referencedTable: [String] = []
    var referencedColumns: [String] = []

    init?(_ line: String, table: String) {
        guard let tokens = try? Lexer.tokenize(line).filter({ $0.kind != .comment && $0.kind != .end }) else { return nil }
        var index = 0
        func word(_ w: String) -> Bool {
            guard index < tokens.count, tokens[index].isWord(w) else { return false }
            index += 1
            return true
        }
        func identifier() -> String? {
            guard index < tokens.count, tokens[index].kind == .word || tokens[index].kind == .quotedIdentifier else { return nil }
            defer { index += 1 }
            return tokens[index].kind == .word ? tokens[index].text : tokens[index].text.lowercased()
        }
        func identifierList() -> [String] {
            guard index < tokens.count, tokens[index].isSymbol("(") else { return [] }
            index += 1
            var names: [String] = []
            while index < tokens.count, !tokens[index].isSymbol(")") {
                if let name = identifier() { names.append(name) } else { index += 1 }
            }
            index += 1
            return names
        }
        var explicitName: String?
        if word("constraint") { explicitName = identifier() }
        if word("primary") {
            guard word("key") else { return nil }
            type = "p"
        } else if word("unique") {
            type = "u"
        } else if word("foreign") {
            guard word("key") else { return nil }
            type = "f"
        } else if index < tokens.count, tokens[index].isWord("references") {
            type = "f"  // a column's REFERENCES is stored without its column; callers store FOREIGN KEY
        } else {
            return nil
        }
        columns = identifierList()
        if type == "f" {
            guard word("references") else { return nil }
            while let part = identifier() {
                referencedTable.append(part)
                guard index < tokens.count, tokens[index].isSymbol(".") else { break }
                index += 1
            }
            referencedColumns = identifierList()
        }
        let suffix = ["p": "pkey", "u": "key", "f": "fkey"][type] ?? "key"
        name = explicitName ?? ([table] + (type == "p" ? [] : columns.prefix(1)) + [suffix]).joined(separator: "_")
    }

    /// pg_get_constraintdef: `PRIMARY KEY (a)`, `UNIQUE (a, b)`, `FOREIGN KEY (a) REFERENCES t(b)`.
    func definition(referencedKey: [String]) -> String {
        let list = columns.joined(separator: ", ")
        switch type {
        case "p": return "PRIMARY KEY (\(list))"
        case "u": return "UNIQUE (\(list))"
        default:
            return "FOREIGN KEY (\(list)) REFERENCES \(referencedTable.joined(separator: "."))(\(referencedKey.joined(separator: ", ")))"
        }
    }
}

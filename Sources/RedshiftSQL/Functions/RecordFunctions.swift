import Foundation

extension EmulatedFunctions {
    /// Arrays as rows and records as text (Analyzer+SetReturning.swift): `_pg_expandarray` and `(record).field`.
    static var recordFunctions: [EmulatedFunction] {
        [
            // rs_array_json(array): an array text (`{1,2}`) or an int2vector/oidvector text (`1 2`) as a JSON
            // array for json_each; integers stay numbers, NULL elements are null.
            EmulatedFunction("rs_array_json", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                let elements = trimmed.hasPrefix("{") ? ArrayText.elements(trimmed) : trimmed.split(separator: " ").map(String.init)
                let values: [Any] = elements.map { element in
                    if element == "NULL" { return NSNull() }
                    return Int64(element).map { NSNumber(value: $0) } ?? element
                }
                let data = (try? JSONSerialization.data(withJSONObject: values)) ?? Data("[]".utf8)
                return .text(String(decoding: data, as: UTF8.self))
            },
            // rs_series_json(start, stop, step): generate_series's values as a JSON array for json_each.
            EmulatedFunction("rs_series_json", argumentCount: 3) { args in
                guard let start = args[0].integerValue, let stop = args[1].integerValue, let step = args[2].integerValue else { return .null }
                guard step != 0 else { throw SQLError(code: "22023", message: "step size cannot equal zero") }
                let count = stop == start ? 1 : ((stop > start) == (step > 0) ? (stop - start) / step + 1 : 0)
                guard count <= Int64(Analyzer.seriesLimit) else {
                    throw SQLError.unsupported("generate_series of more than \(Analyzer.seriesLimit) rows")
                }
                let values = stride(from: start, through: stop, by: Int(step)).map { String($0) }
                return .text("[" + values.joined(separator: ",") + "]")
            },
            // rs_record(field, …): a record as PostgreSQL prints one, `(3,1)`.
            EmulatedFunction("rs_record", argumentCount: nil) { args in
                .text(RecordText.text(args.map(\.textValue)))
            },
            // rs_record_field(record, n): the record's n-th field (1-based), an integer when it reads as one.
            EmulatedFunction("rs_record_field", argumentCount: 2) { args in
                guard let record = args[0].textValue, let n = args[1].integerValue else { return .null }
                let fields = RecordText.fields(record)
                guard n >= 1, n <= Int64(fields.count), let field = fields[Int(n - 1)] else { return .null }
                return Int64(field).map { .integer($0) } ?? .text(field)
            },
        ]
    }
}

/// Records as PostgreSQL writes them in text: `(a,b)`, a NULL field empty, a field with `,()"\` or
/// spaces (or an empty string) quoted.
enum RecordText {
    static func text(_ fields: [String?]) -> String {
        "(" + fields.map { field -> String in
            guard let field else { return "" }
            let special = field.isEmpty || field.contains { ",()\"\\ \t\n".contains($0) }
            guard special else { return field }
            return "\"" + field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + ")"
    }

    /// The fields of a record text; nil for NULL (an empty unquoted field). Empty for anything else.
    static func fields(_ record: String) -> [String?] {
        guard record.hasPrefix("("), record.hasSuffix(")"), record.count >= 2 else { return [] }
        let body = Array(record.dropFirst().dropLast())
        var fields: [String?] = []
        var current = "", quoted = false, wasQuoted = false, index = 0
        while index < body.count {
            let character = body[index]
            if quoted {
                if character == "\\", index + 1 < body.count { current.append(body[index + 1]); index += 1 }
                else if character == "\"", index + 1 < body.count, body[index + 1] == "\"" { current.append("\""); index += 1 }
                else if character == "\"" { quoted = false }
                else { current.append(character) }
            } else if character == "\"" {
                quoted = true; wasQuoted = true
            } else if character == "," {
                fields.append(current.isEmpty && !wasQuoted ? nil : current)
                current = ""; wasQuoted = false
            } else {
                current.append(character)
            }
            index += 1
        }
        fields.append(current.isEmpty && !wasQuoted ? nil : current)
        return fields
    }
}

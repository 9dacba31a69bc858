/// Assembles one record of a nested field from its leaves' entries (the record assembly of the
/// Dremel paper, which Parquet's levels follow) and renders it as JSON text, which COPY loads
/// into SUPER or VARCHAR: groups become objects, LIST-annotated groups and repeated fields
/// arrays, MAP-annotated groups objects keyed by the map's keys.
struct NestedAssembler {
    let field: NestedField

    /// A leaf entry placed in the record: the element index at each repeated level.
    private struct Slot {
        var leaf: Int
        var indices: [Int]
        var definition: Int
        var value: BulkValue?
    }

    private indirect enum Node {
        case null
        case value(BulkValue)
        case array([Node])
        case object([(String, Node)])
    }

    /// The record's value: its JSON text, or null when the field itself is null.
    func value(_ records: [[LeafEntry]]) -> BulkValue {
        var slots: [Slot] = []
        for (leaf, entries) in records.enumerated() {
            var indices = [Int](repeating: 0, count: field.leaves[leaf].maxRepetitionLevel)
            for (n, entry) in entries.enumerated() {
                if n > 0, entry.repetition > 0 {
                    indices[entry.repetition - 1] += 1
                    for j in entry.repetition..<indices.count { indices[j] = 0 }
                }
                slots.append(Slot(leaf: leaf, indices: indices, definition: entry.definition, value: entry.value))
            }
        }
        let node = build(field.node, definition: 0, repetition: 0, slots)
        if case .null = node { return .null }
        var text = ""
        render(node, into: &text)
        return .string(text)
    }

    private func leaves(of node: SchemaNode) -> Range<Int> {
        let base = field.node.leaves.lowerBound
        return node.leaves.lowerBound - base..<node.leaves.upperBound - base
    }

    private func build(_ node: SchemaNode, definition parentDefinition: Int, repetition parentRepetition: Int,
                       _ candidates: [Slot]) -> Node {
        let range = leaves(of: node)
        let mine = candidates.filter { range.contains($0.leaf) }
        let definition = parentDefinition + (node.repetition == .required ? 0 : 1)
        let repetition = parentRepetition + (node.repetition == .repeated ? 1 : 0)
        if node.repetition == .repeated {
            let present = mine.filter { $0.definition >= definition }
            let count = (present.map { $0.indices[repetition - 1] }.max() ?? -1) + 1
            return .array((0..<count).map { element in
                content(node, definition, repetition, present.filter { $0.indices[repetition - 1] == element })
            })
        }
        if node.repetition == .optional && !mine.contains(where: { $0.definition >= definition }) { return .null }
        return content(node, definition, repetition, mine)
    }

    /// A present node's value (for a repeated node, one element's).
    private func content(_ node: SchemaNode, _ definition: Int, _ repetition: Int, _ slots: [Slot]) -> Node {
        if node.children.isEmpty {
            return slots.first?.value.map(Node.value) ?? .null
        }
        let element = node.element
        let isList = element.logicalType == .list || element.convertedType == .list
        let isMap = element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
        if isList, node.children.count == 1, node.children[0].repetition == .repeated {
            let repeated = node.children[0]
            guard case .array(let elements) = build(repeated, definition: definition, repetition: repetition, slots) else {
                return .array([])
            }
            // LogicalTypes.md backward compatibility: a one-field repeated group is the element's
            // wrapper unless it is named "array" or "<list>_tuple".
            let unwrap = repeated.children.count == 1 && repeated.element.name != "array"
                && repeated.element.name != element.name + "_tuple"
            return .array(elements.map { item in
                if unwrap, case .object(let fields) = item, fields.count == 1 { return fields[0].1 }
                return item
            })
        }
        if isMap, node.children.count == 1, node.children[0].repetition == .repeated {
            guard case .array(let pairs) = build(node.children[0], definition: definition, repetition: repetition, slots) else {
                return .object([])
            }
            return .object(pairs.compactMap { pair in
                guard case .object(let fields) = pair, let key = fields.first else { return nil }
                return (Self.keyText(key.1), fields.count > 1 ? fields[1].1 : .null)
            })
        }
        return .object(node.children.map { ($0.element.name, build($0, definition: definition, repetition: repetition, slots)) })
    }

    private static func keyText(_ node: Node) -> String {
        switch node {
        case .value(.string(let text)): return text
        case .value(let value):
            var text = ""
            JSONText.append(value, to: &text)
            return text.hasPrefix("\"") ? String(text.dropFirst().dropLast()) : text
        default: return ""
        }
    }

    private func render(_ node: Node, into text: inout String) {
        switch node {
        case .null: text += "null"
        case .value(let value): JSONText.append(value, to: &text)
        case .array(let items):
            text += "["
            for (i, item) in items.enumerated() {
                if i > 0 { text += "," }
                render(item, into: &text)
            }
            text += "]"
        case .object(let fields):
            text += "{"
            for (i, (name, item)) in fields.enumerated() {
                if i > 0 { text += "," }
                JSONText.appendString(name, to: &text)
                text += ":"
                render(item, into: &text)
            }
            text += "}"
        }
    }
}

/// `BulkValue`s as JSON text inside a nested value: numbers as numbers (NaN and infinities,
/// which JSON cannot hold, as null), DECIMAL as a number with its scale, strings escaped, bytes
/// as a string of code points 0–255 (as the Avro reader renders them), dates, times and
/// timestamps as ISO-style strings.
enum JSONText {
    static func append(_ value: BulkValue, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .boolean(let v): text += v ? "true" : "false"
        case .int(let v): text += String(v)
        case .double(let v): text += v.isFinite ? "\(v)" : "null"
        case .decimal(let v, _): text += v
        case .string(let v): appendString(v, to: &text)
        case .bytes(let v): appendString(String(v.map { Character(Unicode.Scalar($0)) }), to: &text)
        case .date(let days): appendString(CivilDate(days: Int64(days)).text, to: &text)
        case .time(let micros): appendString(timeText(micros), to: &text)
        case .timestamp(let micros, let utc):
            let days = micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000
            let text2 = CivilDate(days: days).text + " " + timeText(micros - days * 86_400_000_000) + (utc ? "+00" : "")
            appendString(text2, to: &text)
        }
    }

    static func appendString(_ value: String, to text: inout String) { JSONStringLiteral.append(value, to: &text) }

    /// "HH:MM:SS" with ".ffffff" when there are microseconds.
    private static func timeText(_ micros: Int64) -> String {
        let seconds = micros / 1_000_000
        let fraction = micros % 1_000_000
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if fraction > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text
    }
}

/// A proleptic Gregorian date from days since 1970-01-01 (the civil-from-days computation).
struct CivilDate {
    let year: Int64, month: Int64, day: Int64

    init(days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// "YYYY-MM-DD" (years before 1 as negative numbers).
    var text: String {
        func pad(_ n: Int64, _ width: Int) -> String {
            let digits = String(n.magnitude)
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

import Foundation

/// Parses the JSON text of an `avro.schema` header into an `AvroSchema`.
///
/// Follows the specification's name resolution: a name with a dot is a full name; otherwise the
/// type's `namespace`, or the enclosing one, qualifies it. A reference to a named type already
/// defined is replaced by its definition; a reference to the record being defined stays a
/// `.reference` and is kept in `names`.
struct AvroSchemaParser {
    private(set) var names: AvroSchemaNames = [:]
    /// Records whose fields are being parsed: references to them stay references.
    private var definingNames: Set<String> = []

    /// Parses `text`, the schema's JSON.
    mutating func parse(_ text: String) throws -> AvroSchema {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw AvroError(.schema, "Invalid Avro schema: the avro.schema header is not valid JSON")
        }
        return try parse(json, namespace: "")
    }

    private mutating func parse(_ json: Any, namespace: String) throws -> AvroSchema {
        switch json {
        case let name as String:
            return try named(name, namespace: namespace)
        case let branches as [Any]:
            return .union(try branches.map { try parse($0, namespace: namespace) })
        case let object as [String: Any]:
            return try parseObject(object, namespace: namespace)
        default:
            throw AvroError(.schema, "Invalid Avro schema: unexpected JSON \(json)")
        }
    }

    /// A primitive type's name, or a reference to a named type.
    private func named(_ name: String, namespace: String) throws -> AvroSchema {
        switch name {
        case "null": return .null
        case "boolean": return .boolean
        case "int": return .int
        case "long": return .long
        case "float": return .float
        case "double": return .double
        case "bytes": return .bytes
        case "string": return .string
        default:
            let candidates = name.contains(".") || namespace.isEmpty ? [name] : [namespace + "." + name, name]
            for candidate in candidates {
                if definingNames.contains(candidate) { return .reference(candidate) }
                if let schema = names[candidate] { return schema }
            }
            throw AvroError(.schema, "Invalid Avro schema: unknown type '\(name)'")
        }
    }

    private mutating func parseObject(_ object: [String: Any], namespace: String) throws -> AvroSchema {
        guard let type = object["type"] else { throw AvroError(.schema, "Invalid Avro schema: a type has no \"type\"") }
        guard let typeName = type as? String else {
            // {"type": {"type": "array", …}} or {"type": ["null", "int"]}: a schema nested in "type".
            return try parse(type, namespace: namespace)
        }
        let base: AvroSchema
        switch typeName {
        case "record", "error":
            base = try parseRecord(object, namespace: namespace)
        case "enum":
            let name = try fullName(object, namespace: namespace)
            guard let symbols = object["symbols"] as? [String] else {
                throw AvroError(.schema, "Invalid Avro schema: enum '\(name)' has no symbols")
            }
            base = .enumeration(name: name, symbols: symbols)
            names[name] = base
        case "array":
            guard let items = object["items"] else { throw AvroError(.schema, "Invalid Avro schema: array without items") }
            base = .array(items: try parse(items, namespace: namespace))
        case "map":
            guard let values = object["values"] else { throw AvroError(.schema, "Invalid Avro schema: map without values") }
            base = .map(values: try parse(values, namespace: namespace))
        case "fixed":
            let name = try fullName(object, namespace: namespace)
            guard let size = object["size"] as? Int, size >= 0 else {
                throw AvroError(.schema, "Invalid Avro schema: fixed '\(name)' has no valid size")
            }
            // Registered with its logical type (a named decimal), below.
            let fixed = AvroSchema.fixed(name: name, size: size)
            let schema = (object["logicalType"] as? String).flatMap { Self.logical($0, on: fixed, object) } ?? fixed
            names[name] = schema
            return schema
        default:
            base = try named(typeName, namespace: namespace)
        }
        guard let logicalType = object["logicalType"] as? String else { return base }
        return Self.logical(logicalType, on: base, object) ?? base
    }

    private mutating func parseRecord(_ object: [String: Any], namespace: String) throws -> AvroSchema {
        let name = try fullName(object, namespace: namespace)
        guard let fieldList = object["fields"] as? [[String: Any]] else {
            throw AvroError(.schema, "Invalid Avro schema: record '\(name)' has no fields")
        }
        let inner = name.contains(".") ? String(name[..<name.lastIndex(of: ".")!]) : ""
        definingNames.insert(name)
        var fields: [AvroField] = []
        for field in fieldList {
            guard let fieldName = field["name"] as? String, let fieldType = field["type"] else {
                throw AvroError(.schema, "Invalid Avro schema: a field of record '\(name)' has no name or type")
            }
            fields.append(AvroField(name: fieldName, schema: try parse(fieldType, namespace: inner)))
        }
        definingNames.remove(name)
        let record = AvroSchema.record(name: name, fields: fields)
        names[name] = record
        return record
    }

    private func fullName(_ object: [String: Any], namespace: String) throws -> String {
        guard let name = object["name"] as? String, !name.isEmpty else {
            throw AvroError(.schema, "Invalid Avro schema: a named type has no name")
        }
        if name.contains(".") { return name }
        let space = (object["namespace"] as? String) ?? namespace
        return space.isEmpty ? name : space + "." + name
    }

    /// The logical type `name` on `base`, or nil when it does not apply (the base type is used).
    private static func logical(_ name: String, on base: AvroSchema, _ object: [String: Any]) -> AvroSchema? {
        switch (name, base) {
        case ("decimal", .bytes), ("decimal", .fixed):
            guard let precision = object["precision"] as? Int, precision > 0 else { return nil }
            let scale = (object["scale"] as? Int) ?? 0
            guard scale >= 0, scale <= precision else { return nil }
            if case .fixed(_, let size) = base { return .decimal(precision: precision, scale: scale, fixedSize: size) }
            return .decimal(precision: precision, scale: scale, fixedSize: nil)
        case ("date", .int): return .date
        case ("time-millis", .int): return .timeMillis
        case ("time-micros", .long): return .timeMicros
        case ("timestamp-millis", .long): return .timestampMillis
        case ("timestamp-micros", .long): return .timestampMicros
        case ("timestamp-nanos", .long): return .timestampNanos
        case ("local-timestamp-millis", .long): return .localTimestampMillis
        case ("local-timestamp-micros", .long): return .localTimestampMicros
        case ("local-timestamp-nanos", .long): return .localTimestampNanos
        case ("uuid", .string): return .uuid
        default: return nil
        }
    }
}

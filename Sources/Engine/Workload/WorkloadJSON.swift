import Foundation

/// A parsed JSON (or YAML) value, kept as a tree so that validators can name unknown keys and positions.
///
/// `JSONDecoder` (and Yams) decode it through `Decodable`; the workload validators then walk it with
/// `WorkloadObject`, which turns every mistake into a `WorkloadConfigError` naming the key.
public enum WorkloadJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([WorkloadJSON])
    case object([String: WorkloadJSON])

    /// Parses JSON text; the error says where the text is malformed.
    public static func parse(_ data: Data, what: String) throws -> WorkloadJSON {
        do {
            return try JSONDecoder().decode(WorkloadJSON.self, from: data)
        } catch {
            throw WorkloadConfigError("\(what) is not valid JSON: \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" }) ?? context.debugDescription
        }
        return "\(error)"
    }

    /// A short name of the value's JSON type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension WorkloadJSON: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([WorkloadJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: WorkloadJSON].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// A configuration mistake, worded to name the offending key and where it is, e.g.
/// `queue 2: query_concurrency must be between 1 and 50`.
public struct WorkloadConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A JSON object being validated: typed accessors whose errors name `place` and the key.
struct WorkloadObject {
    let fields: [String: WorkloadJSON]
    /// Where the object is, e.g. `queue 2` or `rule "r1"`.
    let place: String

    init(_ value: WorkloadJSON, place: String) throws {
        guard case .object(let fields) = value else {
            throw WorkloadConfigError("\(place) must be a JSON object, not \(value.typeName)")
        }
        self.fields = fields
        self.place = place
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    /// Rejects keys outside `allowed` (the first one in sorted order, so the message is stable).
    func rejectUnknownKeys(allowed: Set<String>) throws {
        if let unknown = fields.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw WorkloadConfigError("unknown key \"\(unknown)\" in \(place)")
        }
    }

    func fail(_ key: String, _ problem: String) -> WorkloadConfigError {
        WorkloadConfigError("\(place): \(key) \(problem)")
    }

    func int(_ key: String) throws -> Int? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            throw fail(key, "must be an integer, not \(value.typeName)")
        }
        return Int(number)
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try int(key) else { return nil }
        guard range.contains(value) else { throw fail(key, "must be between \(range.lowerBound) and \(range.upperBound)") }
        return value
    }

    func double(_ key: String) throws -> Double? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value else { throw fail(key, "must be a number, not \(value.typeName)") }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw fail(key, "must be true or false, not \(value.typeName)") }
        return flag
    }

    /// A 0/1 flag (`user_group_wild_card`); `true`/`false` are accepted too.
    func flag(_ key: String) throws -> Bool? {
        guard let value = fields[key], value != .null else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .number(0): return false
        case .number(1): return true
        default: throw fail(key, "must be 0 or 1")
        }
    }

    func string(_ key: String) throws -> String? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw fail(key, "must be a string, not \(value.typeName)") }
        return text
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = fields[key], value != .null else { return nil }
        if case .string(let single) = value { return [single] }
        guard case .array(let items) = value else { throw fail(key, "must be an array of strings, not \(value.typeName)") }
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item else { throw fail(key, "element \(index + 1) must be a string") }
            return text
        }
    }

    func array(_ key: String) throws -> [WorkloadJSON]? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .array(let items) = value else { throw fail(key, "must be an array, not \(value.typeName)") }
        return items
    }
}

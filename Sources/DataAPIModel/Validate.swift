import Foundation

/// A generated input shape that checks the model's constraints (see Generated/Validation.swift).
public protocol ValidatableShape {
    func validate(path: String) throws
}

/// The constraint checks the generated `validate(path:)` methods call.
///
/// Messages follow the Data API's own style, `<field> must satisfy regex pattern: <regex>`
/// (reference data-api.md §12), with similar short sentences for lengths and ranges.
enum Validate {
    static func length(_ value: String, min: Int, field: String) throws {
        if value.count < min { throw DataAPIError.validation("\(field) must have length greater than or equal to \(min)") }
    }

    static func maxLength(_ value: String, max: Int, field: String) throws {
        if value.count > max { throw DataAPIError.validation("\(field) must have length less than or equal to \(max)") }
    }

    static func pattern(_ value: String, _ regex: Regex<AnyRegexOutput>, source: String, field: String) throws {
        if (try? regex.wholeMatch(in: value)) == nil {
            throw DataAPIError.validation("\(field) must satisfy regex pattern: ^\(source)$")
        }
    }

    static func oneOf(_ value: String, _ allowed: [String], field: String) throws {
        if !allowed.contains(value) {
            throw DataAPIError.validation("\(field) must be one of [\(allowed.joined(separator: ", "))]")
        }
    }

    static func range(_ value: Int64, min: Int64?, max: Int64?, field: String) throws {
        if let min, value < min { throw DataAPIError.validation("\(field) must be greater than or equal to \(min)") }
        if let max, value > max { throw DataAPIError.validation("\(field) must be less than or equal to \(max)") }
    }

    static func count(_ count: Int, min: Int?, max: Int?, field: String) throws {
        if let min, count < min { throw DataAPIError.validation("\(field) must have at least \(min) item(s)") }
        if let max, count > max { throw DataAPIError.validation("\(field) must have at most \(max) item(s)") }
    }
}

/// A Redshift function the generator emits as an `rs_<name>(...)` call; the engine registers each
/// on every SQLite connection.
///
/// Bodies throw `SQLError` for Redshift runtime errors (the engine carries them through SQLite).
public struct EmulatedFunction: Sendable {
    /// The SQLite function name, `rs_…`.
    public let name: String
    /// nil = variadic.
    public let argumentCount: Int?
    public let isDeterministic: Bool
    public let body: @Sendable ([SQLiteValue]) throws -> SQLiteValue

    public init(_ name: String, argumentCount: Int?, isDeterministic: Bool = true, body: @escaping @Sendable ([SQLiteValue]) throws -> SQLiteValue) {
        self.name = name
        self.argumentCount = argumentCount
        self.isDeterministic = isDeterministic
        self.body = body
    }
}

/// Every emulated function.
public enum EmulatedFunctions {
    public static var all: [EmulatedFunction] {
        conversionFunctions + stringFunctions + mathFunctions + dateFunctions + formatFunctions + decimalFunctions + wideDecimalFunctions
            + intervalFunctions + CatalogTypes.functions + catalogFunctions + recordFunctions
            + hashFunctions + regexFunctions + jsonFunctions + superFunctions + superStrictFunctions + statisticalWindowFunctions + windowPickFunctions
            + varbyteFunctions + checksumFunctions + windowFrameFunctions + hllFunctions
    }

    private static let byName: [String: EmulatedFunction] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The function named `name`, for tests and tools (and constant folding).
    public static func named(_ name: String) -> EmulatedFunction? { byName[name] }
}

extension SQLiteValue {
    /// The value as a Double when numeric (text parsed), nil for NULL.
    var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        case .null, .blob: return nil
        }
    }
    var isNull: Bool { self == .null }
}

import Foundation

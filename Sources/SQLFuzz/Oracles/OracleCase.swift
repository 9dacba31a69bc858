import RedshiftSQL

/// What one oracle check concluded.
public enum Verdict: Sendable {
    /// The queries agree.
    case agree
    /// A query failed (an error is no answer to compare): the error text.
    case skipped(String)
    /// The queries disagree: how.
    case mismatch(String)
}

/// The oracles (SQLancer's TLP and NoREC, and the RLS tenant oracle).
public enum OracleKind: String, Sendable, CaseIterable, Comparable {
    case tlpWhere = "TLP-WHERE"
    case tlpDistinct = "TLP-DISTINCT"
    case tlpGroupBy = "TLP-GROUP-BY"
    case tlpAggregate = "TLP-AGGREGATE"
    case tlpHaving = "TLP-HAVING"
    case noREC = "NoREC"
    case rls = "RLS"

    public static func < (a: OracleKind, b: OracleKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One generated check: the queries it runs and the relation their answers must satisfy.
public protocol OracleCase: Sendable {
    var kind: OracleKind { get }
    /// Every statement the check runs, as it runs them (for a report that reproduces it).
    var statements: [String] { get }
    func check(_ db: FuzzDatabase) async -> Verdict
    /// Variants one step simpler (a smaller predicate); empty when nothing shrinks.
    func simplifications() -> [any OracleCase]
}

extension OracleCase {
    public func simplifications() -> [any OracleCase] { [] }
}

/// Runs queries in order; the first failure ends the check as skipped.
func answers(_ db: FuzzDatabase, _ queries: [String], as user: String = FuzzDatabase.superuser) async
    -> Result<[[[SQLiteValue]]], FuzzQueryError> {
    var all: [[[SQLiteValue]]] = []
    for sql in queries {
        switch await db.run(sql, as: user) {
        case .success(let rows): all.append(rows)
        case .failure(let error): return .failure(error)
        }
    }
    return .success(all)
}

/// Replaces the `⟦table⟧` placeholders with table names: the table itself, or (for the RLS
/// oracle's superuser side) a copy holding the rows a tenant's policies admit.
public struct TableNaming: Sendable {
    public var renamed: [String: String] = [:]

    public init(renamed: [String: String] = [:]) { self.renamed = renamed }

    public func apply(_ sql: String) -> String {
        var out = ""
        var rest = sql[...]
        while let open = rest.firstIndex(of: "⟦") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "⟧") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            out += renamed[name] ?? name
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

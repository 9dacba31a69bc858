/// A column the fuzzer created.
public struct FuzzColumn: Sendable {
    public var name: String
    public var type: FuzzType

    public init(name: String, type: FuzzType) {
        self.name = name
        self.type = type
    }
}

/// A generated table: an `id` key (unique, NOT NULL: a total order for windows and LIMIT) and random
/// columns, with its rows as INSERT literals so a shrink can drop some.
public struct FuzzTable: Sendable {
    public var name: String
    public var columns: [FuzzColumn]
    public var rows: [[String]]

    public init(name: String, columns: [FuzzColumn], rows: [[String]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// `CREATE TABLE`.
    public var createSQL: String {
        "CREATE TABLE \(name) (" + columns.map { "\($0.name) \($0.type.sql)" + ($0.name == "id" ? " NOT NULL" : "") }
            .joined(separator: ", ") + ")"
    }

    /// One `INSERT` of every row, or nil when there are none.
    public var insertSQL: String? {
        rows.isEmpty ? nil : "INSERT INTO \(name) VALUES " + rows.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ", ")
    }

    /// A random table of `rowCount` rows.
    public static func random(name: String, rowCount: Int, _ rng: inout FuzzRandom) -> FuzzTable {
        var columns = [FuzzColumn(name: "id", type: .integer)]
        for i in 0..<rng.int(2...5) { columns.append(FuzzColumn(name: "c\(i)", type: .random(&rng))) }
        // Most tables get a small integer and a short text column: values that repeat, for joins and groups.
        if rng.chance(0.7) { columns.append(FuzzColumn(name: "k", type: .integer)) }
        if rng.chance(0.5) { columns.append(FuzzColumn(name: "s", type: .varchar(8))) }
        var rows: [[String]] = []
        for id in 0..<rowCount {
            rows.append(columns.map { column in
                switch column.name {
                case "id": return String(id + 1)
                case "k": return rng.chance(0.15) ? "NULL" : String(rng.int(0...3))
                case "s": return rng.chance(0.15) ? "NULL" : "'" + rng.pick(["x", "y", "x ", "Y"]) + "'"
                default: return column.type.randomValue(&rng)
                }
            })
        }
        return FuzzTable(name: name, columns: columns, rows: rows)
    }
}

/// The tables of one fuzzing round.
public struct FuzzSchema: Sendable {
    public var tables: [FuzzTable]

    public init(tables: [FuzzTable]) { self.tables = tables }

    public static func random(tableCount: Int, maxRows: Int, _ rng: inout FuzzRandom) -> FuzzSchema {
        FuzzSchema(tables: (0..<tableCount).map { FuzzTable.random(name: "t\($0)", rowCount: rng.int(0...maxRows), &rng) })
    }

    /// DDL and data, in order.
    public var setupSQL: [String] {
        tables.flatMap { [$0.createSQL] + ($0.insertSQL.map { [$0] } ?? []) }
    }
}

/// A stored procedure or SQL UDF as the catalog keeps it (`_rs_routines`).
public struct RoutineDefinition: Sendable, Equatable {
    public var oid: Int64
    public var schema: String
    public var name: String
    public var isFunction: Bool
    public var arguments: [RoutineArgument]
    public var body: String
    public var language: String
    public var owner: String
    public var securityDefiner: Bool
    public var nonatomic: Bool
    /// `SET search_path` given on the procedure; nil when none.
    public var searchPath: String?
    /// Functions: the return type.
    public var returns: RedshiftType?
    public var volatility: String
    /// Who may EXECUTE it besides its owner and superusers: user names, `group:g`, `role:r`, `public`.
    public var grantees: [String]

    /// The arguments a CALL passes (IN and INOUT).
    public var inputArguments: [RoutineArgument] { arguments.filter { $0.mode != .out } }
    /// The arguments CALL returns as its result row (INOUT and OUT).
    public var outputArguments: [RoutineArgument] { arguments.filter { $0.mode != .in } }
    /// `name(type, …)` of the input arguments, as errors and SHOW print it.
    public var signature: String { "\(name)(\(inputArguments.map(\.type.formatTypeName).joined(separator: ", ")))" }
}

/// What CALL hands the engine: the procedure and its arguments as written (the engine evaluates
/// them as `SELECT (arg)::type, …` through the same Translator path, variables bound).
public struct ProcedureCall: Sendable, Equatable {
    public var definition: RoutineDefinition
    /// The CALL's argument texts, one per input argument.
    public var arguments: [String]
}

/// The `_rs_routines` meta table: procedures and SQL UDFs of one database.
enum RoutineCatalog {
    static let table = "_rs_routines"
    static let columns = "oid, schema_name, name, is_function, arguments, body, language, owner, security_definer, nonatomic, search_path, returns, volatility, grantees"

    /// One row per argument (information_schema.parameters).
    static let argumentTable = "_rs_routine_arguments"

    /// Both tables (idempotent; part of the database bootstrap).
    static var createSteps: [SQLiteStatement] {
        [SQLiteStatement(sql: """
            CREATE TABLE IF NOT EXISTS main.\(table) (oid INTEGER PRIMARY KEY, schema_name TEXT NOT NULL, name TEXT NOT NULL, \
            is_function INTEGER NOT NULL, arguments TEXT NOT NULL, signature TEXT NOT NULL, body TEXT NOT NULL, language TEXT NOT NULL, \
            owner TEXT NOT NULL, security_definer INTEGER NOT NULL, nonatomic INTEGER NOT NULL, search_path TEXT, returns TEXT, \
            volatility TEXT NOT NULL, grantees TEXT NOT NULL, arg_names TEXT, arg_modes TEXT, nargs INTEGER NOT NULL DEFAULT 0, arg_types TEXT)
            """),
         SQLiteStatement(sql: """
            CREATE TABLE IF NOT EXISTS main.\(argumentTable) (oid INTEGER NOT NULL, position INTEGER NOT NULL, mode TEXT NOT NULL, \
            name TEXT, type TEXT NOT NULL, PRIMARY KEY (oid, position))
            """)]
    }

    /// The steps that store `arguments` of routine `oid` (an SQL expression) in the argument table
    /// and the derived pg_proc columns.
    static func argumentSteps(oid: String, oidArguments: [SQLiteValue], _ arguments: [RoutineArgument]) -> [SQLiteStatement] {
        var steps = [SQLiteStatement(sql: "DELETE FROM main.\(argumentTable) WHERE oid = \(oid)", arguments: oidArguments)]
        for (index, argument) in arguments.enumerated() {
            steps.append(SQLiteStatement(sql: "INSERT INTO main.\(argumentTable) (oid, position, mode, name, type) VALUES (\(oid), ?, ?, ?, ?)",
                                         arguments: oidArguments + [.integer(Int64(index + 1)), .text(argument.mode.rawValue.uppercased()),
                                                                    argument.name.map(SQLiteValue.text) ?? .null,
                                                                    .text(argument.isRefcursor ? "refcursor" : argument.type.formatTypeName)]))
        }
        let names = "{" + arguments.map { $0.name ?? "" }.joined(separator: ",") + "}"
        let modes = "{" + arguments.map { $0.mode == .in ? "i" : $0.mode == .out ? "o" : "b" }.joined(separator: ",") + "}"
        let types = arguments.filter { $0.mode != .out }.map { $0.isRefcursor ? "refcursor" : $0.type.formatTypeName }.joined(separator: ", ")
        steps.append(SQLiteStatement(sql: "UPDATE main.\(table) SET arg_names = ?, arg_modes = ?, nargs = ?, arg_types = ? WHERE oid = \(oid)",
                                     arguments: [.text(names), .text(modes), .integer(Int64(arguments.filter { $0.mode != .out }.count)), .text(types)] + oidArguments))
        return steps
    }

    /// First oid handed out (clear of the built-in catalog's oids).
    static let firstOid: Int64 = 200_000

    /// Every routine named `name` in `schema` (kind: procedures or functions).
    static func routines(named name: String, schema: String, function: Bool, executor: any SQLiteExecutor) throws -> [RoutineDefinition] {
        let rows = try executor.query(SQLiteStatement(
            sql: "SELECT \(columns) FROM main.\(table) WHERE schema_name = ? AND name = ? AND is_function = ? ORDER BY oid",
            arguments: [.text(schema), .text(name), .integer(function ? 1 : 0)]))
        return rows.compactMap(definition)
    }

    /// Every routine of the database.
    static func all(executor: any SQLiteExecutor) throws -> [RoutineDefinition] {
        return try executor.query(SQLiteStatement(sql: "SELECT \(columns) FROM main.\(table) ORDER BY oid")).compactMap(definition)
    }

    /// Arguments as stored: one line per argument, `mode<TAB>name<TAB>type<TAB>refcursor`.
    static func encode(_ arguments: [RoutineArgument]) -> String {
        arguments.map { "\($0.mode.rawValue)\t\($0.name ?? "")\t\($0.type.catalogText)\t\($0.isRefcursor ? "r" : "")" }.joined(separator: "\n")
    }

    static func decode(_ text: String) -> [RoutineArgument] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3, let mode = RoutineArgument.Mode(rawValue: parts[0]),
                  let type = RedshiftType(catalogText: parts[2]) else { return nil }
            return RoutineArgument(name: parts[1].isEmpty ? nil : parts[1], mode: mode, type: type, isRefcursor: parts.count > 3 && parts[3] == "r")
        }
    }

    /// The key two routines of one name must differ in: their input types.
    static func signatureKey(_ arguments: [RoutineArgument]) -> String {
        arguments.filter { $0.mode != .out }.map(\.type.catalogText).joined(separator: ",")
    }

    private static func definition(_ row: [SQLiteValue]) -> RoutineDefinition? {
        guard row.count >= 14, case .integer(let oid) = row[0], let schema = row[1].textValue, let name = row[2].textValue else { return nil }
        return RoutineDefinition(
            oid: oid, schema: schema, name: name, isFunction: row[3] == .integer(1),
            arguments: decode(row[4].textValue ?? ""), body: row[5].textValue ?? "", language: row[6].textValue ?? "",
            owner: row[7].textValue ?? "", securityDefiner: row[8] == .integer(1), nonatomic: row[9] == .integer(1),
            searchPath: row[10].textValue, returns: row[11].textValue.flatMap { RedshiftType(catalogText: $0) },
            volatility: row[12].textValue ?? "volatile",
            grantees: (row[13].textValue ?? "").split(separator: ",").map(String.init))
    }
}

/// A relation Redshift itself provides: a catalog view (information_schema, pg_catalog, SVV_*),
/// answered from the emulator's catalog meta tables, or an engine table (STL_*, STV_*, SVL_*,
/// SYS_*), filled by the engine with its own activity just before the statement runs.
///
/// The Analyzer resolves them like tables (`Analyzer.systemRelation(_:)`), so they join, filter and
/// aggregate like any relation, with Redshift column types.
public struct SystemRelation: Sendable, Equatable {
    /// "pg_catalog" (where Redshift keeps STL/STV/SVV/SYS too) or "information_schema".
    public let schema: String
    /// Lower-case relation name, e.g. "stl_query".
    public let name: String
    public let columns: [SystemColumn]
    public let source: Source

    /// Where the rows come from.
    public enum Source: Sendable, Equatable {
        /// An SQLite SELECT over the meta tables of `PhysicalLayout` whose result columns are
        /// `columns`, in order (it sees uncommitted DDL of the statement's own transaction).
        case catalogQuery(String)
        /// Rows the engine supplies at run time, into the temp table `sqliteName`.
        case engine
    }

    public init(schema: String = "pg_catalog", name: String, columns: [SystemColumn], source: Source) {
        self.schema = schema
        self.name = name
        self.columns = columns
        self.source = source
    }

    /// The temp table an engine relation is materialized into: `temp."_rs_sys.stl_query"`.
    public var sqliteName: String { "temp." + PhysicalLayout.quote("_rs_sys." + name) }

    /// `CREATE TEMP TABLE` for an engine relation (columns in order, no constraints).
    public var createStatement: String {
        "CREATE TEMP TABLE " + PhysicalLayout.quote("_rs_sys." + name) + " ("
            + columns.map { PhysicalLayout.quote($0.name) }.joined(separator: ", ") + ")"
    }
}

/// One column of a system relation.
public struct SystemColumn: Sendable, Equatable {
    public let name: String
    public let type: RedshiftType
    /// The element type when the column holds an array text (pg_constraint.conkey: int2[]); nil otherwise.
    public var arrayElement: RedshiftType?

    public init(_ name: String, _ type: RedshiftType, arrayElement: RedshiftType? = nil) {
        self.name = name
        self.type = type
        self.arrayElement = arrayElement
    }
}

/// Every system relation the emulator knows. Each area keeps its own list.
public enum SystemRelations {
    public static var all: [SystemRelation] { CatalogViews.all + EngineTables.all + SecurityViews.all + PrincipalViews.all }

    private static let byKey: [String: SystemRelation] = Dictionary(all.map { ($0.schema + "." + $0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The relation `schema.name`; nil when there is none.
    public static func named(_ name: String, schema: String = "pg_catalog") -> SystemRelation? {
        byKey[schema + "." + name]
    }
}

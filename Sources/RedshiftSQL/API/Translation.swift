/// One column of a query result, with the Redshift type the Analyzer inferred.
public struct ResultColumn: Equatable, Sendable {
    /// "?column?" for unnamed expressions (Redshift/PostgreSQL rule); lower-cased identifiers.
    public var name: String
    public var type: RedshiftType
    public var nullable: Bool
    /// Source table's schema, "" for computed columns.
    public var schemaName: String
    /// Source table's name, "" for computed columns.
    public var tableName: String
    /// True for a select-list item that is a bare NULL literal: its type is the engine's default
    /// VARCHAR, but the Data API describes it as unbounded (ColumnMetadata precision 65535).
    public var isNullLiteral = false
    /// The fields of a record-valued column (`_pg_expandarray(…)` in a select list); empty otherwise.
    public var recordFields: [RecordField] = []
    /// The element type when the column reads an array column of the catalog as is (`t.conkey`: int2[]):
    /// the PostgreSQL door describes it as that array type, so clients parse the array text; nil otherwise.
    public var arrayElement: RedshiftType?

    public init(name: String, type: RedshiftType, nullable: Bool = true, schemaName: String = "", tableName: String = "") {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.schemaName = schemaName
        self.tableName = tableName
    }
}

/// Transaction control statements the engine performs itself.
public enum TransactionControl: Equatable, Sendable { case begin, commit, rollback }

/// What kind of statement was translated; the engine decides lifecycle/result handling from it.
public enum StatementKind: Equatable, Sendable {
    /// Returns rows: HasResultSet true.
    case query
    /// ResultRows = rows changed.
    case insert, update, delete, merge
    /// CREATE/DROP/ALTER/TRUNCATE...: no result set.
    case ddl
    /// The engine performs it (BEGIN/COMMIT/ROLLBACK on the connection).
    case transaction(TransactionControl)
    /// SET x = v / SET x TO DEFAULT / RESET x (value nil = reset).
    case set(name: String, value: String?)
    /// The engine answers from session settings.
    case show(name: String)
    /// Anything else that just runs its steps.
    case utility
    /// `DECLARE name CURSOR FOR query`: the steps compute the cursor's rows (the last one yields
    /// them, as for `.query`); the engine keeps them in the session.
    case declareCursor(name: String)
    /// `FETCH`: up to `count` rows (nil: all the rest) from the session's cursor `name`.
    case fetchCursor(name: String, count: Int?)
    /// `CLOSE name`.
    case closeCursor(name: String)
    /// `UNLOAD ('select …') TO 's3://…'`: the one step is the inner query (analyzed as the caller,
    /// RLS and masking applied) and `resultColumns` its columns; the engine streams its rows to S3.
    case unload(UnloadPlan)
    /// `COPY`: the engine reads the files and inserts the rows (`Engine/Bulk/Copy/`).
    case copy(CopyPlan)
    /// CREATE/DROP/ALTER DATABASE: the engine performs it against the cluster (no steps).
    case database(DatabaseCommand)
    /// CALL: the engine interprets the procedure's body (Engine/Procedures); the one step selects the arguments.
    case call(ProcedureCall)
}

/// The result of translating one Redshift statement.
public struct Translation: Sendable {
    public var kind: StatementKind
    /// Run in order; for `.query` the LAST step yields the rows.
    public var steps: [SQLiteStatement]
    /// For `.query` (and `.show`).
    public var resultColumns: [ResultColumn]
    /// e.g. TRUNCATE commits the open transaction in Redshift.
    public var commitsImplicitly: Bool
    public var isReadOnly: Bool
    /// Engine system tables (STL_/STV_/SYS_…) the steps read: the engine fills each temp table
    /// `SystemRelation.sqliteName` before running the steps.
    public var engineRelations: [SystemRelation] = []
    /// RLS policies the rewrite applied, for SVV_RLS_APPLIED_POLICY (the engine logs them per query).
    public var appliedPolicies: [AppliedPolicy] = []
    /// Masking policies applied to the columns it reads.
    public var appliedMasking: [AppliedMasking] = []
    /// Spectrum DDL: the data catalog change the engine applies (the steps are empty).
    public var externalChange: ExternalCatalogChange?
    /// External tables the steps read: the engine fills each scan's temp table first.
    public var externalScans: [ExternalScan] = []
    /// CREATE EXTERNAL TABLE AS or INSERT INTO an external table: the engine writes the last
    /// step's rows as files under the table's location.
    public var externalWrite: ExternalWrite?

    public init(kind: StatementKind, steps: [SQLiteStatement] = [], resultColumns: [ResultColumn] = [],
                commitsImplicitly: Bool = false, isReadOnly: Bool = false) {
        self.kind = kind
        self.steps = steps
        self.resultColumns = resultColumns
        self.commitsImplicitly = commitsImplicitly
        self.isReadOnly = isReadOnly
    }
}

/// One masking policy applied to a column a statement reads.
public struct AppliedMasking: Equatable, Sendable {
    public var schema: String
    public var relation: String
    public var column: String
    public var policy: String

    public init(schema: String, relation: String, column: String, policy: String) {
        self.schema = schema
        self.relation = relation
        self.column = column
        self.policy = policy
    }
}

/// One RLS policy applied to a relation a statement reads (a row of SVV_RLS_APPLIED_POLICY).
public struct AppliedPolicy: Equatable, Sendable {
    public var schema: String
    public var relation: String
    /// nil when no policy applies to the user: the default deny (`poldefault` = `f`).
    public var policy: String?

    public init(schema: String, relation: String, policy: String?) {
        self.schema = schema
        self.relation = relation
        self.policy = policy
    }
}

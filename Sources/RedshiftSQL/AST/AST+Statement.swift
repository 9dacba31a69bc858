extension AST {
    /// One Redshift statement.
    indirect enum Statement: Equatable, Sendable {
        case query(Query)
        /// `EXPLAIN [VERBOSE] statement`.
        case explain(Statement)
        case insert(Insert)
        case update(Update)
        case delete(Delete)
        case merge(Merge)
        case createTable(CreateTable)
        case createTableAs(CreateTableAs)
        case dropTable(names: [Name], ifExists: Bool, cascade: Bool)
        case truncate(Name)
        case createSchema(name: String, ifNotExists: Bool, position: Int)
        case dropSchema(names: [String], ifExists: Bool, cascade: Bool, position: Int)
        case createView(CreateView)
        case dropView(names: [Name], ifExists: Bool, cascade: Bool)
        case alterTable(AlterTable)
        case transaction(TransactionControl)
        case set(name: String, value: String?)
        case show(name: String)
        /// Statements accepted and ignored (ANALYZE, VACUUM, LOCK …), by name.
        case noOp(String)
        /// `CREATE MATERIALIZED VIEW mv [BACKUP …] [table attributes] [AUTO REFRESH {YES|NO}] AS query`.
        case createMaterializedView(CreateMaterializedView)
        /// `REFRESH MATERIALIZED VIEW mv`.
        case refreshMaterializedView(Name)
        case dropMaterializedView(names: [Name], ifExists: Bool, cascade: Bool)
        /// `PREPARE name [(type, …)] AS statement` (r_PREPARE).
        case prepare(name: String, types: [TypeName], statement: Statement, position: Int)
        /// `EXECUTE name [(argument, …)]` (r_EXECUTE).
        case execute(name: String, arguments: [Expression], position: Int)
        /// `DEALLOCATE [PREPARE] name | ALL` (r_DEALLOCATE); nil name = ALL.
        case deallocate(name: String?, position: Int)
        /// Users, groups, roles, GRANT/REVOKE, RLS and masking (AST+Security.swift).
        case security(SecurityStatement)
        /// `DECLARE name CURSOR FOR query`, `FETCH … FROM name`, `CLOSE name` (AST+Cursor.swift).
        case cursor(CursorStatement)
        /// Spectrum: external schemas and tables (AST+External.swift).
        case external(ExternalStatement)
        /// `UNLOAD ('select …') TO 's3://…' …` (AST+Unload.swift).
        case unload(Unload)
        /// `COPY table FROM 's3://…' …` (AST+Copy.swift).
        case copy(Copy)
        /// CREATE/DROP/ALTER DATABASE (DatabaseCommand.swift).
        case database(DatabaseCommand)
        /// Stored procedures and SQL UDFs (AST+Procedure.swift).
        case procedure(ProcedureStatement)
    }

    /// `INSERT INTO t [(cols)] VALUES … | query | DEFAULT VALUES`.
    struct Insert: Equatable, Sendable {
        enum Source: Equatable, Sendable {
            /// Rows of expressions; `nil` entries are `DEFAULT`.
            case values([[Expression?]])
            case query(Query)
            case defaultValues
        }
        var table: Name
        var columns: [String]
        var source: Source
    }

    /// `UPDATE t [alias] SET c = e, … [FROM …] [WHERE …]`.
    struct Update: Equatable, Sendable {
        var table: Name
        var alias: String?
        /// `nil` value = DEFAULT.
        var assignments: [(column: String, value: Expression?, position: Int)]
        var from: [TableReference]
        var whereClause: Expression?

        static func == (a: Update, b: Update) -> Bool {
            a.table == b.table && a.alias == b.alias && a.from == b.from && a.whereClause == b.whereClause
                && a.assignments.map(\.column) == b.assignments.map(\.column)
                && a.assignments.map(\.value) == b.assignments.map(\.value)
        }
    }

    /// `DELETE [FROM] t [alias] [USING …] [WHERE …]`.
    struct Delete: Equatable, Sendable {
        var table: Name
        var alias: String?
        var using: [TableReference]
        var whereClause: Expression?
    }

    /// CREATE TABLE with columns.
    struct CreateTable: Equatable, Sendable {
        var name: Name
        var temporary: Bool
        var ifNotExists: Bool
        var columns: [ColumnSpec]
        var constraints: [String]
        var options: TableOptions
        /// `LIKE parent [INCLUDING DEFAULTS]`.
        var like: (Name, includingDefaults: Bool)?

        static func == (a: CreateTable, b: CreateTable) -> Bool {
            a.name == b.name && a.temporary == b.temporary && a.ifNotExists == b.ifNotExists && a.columns == b.columns
                && a.constraints == b.constraints && a.options == b.options && a.like?.0 == b.like?.0
        }
    }

    /// One column definition in CREATE TABLE.
    struct ColumnSpec: Equatable, Sendable {
        var name: String
        var type: TypeName
        var nullable: Bool = true
        var defaultExpression: Expression?
        var defaultText: String?
        var identity: ColumnDefinition.Identity?
        var encoding: String?
        var distKey = false
        var sortKey = false
        var primaryKey = false
        var unique = false
        var references: String?
        var position: Int
    }

    /// DISTSTYLE / DISTKEY / SORTKEY / BACKUP.
    struct TableOptions: Equatable, Sendable {
        var distStyle: String?
        var distKey: String?
        var sortKeyStyle: String?
        var sortKeys: [String] = []
        var backup = true
    }

    /// `CREATE [TEMP] TABLE t [(cols)] [options] AS query`.
    struct CreateTableAs: Equatable, Sendable {
        var name: Name
        var temporary: Bool
        var ifNotExists: Bool
        var columnNames: [String]
        var options: TableOptions
        var query: Query
    }

    /// `CREATE MATERIALIZED VIEW` (materialized-view-create-sql-command).
    struct CreateMaterializedView: Equatable, Sendable {
        var name: Name
        var options: TableOptions
        /// AUTO REFRESH YES|NO; nil when not given (NO is the default).
        var autoRefresh: Bool?
        var query: Query
        /// The query's Redshift text, stored in the catalog and re-analyzed by REFRESH.
        var queryText: String
    }

    /// `CREATE [OR REPLACE] VIEW v [(cols)] AS query [WITH NO SCHEMA BINDING]`.
    struct CreateView: Equatable, Sendable {
        var name: Name
        var orReplace: Bool
        var columns: [String]
        var query: Query
        /// The query's Redshift text, stored in the catalog.
        var queryText: String
        var noSchemaBinding: Bool
    }

    /// The ALTER TABLE forms supported.
    struct AlterTable: Equatable, Sendable {
        enum Action: Equatable, Sendable {
            case renameTable(String)
            case renameColumn(String, String)
            case addColumn(ColumnSpec)
            case dropColumn(String)
            /// `ALTER COLUMN c TYPE varchar(n)`: Redshift only resizes VARCHAR columns.
            case alterColumnType(String, TypeName)
            /// Accepted, kept or ignored: distribution/sort/owner/encode changes.
            case ignored(String)
        }
        var name: Name
        var action: Action
    }
}

extension AST {
    /// `MERGE INTO target [[AS] a] USING source [[AS] b] ON cond WHEN MATCHED THEN {UPDATE SET … | DELETE}
    /// WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (…)` (r_MERGE).
    struct Merge: Equatable, Sendable {
        enum MatchedAction: Equatable, Sendable {
            /// `nil` value = DEFAULT.
            case update([Assignment])
            case delete
        }
        struct Assignment: Equatable, Sendable {
            var column: String
            var value: Expression?
            var position: Int
        }
        var target: Name
        var alias: String?
        var source: TableReference
        var condition: Expression
        var matched: MatchedAction?
        /// The INSERT of WHEN NOT MATCHED: columns (empty = all) and values (`nil` = DEFAULT).
        var notMatched: (columns: [String], values: [Expression?])?
        var position: Int
        /// `REMOVE DUPLICATES`: the simplified mode (Analyzer+MergeRemoveDuplicates.swift).
        var removeDuplicates = false

        static func == (a: Merge, b: Merge) -> Bool {
            a.target == b.target && a.alias == b.alias && a.source == b.source && a.condition == b.condition
                && a.matched == b.matched && a.notMatched?.columns == b.notMatched?.columns
                && a.notMatched?.values == b.notMatched?.values && a.removeDuplicates == b.removeDuplicates
        }
    }
}

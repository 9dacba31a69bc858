/// The names visible at one query level: FROM relations, USING-merged columns, CTEs, and the enclosing level.
final class Scope {
    /// A column a relation exposes.
    struct Column {
        var name: String
        var type: RedshiftType
        var nullable: Bool
        /// The column's name inside the SQLite relation.
        var sqliteName: String
        var schemaName = ""
        var tableName = ""
        /// The fields of a record-valued column (Analyzer+SetReturning.swift); empty otherwise.
        var recordFields: [RecordField] = []
        /// The element type of an array column (`SystemColumn.arrayElement`); nil otherwise.
        var arrayElement: RedshiftType?
    }

    /// A FROM item as seen by name resolution.
    struct Relation {
        /// The Redshift name or alias used to qualify columns.
        var name: String
        /// The SQLite alias the generator emits.
        var sqliteAlias: String
        var columns: [Column]
        /// Columns that a USING/NATURAL join merged into the left side (hidden from `*` and unqualified names).
        var mergedAway: Set<String> = []
        /// Columns `*` leaves out (Spectrum's pseudocolumns `$path` and `$size`).
        var hiddenFromStar: Set<String> = []
        /// Columns the user may not read (column-level grants only): naming one, or `*`, is an error.
        var deniedColumns: Set<String> = []
        /// Columns read as an expression instead of the stored value: a DML target's masked columns
        /// (t_ddm: masking applies before any predicate or projection).
        var masked: [String: Bound.Expression] = [:]

        /// - Redshift: r_GRANT-usage-notes (column-level privileges).
        func checkReadable(_ column: Column) throws {
            if deniedColumns.contains(column.name) {
                throw SQLError(code: "42501", message: "permission denied for relation \(column.tableName)")
            }
        }
    }

    /// A CTE visible at this level.
    struct CommonTable {
        var name: String
        var columns: [Column]
    }

    let parent: Scope?
    var relations: [Relation] = []
    /// USING columns: unqualified name → expression (COALESCE for FULL joins).
    var merged: [String: (expression: Bound.Expression, column: Column)] = [:]
    var mergedOrder: [String] = []
    var commonTables: [String: CommonTable] = [:]
    /// The select list's aliases, which WHERE and later select items may name when no column of
    /// the FROM relations has that name (Redshift's lateral column alias reference).
    var lateralAliases: [String: AST.Expression] = [:]

    init(parent: Scope?) { self.parent = parent }

    /// The CTE named `name`, looking outward.
    func commonTable(_ name: String) -> CommonTable? {
        commonTables[name] ?? parent?.commonTable(name)
    }

    /// True when an enclosing query level has FROM relations: this level is an expression subquery
    /// (EXISTS, IN, scalar) that may be correlated.
    var hasOuterRelations: Bool {
        var level = parent
        while let current = level {
            if !current.relations.isEmpty { return true }
            level = current.parent
        }
        return false
    }

    /// True when `alias` is one of this level's relations.
    func owns(relationAlias alias: String?) -> Bool {
        relations.contains { $0.sqliteAlias == alias }
    }
}

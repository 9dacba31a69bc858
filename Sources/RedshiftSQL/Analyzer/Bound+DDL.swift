/// Bound changes to the SQLite schema that stores user tables, and to the meta tables describing
/// them (`PhysicalLayout`). `SQLiteGenerator+DDL.swift` and `+Catalog.swift` render them.
extension Bound {
    /// A change to the storage of a table's rows.
    enum SchemaChange: Equatable {
        /// CREATE TABLE with the identity triggers.
        case createTable(TableDefinition)
        case dropTable(TableDefinition)
        /// The indexes standing in for DISTKEY and SORTKEY (`PhysicalLayout.indexedColumns`).
        case createIndexes(TableDefinition)
        case dropIndexes(TableDefinition)
        case renameTable(TableDefinition, to: String)
        case renameColumn(TableDefinition, from: String, to: String)
        case addColumn(TableDefinition, name: String, type: RedshiftType)
        case dropColumn(TableDefinition, name: String)
    }

    /// A change to the meta tables (`_rs_schemas`, `_rs_tables`, `_rs_columns`, their temp twins).
    enum CatalogChange: Equatable {
        /// Creates this connection's temp meta tables if it has none yet.
        case bootstrapTemporary
        /// The relation's `_rs_tables` row.
        case insertRelation(TableDefinition)
        /// `_rs_columns` rows of `columns` (with their ordinals) for the relation.
        case insertColumns(TableDefinition, [ColumnDefinition])
        /// The relation's rows in both meta tables.
        case deleteRelation(TableDefinition)
        case renameRelation(TableDefinition, to: String)
        case renameColumn(TableDefinition, from: String, to: String)
        case setColumnType(TableDefinition, column: String, type: RedshiftType)
        /// Removes the column's row and renumbers the ones after it.
        case deleteColumn(TableDefinition, ColumnDefinition)
        case createSchema(name: String, owner: String)
        case dropSchema(name: String)
    }
}

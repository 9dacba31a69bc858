/// A catalog view (SystemTables/) as bound: its constant SQL template cut at the placeholders,
/// each resolved to typed values. `SQLiteGenerator+CatalogViews.swift` writes the SQL.
extension Bound {
    struct CatalogView: Equatable {
        var segments: [Segment]
        /// The caller may not read the view's rows (restricted security views): columns, no rows.
        var hidden = false

        enum Segment: Equatable {
            /// Template text (or an unknown placeholder), as is.
            case text(String)
            /// A string literal: the database, the user.
            case literal(String)
            case flag(Bool)
            /// The session's temp meta tables, or an empty stand-in when it has no temp table.
            case tempTables(exists: Bool)
            case tempColumns(exists: Bool)
            /// The rank of schema `expression` on the search path (pg_temp 0; NULL when not on it).
            case searchPathRank(expression: String, path: [String])
            /// Whether `alias`'s (schema_name, table_name) is among `tables`; nil: everything is visible.
            case tableVisible(alias: String, tables: [TableName]?)
            /// Whether schema `expression` is among `schemas`; nil: everything is visible.
            case schemaVisible(expression: String, schemas: [String]?)
            /// (schema_name, table_name, row_count) of each permanent table.
            case rowCounts([TableName])
            /// The cluster's databases (`CatalogViews.Placeholder.databases`).
            case databases([ClusterDatabase])
        }

        /// A table by its Redshift and SQLite names.
        struct TableName: Equatable {
            var schema: String
            var name: String
            var sqliteName: String = ""
        }
    }
}

/// Catalog views answered from the emulator's catalog: information_schema, pg_catalog, SVV_*.
///
/// Each view is an SQLite SELECT over the meta tables of `PhysicalLayout` (what ListSchemas,
/// ListTables and DescribeTable read too), so they always agree with the Data API. The SQL may
/// contain placeholders the Analyzer fills from the statement's context (`Placeholder`).
///
/// Emulator choices (documented in docs/sql-pipeline.md):
/// - Only user schemas, tables and views are listed (like ListTables); the system relations
///   themselves are not.
/// - Temp tables are listed in the session that created them, in schema `pg_temp` (Redshift shows
///   `pg_temp_N`; `pg_temp` is the name the emulator resolves, so it round-trips).
/// - OIDs: pg_catalog 11, public 2200, other schemas 200000 + n, temp schema 100; tables
///   100000 + n, temp tables 900000 + n (n = the meta row's rowid); users per `_rs_users`
///   (rdsdb 1; a user not in it 100).
enum CatalogViews {
    static var all: [SystemRelation] { informationSchema + pgCatalog + constraintRelations + toolRelations + svv + routineRelations + settingsRelations }

    /// Text the Analyzer replaces before the SQL runs (`Analyzer.bindSystemRelation`).
    enum Placeholder {
        /// The current database name, as a quoted SQL literal.
        static let database = "{{database}}"
        /// The cluster's databases: a subquery (oid, name, owner, connection_limit, collation, isolation).
        static let databases = "{{databases}}"
        /// The current user, as a quoted SQL literal.
        static let user = "{{user}}"
        /// 1 when the current user is a superuser, else 0.
        static let isSuperuser = "{{is_superuser}}"
        /// `temp._rs_temp_tables`, or an empty stand-in when the session has no temp table.
        static let tempTables = "{{temp_tables}}"
        /// `temp._rs_temp_columns`, or an empty stand-in.
        static let tempColumns = "{{temp_columns}}"
        /// The position of schema `expression` in the search path (0 for pg_temp), NULL when
        /// the schema is not on it.
        static func searchPathRank(of expression: String) -> String { searchPathRankPrefix + expression + "}}" }
        static let searchPathRankPrefix = "{{search_path_rank:"
        /// A subquery (schema_name, table_name, row_count) with the rows of every permanent table.
        static let rowCounts = "{{row_counts}}"
        /// 1 when the caller may see the table `alias.schema_name`.`alias.table_name` (a superuser,
        /// the owner, or a holder of any privilege on it; `SecurityVisibility`), else 0.
        static func tableVisible(_ alias: String) -> String { tableVisiblePrefix + alias + "}}" }
        static let tableVisiblePrefix = "{{table_visible:"
        /// 1 when the caller may see schema `expression` (public, owner, USAGE, superuser), else 0.
        static func schemaVisible(_ expression: String) -> String { schemaVisiblePrefix + expression + "}}" }
        static let schemaVisiblePrefix = "{{schema_visible:"
    }

    static let tableOIDBase = 100_000
    static let tempTableOIDBase = 900_000
    static let tempNamespaceOID = 100
    /// The usesysid of the cluster's administrator (the bootstrap superuser) and of users the
    /// catalog does not know (DbUser users that were never created); rdsdb is 1.
    static let unknownUserID = 100
    static let administratorUserID: Int64 = 100

    /// The fields of `_rs_tables` the views read, in order.
    static let tableFields = "schema_name, table_name, kind, diststyle, distkey, sortkey_style, sortkeys, backup, constraints, view_query, owner"
    /// The fields of `_rs_columns` the views read, in order.
    static let columnFields = "schema_name, table_name, ordinal, column_name, type, nullable, default_expr, identity_seed, identity_step, encoding, is_distkey, sortkey_position"

    /// Every table and view, temp ones included: `oid, is_temp` + `tableFields`.
    static let relations = """
        SELECT \(tableOIDBase) + rowid AS oid, 0 AS is_temp, \(tableFields) FROM _rs_tables
        UNION ALL
        SELECT \(tempTableOIDBase) + rid AS oid, 1 AS is_temp, \(tableFields) FROM \(Placeholder.tempTables)
        """

    /// Every column of every table and view: `attrelid, is_temp, kind, sortkey_style` + `columnFields`.
    static let columns = """
        SELECT \(tableOIDBase) + t.rowid AS attrelid, 0 AS is_temp, t.kind, t.sortkey_style, \(prefixed("c", columnFields))
        FROM _rs_columns AS c JOIN _rs_tables AS t ON t.schema_name = c.schema_name AND t.table_name = c.table_name
        UNION ALL
        SELECT \(tempTableOIDBase) + t.rid AS attrelid, 1 AS is_temp, t.kind, t.sortkey_style, \(prefixed("c", columnFields))
        FROM \(Placeholder.tempColumns) AS c JOIN \(Placeholder.tempTables) AS t ON t.schema_name = c.schema_name AND t.table_name = c.table_name
        """

    /// `relations` as a regular user sees them in information_schema and the SVV views ("regular
    /// users can see only their own data": objects they own or hold a privilege on); the caller's
    /// temp tables are always visible. pg_catalog relations list everything, as in Redshift.
    static let visibleRelations = "SELECT * FROM (\(relations)) AS vr WHERE vr.is_temp = 1 OR \(Placeholder.tableVisible("vr"))"

    /// `columns` restricted like `visibleRelations`.
    static let visibleColumns = "SELECT * FROM (\(columns)) AS vc WHERE vc.is_temp = 1 OR \(Placeholder.tableVisible("vc"))"

    /// `_rs_schemas AS s` restricted to the schemas the caller may use.
    static let visibleSchemas = "(SELECT rowid, * FROM _rs_schemas WHERE \(Placeholder.schemaVisible("name"))) AS s"

    /// The OID of schema `name` in `_rs_schemas` row `rowid`.
    static func namespaceOID(name: String, rowid: String) -> String {
        "CASE \(name) WHEN 'pg_catalog' THEN 11 WHEN 'public' THEN 2200 ELSE 200000 + \(rowid) END"
    }

    /// The usesysid of the user named by SQL expression `name`.
    static func userID(_ name: String) -> String {
        "coalesce((SELECT u.usesysid FROM _rs_users AS u WHERE u.name = \(name)), CASE \(name) WHEN 'rdsdb' THEN 1 ELSE \(unknownUserID) END)"
    }

    /// The encoding a column has: its ENCODE (RAW shown as `none`, as PG_TABLE_DEF does), else
    /// RAW for sort key columns, else the type's default (c_Compression_encodings).
    static func encoding(_ c: String) -> String {
        """
        CASE WHEN \(c).encoding IS NOT NULL AND lower(\(c).encoding) <> 'auto' THEN (CASE lower(\(c).encoding) WHEN 'raw' THEN 'none' ELSE lower(\(c).encoding) END) \
        WHEN \(c).sortkey_position > 0 THEN 'none' ELSE rs_catalog_type(\(c).type, 'encoding') END
        """
    }

    /// The PG_TABLE_DEF / SVV_REDSHIFT_COLUMNS sortkey: the position, negated on the odd
    /// positions of an interleaved sort key (-1, 2, -3, … as r_PG_TABLE_DEF's example shows).
    static func sortKey(_ c: String) -> String {
        "CASE WHEN \(c).sortkey_style = 'INTERLEAVED' AND \(c).sortkey_position % 2 = 1 THEN -\(c).sortkey_position ELSE \(c).sortkey_position END"
    }

    /// `alias.a, alias.b, …` for a field list.
    static func prefixed(_ alias: String, _ fields: String) -> String {
        fields.split(separator: ",").map { alias + "." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    // Column shorthands: Redshift's `name` and `text` are VARCHAR here; `oid` is INTEGER.
    static func name(_ column: String) -> SystemColumn { SystemColumn(column, .varchar(length: 128)) }
    static func text(_ column: String, _ length: Int = 256) -> SystemColumn { SystemColumn(column, .varchar(length: length)) }
    static func int(_ column: String) -> SystemColumn { SystemColumn(column, .integer) }
    static func bigint(_ column: String) -> SystemColumn { SystemColumn(column, .bigint) }
    static func bool(_ column: String) -> SystemColumn { SystemColumn(column, .boolean) }
    static func char(_ column: String, _ length: Int = 1) -> SystemColumn { SystemColumn(column, .char(length: length)) }
}

import Foundation

/// pg_constraint, pg_attrdef and pg_index: the informational constraints, column defaults and
/// (no) indexes, as psql's `\d table`, SQLAlchemy's inspector and JDBC's getPrimaryKeys read them.
///
/// - Redshift: PostgreSQL 8.0's columns (c_intro_catalog_views); constraints are informational
///   (t_Defining_constraints) and listed, with the index relations PostgreSQL keeps for primary and
///   unique keys (redshift_connector's get_primary_keys reads them from clusters).
/// - OIDs: a constraint is its table's OID × 100 + its position; a default is its table's OID ×
///   1000 + its column's number, so neither meets a relation's OID.
/// - Arrays (conkey, confkey, indkey) are text: `{1,2}`.
extension CatalogViews {
    static var constraintRelations: [SystemRelation] { [pgConstraint, pgAttrdef, pgIndex, relationDefinitions, indexColumns] }

    /// Internal: each key index's columns by number (`pg_get_indexdef(oid, n, pretty)`).
    static var indexColumns: SystemRelation {
        pg("_rs_index_columns", [int("rs_oid"), int("rs_attnum"), name("rs_attname")], """
            SELECT x.indexrelid AS rs_oid, j.key + 1 AS rs_attnum, j.value AS rs_attname
            FROM (\(indexLines)) AS x, json_each(x.columns_json) AS j
            """)
    }

    /// An int2[] column (an array text `{1,2}`), described as int2[] on the PostgreSQL door.
    private static func int2Array(_ column: String) -> SystemColumn { SystemColumn(column, .varchar(length: 256), arrayElement: .smallint) }

    private static func pg(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .catalogQuery(sql))
    }

    /// The column names of relation `oid`, one a line, in order.
    private static func columnNames(of oid: String) -> String {
        "(SELECT group_concat(cn.column_name, char(10)) FROM (SELECT cc.column_name FROM (\(columns)) AS cc WHERE cc.attrelid = \(oid) ORDER BY cc.ordinal) AS cn)"
    }

    /// One row per constraint line of each table: oid, conrelid, schema, table, is_temp, line,
    /// the table's columns, and the referenced table's OID, columns and constraint lines.
    static var constraintLines: String {
        """
        SELECT k.oid, k.conrelid, k.schema_name, k.table_name, k.is_temp, k.owner, k.line, \(columnNames(of: "k.conrelid")) AS attnames,
               ref.oid AS confrelid, \(columnNames(of: "ref.oid")) AS ref_attnames, ref.constraints AS ref_constraints
        FROM (
            SELECT r.oid * 100 + j.key AS oid, r.oid AS conrelid, r.schema_name, r.table_name, r.is_temp, r.owner, j.value AS line
            FROM (\(relations)) AS r, json_each(rs_constraint_list(r.constraints)) AS j
            WHERE r.kind <> 'view'
        ) AS k
        LEFT JOIN (\(relations)) AS ref
          ON ref.table_name = rs_constraint(k.line, 'ref_table', k.table_name, NULL, NULL, NULL)
         AND ref.schema_name = coalesce(rs_constraint(k.line, 'ref_schema', k.table_name, NULL, NULL, NULL), k.schema_name)
        """
    }

    /// One row per primary or unique key: the index PostgreSQL keeps for it (`indexrelid` = the
    /// constraint's OID + 50), its name (the constraint's), table, and the constraint's columns.
    static var indexLines: String {
        """
        SELECT c.oid + 50 AS indexrelid, c.oid AS conoid, c.conrelid AS indrelid, c.schema_name, c.table_name, c.is_temp, c.owner,
               c.line, c.attnames, rs_constraint(c.line, 'name', c.table_name, NULL, NULL, NULL) AS relname,
               rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) AS contype,
               rs_constraint(c.line, 'columns_json', c.table_name, NULL, NULL, NULL) AS columns_json
        FROM (\(constraintLines)) AS c
        WHERE rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) IN ('p', 'u')
        """
    }

    static var pgConstraint: SystemRelation {
        pg("pg_constraint", [
            int("oid"), name("conname"), int("connamespace"), char("contype"), bool("condeferrable"), bool("condeferred"),
            int("conrelid"), int("contypid"), int("confrelid"), char("confupdtype"), char("confdeltype"), char("confmatchtype"),
            int2Array("conkey"), int2Array("confkey"), text("conbin", 4000), text("consrc", 4000), int("conindid"),
        ], """
            SELECT c.oid AS oid, rs_constraint(c.line, 'name', c.table_name, NULL, NULL, NULL) AS conname,
                   CASE WHEN c.is_temp = 1 THEN \(tempNamespaceOID) ELSE (SELECT \(namespaceOID(name: "s.name", rowid: "s.rowid")) FROM _rs_schemas AS s WHERE s.name = c.schema_name) END AS connamespace,
                   rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) AS contype, 0 AS condeferrable, 0 AS condeferred,
                   c.conrelid AS conrelid, 0 AS contypid, coalesce(c.confrelid, 0) AS confrelid,
                   CASE WHEN rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) = 'f' THEN 'a' ELSE ' ' END AS confupdtype,
                   CASE WHEN rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) = 'f' THEN 'a' ELSE ' ' END AS confdeltype,
                   CASE WHEN rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) = 'f' THEN 'u' ELSE ' ' END AS confmatchtype,
                   rs_constraint(c.line, 'conkey', c.table_name, c.attnames, NULL, NULL) AS conkey,
                   rs_constraint(c.line, 'confkey', c.table_name, c.attnames, c.ref_attnames, c.ref_constraints) AS confkey,
                   NULL AS conbin, NULL AS consrc,
                   CASE WHEN rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) IN ('p', 'u') THEN c.oid + 50 ELSE 0 END AS conindid
            FROM (\(constraintLines)) AS c
            """)
    }

    static var pgAttrdef: SystemRelation {
        pg("pg_attrdef", [int("oid"), int("adrelid"), SystemColumn("adnum", .smallint), text("adbin", 4000), text("adsrc", 4000)], """
            SELECT c.attrelid * 1000 + c.ordinal AS oid, c.attrelid AS adrelid, c.ordinal AS adnum,
                   c.default_expr AS adbin, c.default_expr AS adsrc
            FROM (\(columns)) AS c
            WHERE c.default_expr IS NOT NULL
            """)
    }

    /// The indexes PostgreSQL keeps for primary and unique keys (Redshift's keys are informational:
    /// nothing uses them), as redshift_connector's get_primary_keys and psql's `\\d` read them.
    static var pgIndex: SystemRelation {
        pg("pg_index", [
            int("indexrelid"), int("indrelid"), text("indkey"), text("indclass"), SystemColumn("indnatts", .smallint),
            bool("indisunique"), bool("indisprimary"), bool("indisclustered"), bool("indisvalid"), text("indexprs"), text("indpred"),
            bool("indisreplident"), bool("indimmediate"),
        ], """
            SELECT x.indexrelid AS indexrelid, x.indrelid AS indrelid,
                   rs_constraint(x.line, 'indkey', x.table_name, x.attnames, NULL, NULL) AS indkey, NULL AS indclass,
                   json_array_length(x.columns_json) AS indnatts, 1 AS indisunique, CASE x.contype WHEN 'p' THEN 1 ELSE 0 END AS indisprimary,
                   0 AS indisclustered, 1 AS indisvalid, NULL AS indexprs, NULL AS indpred, 0 AS indisreplident, 1 AS indimmediate
            FROM (\(indexLines)) AS x
            """)
    }

    /// Internal: the text pg_get_viewdef (a view's OID or name) and pg_get_constraintdef (a constraint's
    /// OID) print.
    static var relationDefinitions: SystemRelation {
        pg("_rs_relation_definitions", [int("rs_oid"), text("rs_definition", 65535), text("rs_name", 256), text("rs_qualified", 256)], """
            SELECT r.oid AS rs_oid, r.view_query AS rs_definition, r.table_name AS rs_name, r.schema_name || '.' || r.table_name AS rs_qualified
            FROM (\(relations)) AS r WHERE r.kind = 'view'
            UNION ALL
            SELECT c.oid, rs_constraint(c.line, 'definition', c.table_name, c.attnames, c.ref_attnames, c.ref_constraints), NULL, NULL
            FROM (\(constraintLines)) AS c
            UNION ALL
            SELECT x.indexrelid, rs_constraint(x.line, 'indexdef', x.table_name, NULL, x.schema_name || '.' || x.table_name, NULL), NULL, NULL
            FROM (\(indexLines)) AS x
            """)
    }
}

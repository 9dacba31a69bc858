/// SVV_TABLE_INFO: one row per permanent table that holds rows.
///
/// - Redshift: r_SVV_TABLE_INFO: empty tables are not shown; diststyle is `EVEN`, `KEY(col)`,
///   `ALL` or `AUTO(…)`; sortkey1 the first sort key column (`AUTO(SORTKEY)` when none is
///   declared); encoded `Y`/`N`.
///
/// Emulator values: one slice, so size is one 1-MB block per column plus the 3 hidden columns,
/// pct_used that size out of a 160 GB node, unsorted/stats_off 0, skew_rows 1.00 for KEY
/// distribution, create_time NULL (not kept). DISTSTYLE AUTO reads `AUTO(ALL)`, and a table
/// without any ENCODE reads `Y, AUTO(ENCODE)` (ENCODE AUTO, c_Compression_encodings).
extension CatalogViews {
    static var svvTableInfo: SystemRelation {
        let decimal = { (column: String, p: Int, s: Int) in SystemColumn(column, .decimal(precision: p, scale: s)) }
        return SystemRelation(name: "svv_table_info", columns: [
            text("database"), text("schema"), int("table_id"), text("table"), text("encoded"), text("diststyle"),
            text("sortkey1"), int("max_varchar"), char("sortkey1_enc", 32), int("sortkey_num"), bigint("size"),
            decimal("pct_used", 10, 4), bigint("empty"), decimal("unsorted", 5, 2), decimal("stats_off", 5, 2),
            decimal("tbl_rows", 38, 0), decimal("skew_sortkey1", 19, 2), decimal("skew_rows", 19, 2),
            decimal("estimated_visible_rows", 38, 0), text("risk_event"), decimal("vacuum_sort_benefit", 12, 2),
            SystemColumn("create_time", .timestamp),
        ], source: .catalogQuery("""
            SELECT \(Placeholder.database) AS database, i.schema_name AS schema, i.oid AS table_id, i.table_name AS "table",
                   CASE WHEN i.explicit_encodings = 0 THEN 'Y, AUTO(ENCODE)' WHEN i.encoded_columns > 0 THEN 'Y' ELSE 'N' END AS encoded,
                   CASE i.diststyle WHEN 'KEY' THEN 'KEY(' || i.distkey || ')' WHEN 'EVEN' THEN 'EVEN' WHEN 'ALL' THEN 'ALL' ELSE 'AUTO(ALL)' END AS diststyle,
                   CASE WHEN i.sortkeys <> '' THEN (CASE WHEN instr(i.sortkeys, ',') > 0 THEN substr(i.sortkeys, 1, instr(i.sortkeys, ',') - 1) ELSE i.sortkeys END)
                        WHEN i.sortkey_style = 'AUTO' THEN 'AUTO(SORTKEY)' END AS sortkey1,
                   i.max_varchar AS max_varchar, i.sortkey1_enc AS sortkey1_enc, i.sortkey_num AS sortkey_num,
                   i.column_count + 3 AS size, CAST(round((i.column_count + 3) * 100.0 / 163840 * 10000) AS INTEGER) AS pct_used,
                   0 AS empty, CASE WHEN i.sortkey_num > 0 THEN 0 END AS unsorted, 0 AS stats_off, i.row_count AS tbl_rows,
                   CASE WHEN i.sortkey_num > 0 THEN 100 END AS skew_sortkey1, CASE WHEN i.diststyle = 'KEY' THEN 100 END AS skew_rows,
                   i.row_count AS estimated_visible_rows, NULL AS risk_event, NULL AS vacuum_sort_benefit, NULL AS create_time
            FROM (
                SELECT r.oid, r.schema_name, r.table_name, r.diststyle, r.distkey, r.sortkeys, r.sortkey_style, n.row_count,
                       (SELECT count(*) FROM _rs_columns AS c WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name) AS column_count,
                       (SELECT count(*) FROM _rs_columns AS c WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name
                           AND c.encoding IS NOT NULL AND lower(c.encoding) <> 'auto') AS explicit_encodings,
                       (SELECT count(*) FROM _rs_columns AS c WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name
                           AND \(encoding("c")) <> 'none') AS encoded_columns,
                       (SELECT coalesce(max(rs_catalog_type(c.type, 'char_length')), 0) FROM _rs_columns AS c
                           WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name AND c.type LIKE 'varchar%') AS max_varchar,
                       (SELECT \(encoding("c")) FROM _rs_columns AS c WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name
                           AND c.sortkey_position = 1) AS sortkey1_enc,
                       (SELECT count(*) FROM _rs_columns AS c WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name
                           AND c.sortkey_position > 0) AS sortkey_num
                FROM (\(visibleRelations)) AS r
                JOIN (\(Placeholder.rowCounts)) AS n ON n.schema_name = r.schema_name AND n.table_name = r.table_name
                WHERE r.is_temp = 0 AND r.kind = 'table' AND n.row_count > 0
            ) AS i
            """))
    }
}

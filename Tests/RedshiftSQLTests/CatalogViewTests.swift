import Foundation
import Testing
@testable import RedshiftSQL

/// information_schema, pg_catalog and SVV_* views over the emulator's catalog, on a real SQLite.
@Suite struct CatalogViewTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        // r_PG_TABLE_DEF's LINEORDER_COMPOUND / LINEORDER_INTERLEAVED examples.
        try db.script("""
            create table lineorder_compound (lo_orderkey integer not null encode delta32k, lo_custkey integer not null,
                lo_partkey integer not null distkey, lo_suppkey integer not null encode delta32k,
                lo_orderdate integer not null encode delta, lo_comment varchar(79))
                compound sortkey (lo_orderkey, lo_custkey, lo_partkey, lo_suppkey, lo_orderdate);
            create table lineorder_interleaved (lo_orderkey integer not null encode delta32k, lo_custkey integer not null,
                lo_partkey integer not null distkey, lo_suppkey integer not null encode delta32k,
                lo_orderdate integer not null encode delta)
                interleaved sortkey (lo_orderkey, lo_custkey, lo_partkey, lo_suppkey, lo_orderdate);
            create table t (a int not null, b varchar(20), c numeric(8,2) default 1.5, d timestamp, e boolean, f char(3), g bigint)
                diststyle even;
            create view v as select a, b from t;
            """)
    }

    @Test func analyzerResolvesViewsWithRedshiftTypes() throws {
        let translation = try db.translate("select * from information_schema.columns")
        #expect(translation.resultColumns.prefix(8).map(\.name) == ["table_catalog", "table_schema", "table_name", "column_name",
                                                                   "ordinal_position", "column_default", "is_nullable", "data_type"])
        #expect(translation.resultColumns[4].type == .integer)
        let pgClass = try db.translate("select oid, relname, relkind, relnatts from pg_catalog.pg_class")
        #expect(pgClass.resultColumns.map(\.type) == [.integer, .varchar(length: 128), .char(length: 1), .smallint])
        #expect(try db.translate("select * from dev.pg_catalog.pg_namespace").resultColumns.map(\.name) == ["oid", "nspname", "nspowner", "nspacl"])
        // information_schema relations need their schema name; unknown system relations are unsupported.
        #expect(throws: SQLError.self) { try db.translate("select * from tables") }
        let error = #expect(throws: SQLError.self) { try db.translate("select * from information_schema.triggers") }
        #expect(error?.code == "0A000")
    }

    @Test func informationSchemaTablesAndSchemata() throws {
        try db.run("create temp table scratch (x int)")
        // Typical tool query; table_type values as PostgreSQL/Redshift print them.
        #expect(try db.text("select table_name, table_type from information_schema.tables where table_schema = 'public' order by 1") == [
            ["lineorder_compound", "BASE TABLE"], ["lineorder_interleaved", "BASE TABLE"], ["t", "BASE TABLE"], ["v", "VIEW"],
        ])
        #expect(try db.text("select table_catalog, table_schema, table_type from information_schema.tables where table_name = 'scratch'") == [
            ["dev", "pg_temp", "LOCAL TEMPORARY"],
        ])
        #expect(try db.text("select schema_name from information_schema.schemata order by 1") == [["information_schema"], ["pg_catalog"], ["public"]])
        #expect(try db.text("select table_name, view_definition from information_schema.views") == [["v", "select a, b from t"]])
    }

    @Test func informationSchemaColumnsUsePostgresTypeNames() throws {
        let rows = try db.text("""
            select column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length,
                   numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, udt_name
            from information_schema.columns where table_schema = 'public' and table_name = 't' order by ordinal_position
            """)
        #expect(rows == [
            ["a", "1", "NULL", "NO", "integer", "NULL", "32", "2", "0", "NULL", "int4"],
            ["b", "2", "NULL", "YES", "character varying", "20", "NULL", "NULL", "NULL", "NULL", "varchar"],
            ["c", "3", "1.5", "YES", "numeric", "NULL", "8", "10", "2", "NULL", "numeric"],
            ["d", "4", "NULL", "YES", "timestamp without time zone", "NULL", "NULL", "NULL", "NULL", "6", "timestamp"],
            ["e", "5", "NULL", "YES", "boolean", "NULL", "NULL", "NULL", "NULL", "NULL", "bool"],
            ["f", "6", "NULL", "YES", "character", "3", "NULL", "NULL", "NULL", "NULL", "bpchar"],
            ["g", "7", "NULL", "YES", "bigint", "NULL", "64", "2", "0", "NULL", "int8"],
        ])
        #expect(try db.text("select column_name, data_type from information_schema.columns where table_name = 'v' order by 1") == [
            ["a", "integer"], ["b", "character varying"],
        ])
    }

    @Test func pgClassJoinsPgNamespaceAndPgAttribute() throws {
        #expect(try db.text("""
            select c.relname, n.nspname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'v') order by 1
            """) == [["lineorder_compound", "public", "r"], ["lineorder_interleaved", "public", "r"], ["t", "public", "r"], ["v", "public", "v"]])
        // pg_type OIDs are PostgreSQL's; atttypmod is length + 4 / ((p << 16) | s) + 4.
        #expect(try db.text("""
            select a.attname, a.attnum, t.typname, a.atttypid, a.atttypmod, a.attnotnull, format_type(a.atttypid, a.atttypmod)
            from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_type t on t.oid = a.atttypid
            where c.relname = 't' and a.attnum > 0 order by a.attnum
            """) == [
            ["a", "1", "int4", "23", "-1", "t", "integer"],
            ["b", "2", "varchar", "1043", "24", "f", "character varying(20)"],
            ["c", "3", "numeric", "1700", "524294", "f", "numeric(8,2)"],
            ["d", "4", "timestamp", "1114", "-1", "f", "timestamp without time zone"],
            ["e", "5", "bool", "16", "-1", "f", "boolean"],
            ["f", "6", "bpchar", "1042", "7", "f", "character(3)"],
            ["g", "7", "int8", "20", "-1", "f", "bigint"],
        ])
        #expect(try db.text("select relnatts from pg_class where relname = 't'") == [["7"]])
        #expect(try db.text("select nspname from pg_namespace where oid = 2200") == [["public"]])
        #expect(try db.text("select tablename from pg_tables where schemaname = 'public' order by 1") == [
            ["lineorder_compound"], ["lineorder_interleaved"], ["t"],
        ])
        #expect(try db.text("select viewname, definition from pg_views") == [["v", "select a, b from t"]])
    }

    @Test func pgTableDefFollowsTheDocumentedExamples() throws {
        // r_PG_TABLE_DEF: compound and interleaved sort keys.
        #expect(try db.text("""
            select "column", type, trim(encoding), distkey, sortkey, "notnull" from pg_table_def
            where tablename = 'lineorder_compound' and sortkey <> 0
            """) == [
            ["lo_orderkey", "integer", "delta32k", "f", "1", "t"],
            ["lo_custkey", "integer", "none", "f", "2", "t"],
            ["lo_partkey", "integer", "none", "t", "3", "t"],
            ["lo_suppkey", "integer", "delta32k", "f", "4", "t"],
            ["lo_orderdate", "integer", "delta", "f", "5", "t"],
        ])
        #expect(try db.text("select \"column\", sortkey from pg_table_def where tablename = 'lineorder_interleaved' and sortkey <> 0") == [
            ["lo_orderkey", "-1"], ["lo_custkey", "2"], ["lo_partkey", "-3"], ["lo_suppkey", "4"], ["lo_orderdate", "-5"],
        ])
        // r_PG_TABLE_DEF: a table in a schema off the search path is not listed until it is added.
        try db.script("create schema demo; create table demo.demotable (one int)")
        #expect(try db.text("select * from pg_table_def where tablename = 'demotable'").isEmpty)
        db.settings["search_path"] = "'$user', 'public', 'demo'"
        #expect(try db.text("select schemaname, tablename, \"column\", type, distkey, sortkey, \"notnull\" from pg_table_def where tablename = 'demotable'") == [
            ["demo", "demotable", "one", "integer", "f", "0", "f"],
        ])
        // A table shadowed by one of the same name earlier on the path is not visible.
        try db.run("create table demo.t (z int)")
        #expect(try db.text("select distinct schemaname from pg_table_def where tablename = 't'") == [["public"]])
        #expect(try db.text("select count(*) from pg_table_def where tablename = 'v'") == [["0"]])
    }

    @Test func svvTableInfoDescribesTablesWithRows() throws {
        try db.run("insert into lineorder_compound values (1, 2, 3, 4, 5, 'x'), (2, 2, 3, 4, 5, null)")
        try db.run("insert into t (a) values (1)")
        // r_SVV_TABLE_INFO: empty tables are not shown; diststyle KEY(col)/EVEN; sortkey1 the first sort key column.
        #expect(try db.text("""
            select "table", diststyle, sortkey1, sortkey_num, tbl_rows, max_varchar, trim(sortkey1_enc) from svv_table_info order by 1
            """) == [
            ["lineorder_compound", "KEY(lo_partkey)", "lo_orderkey", "5", "2", "79", "delta32k"],
            ["t", "EVEN", "AUTO(SORTKEY)", "0", "1", "20", "NULL"],
        ])
        #expect(try db.text("select database, schema, encoded from svv_table_info where \"table\" = 'lineorder_compound'") == [["dev", "public", "Y"]])
        #expect(try db.text("select s.table_id = c.oid from svv_table_info s join pg_class c on c.relname = s.\"table\" where s.\"table\" = 't'") == [["t"]])
    }

    @Test func svvViewsAgreeWithInformationSchema() throws {
        #expect(try db.text("select table_name, table_type from svv_tables where table_schema = 'public' order by 1") ==
                db.text("select table_name, table_type from information_schema.tables where table_schema = 'public' order by 1"))
        #expect(try db.text("select column_name, data_type, is_nullable from svv_columns where table_name = 't' order by ordinal_position") ==
                db.text("select column_name, data_type, is_nullable from information_schema.columns where table_name = 't' order by ordinal_position"))
        #expect(try db.text("select schema_name, schema_type from svv_redshift_schemas order by 1") == [
            ["information_schema", "local"], ["pg_catalog", "local"], ["public", "local"],
        ])
        #expect(try db.text("select table_name, table_type, table_owner from svv_redshift_tables order by 1") == [
            ["lineorder_compound", "TABLE", "awsuser"], ["lineorder_interleaved", "TABLE", "awsuser"], ["t", "TABLE", "awsuser"], ["v", "VIEW", "awsuser"],
        ])
        // r_SVV_REDSHIFT_COLUMNS sample: an integer column without ENCODE reads az64, is_nullable NO.
        #expect(try db.text("""
            select column_name, data_type, is_nullable, encoding, distkey, sortkey from svv_redshift_columns
            where table_name = 'lineorder_compound' and column_name in ('lo_partkey', 'lo_comment') order by 1
            """) == [["lo_comment", "character varying(79)", "YES", "lzo", "f", "0"], ["lo_partkey", "integer", "NO", "none", "t", "3"]])
        #expect(try db.text("select column_name, encoding from svv_redshift_columns where table_name = 't' and column_name in ('a', 'e')") == [
            ["a", "az64"], ["e", "none"],
        ])
        #expect(try db.text("select count(*) from svv_all_columns where table_name = 't'") == [["7"]])
        #expect(try db.text("select database_name, database_owner, database_type, database_isolation_level from svv_redshift_databases") == [
            ["dev", "1", "local", "Serializable"],
        ])
    }

    @Test func catalogViewsJoinUserTablesAndSeeSessionState() throws {
        try db.run("create table names (relname varchar(128), note varchar(10))")
        try db.run("insert into names values ('t', 'mine'), ('zz', 'other')")
        #expect(try db.text("select c.relname, n.note from pg_class c join names n on n.relname = c.relname") == [["t", "mine"]])
        #expect(try db.text("""
            select table_name from information_schema.tables i where exists (select 1 from names n where n.relname = i.table_name)
            """) == [["t"]])
        db.user = "alice"
        #expect(try db.text("select usename, usesuper from pg_user where usename = current_user") == [["alice", "t"]])
        #expect(try db.text("select datname from pg_database") == [["dev"]])
        // Names are data, never SQL: quotes and placeholder-like text survive.
        try db.run(#"create table "it's{{user}}" (x int)"#)
        try db.run(#"insert into "it's{{user}}" values (1)"#)
        #expect(try db.text("select \"table\", tbl_rows from svv_table_info where \"table\" like 'it%'") == [["it's{{user}}", "1"]])
        #expect(try db.text("select count(*) from pg_description") == [["0"]])
    }
}

import Foundation
import Testing
@testable import RedshiftSQL

/// `(expr).field`, `information_schema._pg_expandarray` in a select list and pg_settings: what pgjdbc's
/// DatabaseMetaData.getPrimaryKeys and getImportedKeys send (issue 13 item 6).
///
/// - Redshift: PostgreSQL 8.0's catalog (c_intro_catalog_views), informational constraints
///   (t_Defining_constraints); errors are PostgreSQL's (ParseFuncOrColumn, ExecMakeFunctionResult).
@Suite struct SetReturningFunctionTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table jp_parent (id int primary key, name varchar(10));
            create table jp_child (cid int, pid int references jp_parent(id), note varchar(5), primary key (pid, cid));
            """)
    }

    private func code(_ sql: String) -> String? {
        do { _ = try db.run(sql); return nil } catch let error as SQLError { return error.code + " " + error.message } catch { return "\(error)" }
    }

    @Test func fieldSelectionParsesAsAnInternalCall() throws {
        #expect(try Parser.parseStatement("select (r.k).x from r").tree == "(select ((call rs_field_select r.k 'x')) (from r))")
        #expect(try Parser.parseStatement("select ((a)).b, (f(1)).n from r").tree
                == "(select ((call rs_field_select a 'b') (call rs_field_select (call f 1) 'n')) (from r))")
        // A parenthesized value without a field stays as it was.
        #expect(try Parser.parseStatement("select (a) from r").tree == "(select (a) (from r))")
    }

    @Test func expandArrayGivesOneRowPerElementWithItsIndex() throws {
        #expect(try db.text("""
            select (information_schema._pg_expandarray('{10,20,30}')).x, (information_schema._pg_expandarray('{10,20,30}')).n
            """) == [["10", "1"], ["20", "2"], ["30", "3"]])
        // The record itself prints as PostgreSQL prints one; an int2vector (pg_index.indkey) reads as its elements.
        #expect(try db.text("select information_schema._pg_expandarray('{7,8}') as k") == [["(7,1)"], ["(8,2)"]])
        #expect(try db.text("select 'a' as c, (information_schema._pg_expandarray('5 6')).x") == [["a", "5"], ["a", "6"]])
        // An empty or NULL array yields no rows for its row.
        #expect(try db.text("select (information_schema._pg_expandarray('{}')).x") == [])
        #expect(try db.text("select (information_schema._pg_expandarray(NULL)).x") == [])
    }

    @Test func generatedSQLJoinsJsonEachLaterally() throws {
        let sql = try db.translate("select (information_schema._pg_expandarray(i.indkey)).n from pg_catalog.pg_index i").steps.last?.sql ?? ""
        #expect(sql.contains("json_each(rs_array_json("))
        #expect(sql.contains(#"AS "_rs_srf1""#))
    }

    @Test func aRecordColumnOfADerivedTableKeepsItsFields() throws {
        #expect(try db.text("""
            select r.k, (r.k).x, (r.k).n from (select information_schema._pg_expandarray('{4,5}') as k) r where (r.k).n = 2
            """) == [["(5,2)", "5", "2"]])
    }

    /// pgjdbc 42.5's getPrimaryKeys query (PgDatabaseMetaData), as it sends it against a PostgreSQL 8.0 server.
    @Test func pgjdbcGetPrimaryKeysAnswersTheDeclaredKeysInOrder() throws {
        func primaryKeys(_ table: String) throws -> [[String]] {
            try db.text("""
                SELECT result.TABLE_CAT, result.TABLE_SCHEM, result.TABLE_NAME, result.COLUMN_NAME, result.KEY_SEQ, result.PK_NAME FROM \
                (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME, \
                (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME, \
                information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM FROM pg_catalog.pg_class ct \
                JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid) JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) \
                JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid) JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) \
                WHERE true  AND n.nspname = 'public' AND ct.relname = '\(table)' AND i.indisprimary ) result \
                where result.A_ATTNUM = (result.KEYS).x ORDER BY result.table_name, result.pk_name, result.key_seq
                """)
        }
        #expect(try primaryKeys("jp_parent") == [["NULL", "public", "jp_parent", "id", "1", "jp_parent_pkey"]])
        // PRIMARY KEY (pid, cid): key order, not column order.
        #expect(try primaryKeys("jp_child") == [
            ["NULL", "public", "jp_child", "pid", "1", "jp_child_pkey"],
            ["NULL", "public", "jp_child", "cid", "2", "jp_child_pkey"],
        ])
    }

    @Test func errorsArePostgresqls() throws {
        #expect(code("select (1).y") == "42809 column notation .y applied to type integer, which is not a composite type")
        #expect(code("select (information_schema._pg_expandarray('{1}')).z") == "42703 could not identify column \"z\" in record data type")
        #expect(code("select (r.k).z from (select information_schema._pg_expandarray('{1}') as k) r")
                == "42703 could not identify column \"z\" in record data type")
        #expect(code("select information_schema._pg_expandarray(1)") == "42883 function information_schema._pg_expandarray(integer) does not exist")
        #expect(code("select 1 where (information_schema._pg_expandarray('{1}')).x = 1")
                == "0A000 set-valued function called in context that cannot accept a set")
        // The server is unharmed: the next statement runs.
        #expect(try db.value("select 1") == "1")
    }

    @Test func setReturningFunctionsInFrom() throws {
        #expect(try Parser.parseStatement("select pos.n from pg_catalog.generate_series(1, 3) pos(n)").tree
                == "(select (pos.n) (from (as (call pg_catalog.generate_series 1 3) pos (columns n))))")
        #expect(try db.text("select pos.n from pg_catalog.generate_series(1, 3) pos(n)") == [["1"], ["2"], ["3"]])
        #expect(try db.text("select g from generate_series(10, 1, -4) g") == [["10"], ["6"], ["2"]])
        #expect(try db.text("select e.x, e.n from information_schema._pg_expandarray('{7,9}') e") == [["7", "1"], ["9", "2"]])
        // Lateral: the argument names an earlier FROM item.
        #expect(try db.text("""
            select c.conname, k.x from pg_catalog.pg_constraint c, information_schema._pg_expandarray(c.conkey) k
            where c.contype = 'p' order by 1, k.n
            """) == [["jp_child_pkey", "2"], ["jp_child_pkey", "1"], ["jp_parent_pkey", "1"]])
        #expect(code("select * from generate_series(1, 3, 0)") == "22023 step size cannot equal zero")
        #expect(code("select * from generate_series(1, 3) g(a, b)") == "42P10 table \"g\" has 1 columns available but 2 columns specified")
        #expect(code("select * from generate_series(true, 3)") == "42883 function generate_series(boolean, integer) does not exist")
    }

    @Test func catalogArraySubscriptsAreTheirElementType() throws {
        #expect(try db.text("select c.conkey[1] + 1, c.conkey[3] from pg_catalog.pg_constraint c where c.conname = 'jp_child_pkey'") == [["3", "NULL"]])
    }

    @Test func systemCatalogsHavePostgresqlsOIDs() throws {
        #expect(try db.text("select 'pg_constraint'::regclass::oid, 'pg_class'::regclass::oid") == [["2606", "1259"]])
    }

    /// pgjdbc 42.5's getImportedKeys query for a PostgreSQL 8.0 server (pg_depend joins the key's index).
    @Test func pgjdbcGetImportedKeysAnswersTheForeignKey() throws {
        let rows = try db.text("""
            SELECT NULL::text AS PKTABLE_CAT, pkn.nspname AS PKTABLE_SCHEM, pkc.relname AS PKTABLE_NAME, pka.attname AS PKCOLUMN_NAME, \
            NULL::text AS FKTABLE_CAT, fkn.nspname AS FKTABLE_SCHEM, fkc.relname AS FKTABLE_NAME, fka.attname AS FKCOLUMN_NAME, \
            pos.n AS KEY_SEQ, CASE con.confupdtype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 WHEN 'r' THEN 1 WHEN 'p' THEN 1 \
            WHEN 'a' THEN 3 ELSE NULL END AS UPDATE_RULE, CASE con.confdeltype  WHEN 'c' THEN 0 WHEN 'n' THEN 2 WHEN 'd' THEN 4 \
            WHEN 'r' THEN 1 WHEN 'p' THEN 1 WHEN 'a' THEN 3 ELSE NULL END AS DELETE_RULE, con.conname AS FK_NAME, pkic.relname AS PK_NAME, \
            CASE  WHEN con.condeferrable AND con.condeferred THEN 5 WHEN con.condeferrable THEN 6 ELSE 7 END AS DEFERRABILITY  FROM \
             pg_catalog.pg_namespace pkn, pg_catalog.pg_class pkc, pg_catalog.pg_attribute pka,  pg_catalog.pg_namespace fkn, \
            pg_catalog.pg_class fkc, pg_catalog.pg_attribute fka,  pg_catalog.pg_constraint con,  pg_catalog.generate_series(1, 32) pos(n), \
             pg_catalog.pg_class pkic, pg_catalog.pg_depend dep  WHERE pkn.oid = pkc.relnamespace AND pkc.oid = pka.attrelid \
            AND pka.attnum = con.confkey[pos.n] AND con.confrelid = pkc.oid  AND fkn.oid = fkc.relnamespace AND fkc.oid = fka.attrelid \
            AND fka.attnum = con.conkey[pos.n] AND con.conrelid = fkc.oid  AND con.contype = 'f' AND pkic.relkind = 'i' \
            AND con.oid = dep.objid AND pkic.oid = dep.refobjid AND dep.classid = 'pg_constraint'::regclass::oid \
            AND dep.refclassid = 'pg_class'::regclass::oid AND fkn.nspname = 'public' AND fkc.relname = 'jp_child' \
            ORDER BY pkn.nspname,pkc.relname, con.conname,pos.n
            """)
        // java.sql.DatabaseMetaData: importedKeyNoAction 3, importedKeyNotDeferrable 7.
        #expect(rows == [["NULL", "public", "jp_parent", "id", "NULL", "public", "jp_child", "pid", "1", "3", "3", "jp_child_pid_fkey", "jp_parent_pkey", "7"]])
    }

    @Test func pgSettingsListsTheSessionParameters() throws {
        #expect(try db.text("SELECT setting FROM pg_catalog.pg_settings WHERE name='max_index_keys'") == [["32"]])
        #expect(try db.text("select setting, source from pg_settings where name = 'datestyle'") == [["ISO, MDY", "default"]])
        db.settings["query_group"] = "q1"
        #expect(try db.text("select setting, source from pg_settings where name = 'query_group'") == [["q1", "session"]])
    }
}

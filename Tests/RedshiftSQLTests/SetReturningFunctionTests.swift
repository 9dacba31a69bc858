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

    @Test func pgSettingsListsTheSessionParameters() throws {
        #expect(try db.text("SELECT setting FROM pg_catalog.pg_settings WHERE name='max_index_keys'") == [["32"]])
        #expect(try db.text("select setting, source from pg_settings where name = 'datestyle'") == [["ISO, MDY", "default"]])
        db.settings["query_group"] = "q1"
        #expect(try db.text("select setting, source from pg_settings where name = 'query_group'") == [["q1", "session"]])
    }
}

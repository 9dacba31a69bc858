import Foundation
import Testing
@testable import RedshiftSQL

/// What psql, SQLAlchemy (sqlalchemy-redshift) and dbt-redshift send against pg_catalog, on a real
/// SQLite: the catalog macros, the parser rewrites, pg_constraint and pg_attrdef.
///
/// - Redshift: the PostgreSQL 8.0 catalog (c_intro_catalog_views); informational constraints
///   (t_Defining_constraints); PG_CLASS_INFO's distribution styles.
@Suite struct CatalogToolQueryTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create schema s;
            create table s.parent (id int primary key, name varchar(20) not null default 'x') diststyle key distkey(id);
            create table s.child (cid bigint, parent_id int references s.parent(id), code char(2), unique (cid, code),
                constraint child_pk primary key (cid)) diststyle all;
            create view s.v as select id from s.parent;
            """)
    }

    private func texts(_ sql: String) throws -> [[String]] {
        try db.run(sql).map { $0.map { $0.textValue ?? "NULL" } }
    }

    @Test func pgConstraintListsTheKeysWithPostgresNamesAndDefinitions() throws {
        #expect(try texts("""
            select t.conname, t.contype, t.conkey, coalesce(t.confkey, '-'), pg_get_constraintdef(t.oid, true)
            from pg_catalog.pg_constraint t join pg_catalog.pg_class c on c.oid = t.conrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = 's' order by 1
            """) == [
            ["child_cid_key", "u", "{1,3}", "-", "UNIQUE (cid, code)"],
            ["child_parent_id_fkey", "f", "{2}", "{1}", "FOREIGN KEY (parent_id) REFERENCES s.parent(id)"],
            ["child_pk", "p", "{1}", "-", "PRIMARY KEY (cid)"],
            ["parent_pkey", "p", "{1}", "-", "PRIMARY KEY (id)"],
        ])
        // The foreign key points at its table.
        #expect(try texts("""
            select r.relname from pg_catalog.pg_constraint t join pg_catalog.pg_class r on r.oid = t.confrelid where t.contype = 'f'
            """) == [["parent"]])
    }

    @Test func anyOfAnArrayJoinsKeysToColumns() throws {
        #expect(try texts("""
            select a.attname from pg_catalog.pg_constraint t
            join pg_catalog.pg_attribute a on t.conrelid = a.attrelid and a.attnum = any(t.conkey)
            where t.contype = 'u' order by a.attnum
            """) == [["cid"], ["code"]])
    }

    @Test func rowComparisonsAndDefaults() throws {
        #expect(try texts("""
            select a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid) from pg_catalog.pg_attribute a
            join pg_catalog.pg_attrdef d on (a.attrelid, a.attnum) = (d.adrelid, d.adnum)
            """) == [["name", "'x'"]])
        #expect(try texts("select (1, 'a') = (1, 'a'), (1, 2) <> (1, 3)") == [["1", "1"]])
        #expect(throws: SQLError.self) { try db.translate("select (1, 2) < (1, 3)") }
        #expect(throws: SQLError.self) { try db.translate("select (1, 2)") }
    }

    @Test func psqlsRegexOperatorAndVisibility() throws {
        let rows = try texts("""
            select c.relname, pg_catalog.pg_table_is_visible(c.oid) from pg_catalog.pg_class c
            where c.relname OPERATOR(pg_catalog.~) '^(parent|v)$' order by 1
            """)
        #expect(rows == [["parent", "0"], ["v", "0"]])  // schema s is not on the search path
        db.settings["search_path"] = "s, public"
        #expect(try texts("select relname, relkind from pg_catalog.pg_class c where pg_catalog.pg_table_is_visible(c.oid) order by 1")
                == [["child", "r"], ["child_cid_key", "i"], ["child_pk", "i"], ["parent", "r"], ["parent_pkey", "i"], ["v", "v"]])
        #expect(throws: SQLError.self) { try db.translate("select 'a' OPERATOR(pg_catalog.+) 'b'") }
    }

    @Test func regclassAndUserNames() throws {
        let oid = try texts("select oid from pg_catalog.pg_class where relname = 'parent'")[0][0]
        #expect(try texts("select 's.parent'::regclass::oid, 's.parent'::pg_catalog.regclass, 'nope'::regclass")
                == [[oid, "parent", "NULL"]])
        #expect(try texts("select conrelid::regclass from pg_catalog.pg_constraint where contype = 'f'") == [["child"]])
        #expect(try texts("select pg_catalog.pg_get_userbyid(1), pg_get_userbyid(424242)") == [["rdsdb", "unknown (UID=424242)"]])
    }

    @Test func expandedFunctionsKeepTheirColumnNames() throws {
        let translation = try db.translate("select pg_get_userbyid(relowner), pg_get_viewdef(oid) from pg_class")
        #expect(translation.resultColumns.map(\.name) == ["pg_get_userbyid", "pg_get_viewdef"])
        // An unqualified `oid` argument binds to the outer pg_class, not inside the expansion.
        #expect(try texts("select relname, pg_get_viewdef(oid) is not null from pg_class where relname in ('v', 'parent') order by 1")
                == [["parent", "0"], ["v", "1"]])
        #expect(throws: SQLError.self) { try db.translate("select pg_get_userbyid()") }
    }

    @Test func arraysAreText() throws {
        #expect(try texts("select array[1, 2], array['a b', 'c'], array_to_string(array['x', 'y'], '-')") == [["{1,2}", "{\"a b\",c}", "x-y"]])
        #expect(try texts("select array(select relname from pg_catalog.pg_class where relname in ('parent', 'child') order by 1)")
                == [["{child,parent}"]])
    }

    @Test func lateralAliasesAndIntegerConditions() throws {
        #expect(try texts("select n.nspname as \"schema\" from pg_catalog.pg_namespace n where 1 and schema = 's'") == [["s"]])
        // A real column wins over an alias of the same name.
        #expect(try texts("select 'alias' as nspname from pg_catalog.pg_namespace where nspname = 's'") == [["alias"]])
    }

    @Test func unionResolvesAnUntypedNullFromTheOtherBranch() throws {
        let translation = try db.translate("select 1 as a union select null as a")
        #expect(translation.resultColumns.map(\.type) == [.integer])
    }

    @Test func lateBindingViewColumnsNeedADefinitionList() throws {
        #expect(try db.run("select * from pg_get_late_binding_view_cols() c(s name, t name, n name, ty varchar, o int)").isEmpty)
        #expect(throws: SQLError.self) { try db.translate("select * from pg_get_late_binding_view_cols()") }
        #expect(throws: SQLError.self) { try db.translate("select * from pg_get_late_binding_view_cols() c(a int)") }
        // generate_series is a FROM function now (SetReturningFunctionTests); other functions are not.
        #expect(throws: SQLError.self) { try db.translate("select * from json_each('[1]')") }
    }

    @Test func redshiftColumnsOfPgClassAndPgAttribute() throws {
        #expect(try texts("select relname, reldiststyle from pg_catalog.pg_class where relname in ('parent', 'child') order by 1")
                == [["child", "8"], ["parent", "1"]])
        #expect(try texts("""
            select a.attname, format_encoding(a.attencodingtype) from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid where c.relname = 'parent' order by a.attnum
            """) == [["id", "az64"], ["name", "lzo"]])
    }

    @Test func subscriptsBitwiseOperatorsAndUnaliasedDerivedTables() throws {
        #expect(try texts("select (current_schemas(true))[1], (current_schemas(true))[9], ('{a,b}')[2]") == [["pg_catalog", "NULL", "b"]])
        #expect(try texts("select ((655366 - 4) >> 16) & 65535, 1 << 3, 6 | 1, 7 & 2, 2 > 1") == [["10", "8", "7", "2", "1"]])
        #expect(throws: SQLError.self) { try db.translate("select 1.5 >> 1") }
        #expect(try texts("select json_parse('[1]')[0]") == [["1"]])   // SUPER navigation (query-super), zero-based
        #expect(try texts("select * from (select 1 as a) union all select 2 order by 1") == [["1"], ["2"]])
    }

    @Test func keysHaveThePostgresIndexRelations() throws {
        #expect(try texts("""
            select ci.relname, i.indkey, i.indisprimary, pg_get_indexdef(i.indexrelid), pg_get_indexdef(i.indexrelid, 2, true)
            from pg_catalog.pg_index i join pg_catalog.pg_class ci on ci.oid = i.indexrelid order by 1
            """) == [
            ["child_cid_key", "1 3", "0", "CREATE UNIQUE INDEX child_cid_key ON s.child USING btree (cid, code)", "code"],
            ["child_pk", "1", "1", "CREATE UNIQUE INDEX child_pk ON s.child USING btree (cid)", "NULL"],
            ["parent_pkey", "1", "1", "CREATE UNIQUE INDEX parent_pkey ON s.parent USING btree (id)", "NULL"],
        ])
        // redshift_connector's get_primary_keys joins the index's own pg_attribute rows.
        #expect(try texts("""
            select a.attname, a.attnum from pg_catalog.pg_class ct, pg_catalog.pg_class ci, pg_catalog.pg_attribute a, pg_catalog.pg_index i
            where ct.oid = i.indrelid and ci.oid = i.indexrelid and a.attrelid = ci.oid and i.indisprimary and ct.relname = 'parent'
            """) == [["id", "1"]])
        #expect(try texts("select conname, conindid = (select oid from pg_class where relname = conname) from pg_constraint where contype <> 'f' order by 1")
                == [["child_cid_key", "1"], ["child_pk", "1"], ["parent_pkey", "1"]])
    }

    @Test func viewsCanBeRenamed() throws {
        try db.run("alter table s.v rename to w")
        #expect(try texts("select viewname from pg_catalog.pg_views") == [["w"]])
    }
}

/// The pure helpers behind pg_constraint and array texts.
@Suite struct CatalogTextTests {
    @Test func informationalConstraintLines() throws {
        let fk = try #require(InformationalConstraint("FOREIGN KEY (a, \"B\") REFERENCES s.t (x, y)", table: "tab"))
        #expect(fk.type == "f" && fk.name == "tab_a_fkey" && fk.columns == ["a", "b"])
        #expect(fk.referencedTable == ["s", "t"] && fk.referencedColumns == ["x", "y"])
        let named = try #require(InformationalConstraint("constraint pk primary key (id)", table: "tab"))
        #expect(named.name == "pk" && named.definition(referencedKey: []) == "PRIMARY KEY (id)")
        #expect(InformationalConstraint("check (a > 0)", table: "t") == nil)
        #expect(InformationalConstraint("", table: "t") == nil)
    }

    @Test func arrayTexts() {
        #expect(ArrayText.elements("{1,2,3}") == ["1", "2", "3"])
        #expect(ArrayText.elements("{\"a,b\",\"c\\\"d\"}") == ["a,b", "c\"d"])
        #expect(ArrayText.elements("{}") == [])
        #expect(ArrayText.elements("not an array") == [])
        #expect(ArrayText.element("a b") == "\"a b\"" && ArrayText.element("ab") == "ab")
    }
}

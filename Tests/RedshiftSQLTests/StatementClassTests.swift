import Testing
@testable import RedshiftSQL

/// `StatementClass` (API/StatementClass.swift and StatementClass+Classify.swift).
struct StatementClassTests {
    @Test(arguments: [
        ("/* c */ select 1", StatementClass.query),
        ("-- c\nSELECT 1", .query),
        ("with x as (select 1) select * from x", .query),
        ("(select 1) union (select 2)", .query),
        ("show search_path", .query),
        ("explain insert into t values (1)", .query),
        ("select * into t2 from t", .createTableAs),
        ("select * into temp t2 from t", .createTableAs),
        ("create table t2 as select * from t", .createTableAs),
        ("create temp table t2 (a) as select 1", .createTableAs),
        ("insert into t values (1)", .dml),
        ("update t set a = 1", .dml),
        ("delete from t", .dml),
        ("merge into t using s on t.id = s.id when matched then delete", .dml),
        ("create table t (a int)", .ddl),
        ("create view v as select 1", .ddl),
        ("create materialized view mv as select 1", .ddl),
        ("drop table t", .ddl),
        ("truncate t", .ddl),
        ("grant select on t to u", .ddl),
        ("create rls policy p using (true)", .ddl),
        ("create user u password 'Abcdefg1'", .ddl),
        ("begin", .transaction),
        ("end", .transaction),
        ("set query_group to 'etl'", .setting),
        ("reset all", .setting),
        ("analyze t", .maintenance),
        ("vacuum", .maintenance),
        ("prepare p as select 1", .utility),
        ("execute p", .utility),
        ("lock t", .utility),
        ("copy t from 's3://b/k' iam_role default", .copy),
    ])
    func classOfParsedStatements(_ sql: String, _ expected: StatementClass) {
        let parsed = Translator.parse(sql)
        #expect(parsed.syntaxError == nil, "\(sql)")
        #expect(parsed.statementClass == expected, "\(sql)")
    }

    @Test(arguments: [
        ("with x as (select 1) insert into t select * from x", StatementClass.dml),
        ("with x as (select 1) delete from t using x", .dml),
        ("with x as (select 1) select * into t from x where", .createTableAs),
        ("select from where", .query),
        ("select a into from t", .createTableAs),
        ("copy t from 's3://b/k' iam_role default no_such_option", .copy),
        ("unload ('select 1') to 's3://b/k'", .unload),
        ("create table t as", .createTableAs),
        ("create table t (a int", .ddl),
        ("insert into", .dml),
        ("describe t", .utility),
        ("select 'open", .query),
    ])
    func classFromLeadingWordsWhenTheStatementDoesNotParse(_ sql: String, _ expected: StatementClass) {
        let parsed = Translator.parse(sql)
        #expect(parsed.syntaxError != nil, "\(sql)")
        #expect(parsed.statementClass == expected, "\(sql)")
    }

    @Test func onlyQueriesAreReadOnly() {
        #expect(StatementClass.query.isReadOnly)
        #expect(!StatementClass.createTableAs.isReadOnly)
        #expect(!StatementClass.dml.isReadOnly)
    }
}

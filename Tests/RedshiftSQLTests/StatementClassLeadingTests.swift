import Testing
import RedshiftSQL

/// `StatementClass(leadingWordsOf:)` (API/StatementClass+Leading.swift): the class without parsing
/// agrees with the parse's for the statements the parser takes.
struct StatementClassLeadingTests {
    @Test(arguments: [
        "/* c */ select 1", "-- c\nSELECT 1", "with x as (select 1) select * from x", "(select 1) union (select 2)",
        "show search_path", "explain insert into t values (1)", "select * into t2 from t", "select * into temp t2 from t",
        "create table t2 as select * from t", "create temp table t2 (a) as select 1", "insert into t values (1)",
        "update t set a = 1", "delete from t", "merge into t using s on t.id = s.id when matched then delete",
        "with x as (select 1) insert into t select * from x", "create table t (a int)", "create view v as select 1",
        "drop table t", "truncate t", "grant select on t to u", "create user u password 'Abcdefg1'", "begin", "end",
        "set query_group to 'etl'", "reset all", "analyze t", "vacuum", "prepare p as select 1", "execute p", "lock t",
    ])
    func agreesWithTheParse(_ sql: String) {
        #expect(StatementClass(leadingWordsOf: sql) == Translator.parse(sql).statementClass, "\(sql)")
    }

    @Test func classifiesWhatTheParserDoesNotTake() {
        #expect(StatementClass(leadingWordsOf: "copy t from 's3://b/k' iam_role default") == .copy)
        #expect(StatementClass(leadingWordsOf: "unload ('select 1') to 's3://b/k'") == .unload)
        #expect(StatementClass(leadingWordsOf: "") == .utility)
    }
}

import RedshiftSQL
import Testing
@testable import PGWire

/// CommandComplete tags (protocol-message-formats.html, CommandComplete).
@Suite struct CommandTagTests {
    private func tag(_ sql: String, _ rows: Int64 = 0) -> String { CommandTag.of(Translator.parse(sql), rows: rows) }

    @Test func tags() {
        #expect(tag("select 1", 1) == "SELECT 1")
        #expect(tag("insert into t values (1), (2)", 2) == "INSERT 0 2")
        #expect(tag("update t set a = 1", 3) == "UPDATE 3")
        #expect(tag("delete from t", 0) == "DELETE 0")
        #expect(tag("create table t (a int)") == "CREATE TABLE")
        #expect(tag("create temp table t (a int)") == "CREATE TABLE")
        #expect(tag("create or replace view v as select 1") == "CREATE VIEW")
        #expect(tag("drop table t") == "DROP TABLE")
        #expect(tag("begin") == "BEGIN")
        #expect(tag("start transaction") == "START TRANSACTION")
        #expect(tag("end") == "COMMIT")
        #expect(tag("abort") == "ROLLBACK")
        #expect(tag("set search_path to public") == "SET")
        #expect(tag("/* c */ select 1", 1) == "SELECT 1")
    }
}

import Foundation
import Testing
@testable import Replay

func statement(_ id: String, session: String, seq: Int, at micros: Int64, sql: String = "select 1",
               batch: String? = nil, index: Int? = nil, cluster: String? = "c1") -> RecordedStatement {
    var s = RecordedStatement(eventId: id, sessionId: session, sequence: seq, user: "u", database: "dev", sql: sql,
                              submittedAt: RecordingTime(microsecondsSinceEpoch: 1_700_000_000_000_000 + micros))
    s.clusterIdentifier = cluster
    s.batchId = batch
    s.batchIndex = index
    return s
}

@Suite struct ReplayPlanTests {
    let workload = [
        statement("a1", session: "A", seq: 1, at: 0),
        statement("b1", session: "B", seq: 1, at: 500_000),
        statement("a2", session: "A", seq: 2, at: 1_000_000, sql: "insert into t values (1)"),
        statement("a3", session: "A", seq: 3, at: 2_000_000, sql: "update t set x = 1", batch: "x", index: 1),
        statement("a4", session: "A", seq: 4, at: 2_000_000, sql: "select 2", batch: "x", index: 2),
    ]

    @Test func offsetsAreScaledBySpeed() throws {
        var options = ReplayOptions()
        options.speed = 2
        let plan = try ReplayPlan(statements: workload, options: options)
        #expect(plan.sessions.map(\.sessionId) == ["A", "B"])
        #expect(plan.sessions[0].units.map(\.offsetMicros) == [0, 500_000, 1_000_000])
        #expect(plan.sessions[1].units.map(\.offsetMicros) == [250_000])
        #expect(plan.sessions[0].units[2].isBatch && plan.sessions[0].units[2].statements.count == 2)
        #expect(plan.statementCount == 5 && plan.unitCount == 4)
        #expect(plan.peakConcurrentSessions == 2)
    }

    @Test func speedZeroRunsEverythingAtOnce() throws {
        var options = ReplayOptions()
        options.speed = 0
        let plan = try ReplayPlan(statements: workload, options: options)
        #expect(plan.sessions.flatMap(\.units).allSatisfy { $0.offsetMicros == 0 })
    }

    @Test func readOnlySkipsWritesAndWholeBatches() throws {
        var options = ReplayOptions()
        options.readOnly = true
        let plan = try ReplayPlan(statements: workload, options: options)
        #expect(plan.skippedWrites == 3)
        #expect(plan.statementCount == 2)
    }

    @Test func overridesAndMissingTargets() throws {
        var options = ReplayOptions()
        options.workgroup = "wg"
        options.database = "other"
        options.userMap = try ReplayOptions.parseUserMap(["u=v"])
        let plan = try ReplayPlan(statements: workload, options: options)
        #expect(plan.sessions[0].workgroup == "wg" && plan.sessions[0].cluster == nil)
        #expect(plan.sessions[0].database == "other" && plan.sessions[0].user == "v")
        #expect(throws: ReplayError.self) { try ReplayOptions.parseUserMap(["novalue"]) }
        #expect(throws: ReplayError.self) {
            try ReplayPlan(statements: [statement("z", session: "Z", seq: 1, at: 0, cluster: nil)], options: ReplayOptions())
        }
    }

    @Test func statementTypes() {
        #expect(StatementType(sql: "/* c */ (SELECT 1)") == .select)
        #expect(StatementType(sql: "with x as (select 1) select * from x") == .select)
        #expect(StatementType(sql: "select * into t2 from t") == .ddl)
        #expect(StatementType(sql: "INSERT INTO t VALUES (1)") == .insert)
        #expect(StatementType(sql: "commit") == .transaction)
        #expect(StatementType.isReadOnly(sql: "set query_group to 'x'"))
        #expect(!StatementType.isReadOnly(sql: "copy t from 's3://b'"))
        // From the SQL front end's StatementClass, DML split by its verb.
        #expect(StatementType(sql: "with x as (select 1) insert into t select * from x") == .insert)
        #expect(StatementType(sql: "update t set a = (select max(b) from u)") == .update)
        #expect(StatementType(sql: "delete from t where id in (select id from u)") == .delete)
        #expect(StatementType(sql: "merge into t using s on t.id = s.id when matched then delete") == .merge)
        #expect(StatementType(sql: "create table t2 as select 1") == .ddl)
        #expect(StatementType(sql: "copy t from 's3://b' iam_role default") == .copy)
        #expect(StatementType(sql: "vacuum t") == .utility)
        #expect(StatementType(sql: "-- only a comment") == .other)
        #expect(!StatementType.isReadOnly(sql: "with x as (select 1) insert into t select * from x"))
        #expect(StatementType.isReadOnly(sql: "show search_path"))
        #expect(StatementType.isReadOnly(sql: "fetch 10 from c"))
        #expect(StatementType.isReadOnly(sql: "rollback"))
    }
}

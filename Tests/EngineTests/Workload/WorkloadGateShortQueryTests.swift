import Foundation
import Testing
@testable import Engine

/// The statement path's helpers added for SQA and statement_timeout: statement kinds and shapes
/// (byte scanners), the SQA prediction rule of docs/workload.md, statement_timeout values.
@Suite struct WorkloadGateShortQueryTests {
    static let target = Target(kind: .cluster, name: "c1")

    /// wlm-queue-hopping's statement categories: read-only, CTAS / SELECT INTO, writes, COPY and maintenance.
    @Test func statementKinds() {
        #expect(StatementShape.kind("SELECT 1") == .readOnly)
        #expect(StatementShape.kind("with x as (select 1) select * from x") == .readOnly)
        #expect(StatementShape.kind("select * into t2 from t") == .createTableAs)
        #expect(StatementShape.kind("CREATE TABLE t2 AS select * from t") == .createTableAs)
        #expect(StatementShape.kind("create table t (i int)") == .write)
        #expect(StatementShape.kind("insert into t values (1)") == .write)
        #expect(StatementShape.kind("copy t from 's3://b/k' iam_role default") == .exempt)
        #expect(StatementShape.kind("\n\tVACUUM t") == .exempt)
    }

    /// Literals are replaced and blanks collapsed, so parameter values share a shape.
    @Test func shapesIgnoreLiterals() {
        #expect(StatementShape.fingerprint("SELECT  *\nFROM t WHERE id = 42 AND s = 'x' ")
                == "select * from t where id = ? and s = ?")
        #expect(StatementShape.fingerprint("select 1") == StatementShape.fingerprint("select 22"))
        #expect(StatementShape.fingerprint("select 'a'") != StatementShape.fingerprint("select 1 + 1"))
    }

    /// docs/workload.md: a shape never seen is predicted from the profile (instant: short; realistic:
    /// 5.2 s, long against a 1 s limit); after a quick run it is short; writes are never eligible.
    @Test func shortQueryPrediction() async throws {
        let json = #"[{"query_concurrency": 1}, {"short_query_queue": true, "max_execution_time": 1000}]"#
        var settings = WorkloadGate.Settings(wlm: try WLMConfiguration(json: json))
        let instant = WorkloadGate(settings, clock: SystemClock())
        #expect(instant.shortQueryPrediction(sql: "select 1", kind: .readOnly, target: Self.target).short)
        #expect(!instant.shortQueryPrediction(sql: "insert into t values (1)", kind: .write, target: Self.target).short)
        settings.latency = .realistic
        let realistic = WorkloadGate(settings, clock: SystemClock())
        let first = realistic.shortQueryPrediction(sql: "select 1", kind: .readOnly, target: Self.target)
        #expect(!first.short && first.shape == "select ?")
        _ = try await realistic.admit("a", target: Self.target, context: WLMRoutingContext(user: "u"), kind: .readOnly, slots: 1,
                                      shortQuery: false, shape: first.shape, database: "dev", queryId: 1, onEvict: {})
        realistic.release("a", target: Self.target)
        #expect(realistic.shortQueryPrediction(sql: "select 2", kind: .readOnly, target: Self.target).short)
    }

    /// r_statement_timeout: 0 (no limit) or a number of milliseconds.
    @Test func statementTimeoutValues() {
        #expect(StatementTimeouts.millis("0") == 0)
        #expect(StatementTimeouts.millis("1500") == 1500)
        #expect(StatementTimeouts.millis("'300'") == 300)
        #expect(StatementTimeouts.millis("-1") == nil)
        #expect(StatementTimeouts.millis("1s") == nil)
    }
}

import Foundation
import RedshiftSQL
import Testing
@testable import Engine

/// The statement path's helpers added for SQA and statement_timeout: statement kinds and shapes
/// (from the one parse), the SQA prediction rule of docs/workload.md, statement_timeout values.
@Suite struct WorkloadGateShortQueryTests {
    static let target = Target(kind: .cluster, name: "c1")

    /// wlm-queue-hopping's statement categories: read-only, CTAS / SELECT INTO, writes, COPY and
    /// maintenance, from the statement's one parse (a comment first does not make a read a write).
    @Test func statementKinds() {
        func kind(_ sql: String) -> WLMStatementKind { WLMStatementKind(Translator.parse(sql).statementClass) }
        #expect(kind("SELECT 1") == .readOnly)
        #expect(kind("/* report */ select 1") == .readOnly)
        #expect(kind("with x as (select 1) select * from x") == .readOnly)
        #expect(kind("select * into t2 from t") == .createTableAs)
        #expect(kind("CREATE TABLE t2 AS select * from t") == .createTableAs)
        #expect(kind("create table t (i int)") == .write)
        #expect(kind("insert into t values (1)") == .write)
        #expect(kind("copy t from 's3://b/k' iam_role default") == .exempt)
        #expect(kind("\n\tVACUUM t") == .exempt)
    }

    /// docs/workload.md: a shape never seen is predicted from the profile (instant: short; realistic:
    /// 5.2 s, long against a 1 s limit); after a quick run it is short; writes are never eligible.
    @Test func shortQueryPrediction() async throws {
        let json = #"[{"query_concurrency": 1}, {"short_query_queue": true, "max_execution_time": 1000}]"#
        var settings = WorkloadGate.Settings(wlm: try WLMConfiguration(json: json))
        let instant = WorkloadGate(settings, clock: SystemClock())
        #expect(instant.shortQueryPrediction(shape: Translator.parse("select 1").fingerprint, kind: .readOnly, target: Self.target).short)
        #expect(!instant.shortQueryPrediction(shape: Translator.parse("insert into t values (1)").fingerprint, kind: .write, target: Self.target).short)
        settings.latency = .realistic
        let realistic = WorkloadGate(settings, clock: SystemClock())
        let first = realistic.shortQueryPrediction(shape: Translator.parse("select 1").fingerprint, kind: .readOnly, target: Self.target)
        #expect(!first.short && first.shape == "select ?")
        _ = try await realistic.admit("a", target: Self.target, context: WLMRoutingContext(user: "u"), kind: .readOnly, slots: 1,
                                      shortQuery: false, shape: first.shape, database: "dev", queryId: 1, onEvict: {})
        realistic.release("a", target: Self.target)
        #expect(realistic.shortQueryPrediction(shape: Translator.parse("select 2").fingerprint, kind: .readOnly, target: Self.target).short)
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

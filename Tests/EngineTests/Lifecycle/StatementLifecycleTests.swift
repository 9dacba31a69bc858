import Testing
@testable import Engine

/// Every transition of `StatementLifecycle`, including the cancel races, without sockets or sleeps.
/// Texts: Redshift's `Query (N) cancelled on user's request` (CancelStatement, reference
/// data-api.md §7) and the emulator's own for abandoned batch statements.
@Suite struct StatementLifecycleTests {
    /// A statement that ran to its end, with query id 150.
    private func running() -> StatementLifecycle {
        var lifecycle = StatementLifecycle()
        lifecycle.pick()
        #expect(lifecycle.start { 150 })
        return lifecycle
    }

    @Test func theHappyPathGoesThroughEveryStatus() {
        var lifecycle = StatementLifecycle()
        #expect(lifecycle.status == .submitted)
        lifecycle.pick()
        #expect(lifecycle.status == .picked)
        #expect(lifecycle.start { 7 })
        #expect(lifecycle.status == .started)
        #expect(lifecycle.queryId == 7)
        lifecycle.end(.finished)
        #expect(lifecycle.status == .finished)
        #expect(lifecycle.error == nil)
    }

    @Test func aQueryIdGivenByWLMIsKeptWhenItStarts() {
        var lifecycle = StatementLifecycle()
        lifecycle.assign(queryId: 42)
        lifecycle.pick()
        #expect(lifecycle.start { Issue.record("no new id expected"); return 1 })
        #expect(lifecycle.queryId == 42)
    }

    @Test func aRestartGivesANewQueryIdThatTheErrorNames() {
        var lifecycle = running()
        lifecycle.assign(queryId: 151)   // WLM restarted it in another queue
        _ = try? lifecycle.cancel(id: "s")
        lifecycle.end(.interrupted)
        #expect(lifecycle.error == "ERROR: Query (151) cancelled on user's request")
    }

    @Test func aSQLErrorFailsTheStatement() {
        var lifecycle = running()
        lifecycle.end(.failed("ERROR: relation \"x\" does not exist"))
        #expect(lifecycle.status == .failed)
        #expect(lifecycle.error == "ERROR: relation \"x\" does not exist")
    }

    @Test func cancelWhileQueuedLeavesTheQueueAndAbortsWithoutRunning() throws {
        var lifecycle = StatementLifecycle()
        #expect(try lifecycle.cancel(id: "s") == .leaveQueue)
        lifecycle.failedToRun("ERROR: whatever the wait threw")   // the queue wait ends
        #expect(lifecycle.status == .aborted)
        #expect(lifecycle.error == "ERROR: Query cancelled on user's request")
    }

    @Test func cancelAfterThePickBeforeTheStartNeverRuns() throws {
        var lifecycle = StatementLifecycle()
        lifecycle.pick()
        #expect(try lifecycle.cancel(id: "s") == .interrupt)
        #expect(!lifecycle.start { 9 })
        #expect(lifecycle.status == .aborted)
        #expect(lifecycle.error == "ERROR: Query cancelled on user's request")
    }

    @Test func cancelDuringTranslationEndsAbortedWhenTheSQLIsInterrupted() throws {
        var lifecycle = running()
        #expect(try lifecycle.cancel(id: "s") == .interrupt)   // no SQL runs yet: the pending flag catches it
        lifecycle.end(.interrupted)
        #expect(lifecycle.status == .aborted)
        #expect(lifecycle.error == "ERROR: Query (150) cancelled on user's request")
    }

    @Test func cancelDuringSQLThatFailsOtherwiseIsStillACancel() throws {
        var lifecycle = running()
        _ = try lifecycle.cancel(id: "s")
        lifecycle.end(.failed("ERROR: canceled by the latency wait"))
        #expect(lifecycle.status == .aborted)
        #expect(lifecycle.error == "ERROR: Query (150) cancelled on user's request")
    }

    @Test func aStatementThatFinishedBeforeTheCancelTookEffectIsFinished() throws {
        var lifecycle = running()
        _ = try lifecycle.cancel(id: "s")
        lifecycle.end(.finished)
        #expect(lifecycle.status == .finished)
        #expect(lifecycle.error == nil)
    }

    @Test func cancelAfterTheEndIsRefusedWithRedshiftsText() {
        var lifecycle = running()
        lifecycle.end(.finished)
        #expect(throws: EngineError.invalid("Could not cancel a query that is already in FINISHED state with ID: abc")) {
            try lifecycle.cancel(id: "abc")
        }
        #expect(lifecycle.status == .finished)
    }

    @Test func anInterruptWithoutACancelIsReportedAsOne() {
        var lifecycle = running()
        lifecycle.end(.interrupted)
        #expect(lifecycle.status == .aborted)
        #expect(lifecycle.error == "ERROR: Query (150) cancelled on user's request")
    }

    @Test func aStatementTimeoutFailsWithItsOwnText() {
        // The run path turns an expired statement_timeout into a failure with Redshift's text
        // (r_statement_timeout): FAILED, not ABORTED.
        var lifecycle = running()
        lifecycle.end(.failed("ERROR: Query (150) canceled on user's request"))
        #expect(lifecycle.status == .failed)
        #expect(lifecycle.error == "ERROR: Query (150) canceled on user's request")
    }

    @Test func aWLMStopFailsWithTheRulesText() {
        var lifecycle = running()
        lifecycle.end(.failed("ERROR: Query (150) cancelled by WLM abort action of Query Monitoring Rule \"r\"."))
        #expect(lifecycle.status == .failed)
    }

    @Test func aFaultAbortInterruptsAndKeepsItsMessage() {
        var lifecycle = running()
        #expect(lifecycle.abortByFault(rule: "slow", afterMillis: 20) == .interrupt)
        _ = try? lifecycle.cancel(id: "s")   // a later cancel does not change the reason
        lifecycle.end(.interrupted)
        #expect(lifecycle.status == .aborted)
        #expect(lifecycle.error == "ERROR: Query (150) cancelled by fault rule \"slow\" after 20 ms")
    }

    @Test func aFaultAbortAfterTheEndDoesNothing() {
        var lifecycle = running()
        lifecycle.end(.finished)
        #expect(lifecycle.abortByFault(rule: "slow", afterMillis: 20) == StatementLifecycle.StopAction.none)
        #expect(lifecycle.status == .finished)
    }

    @Test func aRefusedOrBrokenStatementFails() {
        var lifecycle = StatementLifecycle()
        lifecycle.failedToRun("ERROR: Query (0) cancelled by WLM: no queue matches")
        #expect(lifecycle.status == .failed)
        #expect(lifecycle.error == "ERROR: Query (0) cancelled by WLM: no queue matches")
    }

    @Test func terminalStatesNeverChange() {
        var lifecycle = running()
        lifecycle.end(.failed("ERROR: one"))
        lifecycle.end(.finished)
        lifecycle.pick()
        lifecycle.failedToRun("ERROR: two")
        lifecycle.abandon()
        lifecycle.assign(queryId: 999)
        #expect(!lifecycle.start { 1 })
        #expect(lifecycle.status == .failed)
        #expect(lifecycle.error == "ERROR: one")
        #expect(lifecycle.queryId == 150)
    }

    @Test func aBatchEndsAsItsFirstFailingStatement() {
        var first = running()
        first.end(.finished)
        var second = running()
        second.end(.failed("ERROR: division by zero"))
        var third = StatementLifecycle()
        third.abandon()
        #expect(third.status == .aborted)
        #expect(third.error == "ERROR: Statement not run because an earlier statement of the batch failed")
        var batch = StatementLifecycle()
        batch.pick()
        #expect(batch.start { 0 })
        batch.endBatch([first, second, third], stopped: false)
        #expect(batch.status == .failed)
        #expect(batch.error == "ERROR: division by zero")
    }

    @Test func aBatchOfFinishedStatementsFinishes() {
        var sub = running()
        sub.end(.finished)
        var batch = running()
        batch.endBatch([sub, sub], stopped: false)
        #expect(batch.status == .finished)
    }

    @Test func aBatchStoppedBetweenTwoStatementsIsAborted() throws {
        var sub = running()
        sub.end(.finished)
        var batch = running()
        _ = try batch.cancel(id: "b")
        batch.endBatch([sub], stopped: true)
        #expect(batch.status == .aborted)
        #expect(batch.error == "ERROR: Query cancelled on user's request")
    }
}

import Testing
@testable import PGWire

/// When a connection writes what it holds: before it waits for a message, except after the
/// extended-query messages that the client follows with Sync or Flush before it reads (PostgreSQL
/// protocol documentation, "Extended Query": the backend's responses are only sure to be sent
/// at Sync, or at Flush).
@Suite struct PendingOutputTests {
    @Test func extendedMessagesHoldTheAnswers() {
        #expect(PendingOutput.holdsAnswers(after: .parse(name: "", query: "select 1", parameterTypes: [])))
        #expect(PendingOutput.holdsAnswers(after: .describe(.portal, name: "")))
        #expect(PendingOutput.holdsAnswers(after: .execute(portal: "", maxRows: 0)))
        #expect(PendingOutput.holdsAnswers(after: .close(.statement, name: "s")))
    }

    @Test func syncFlushAndQueriesSendThem() {
        #expect(!PendingOutput.holdsAnswers(after: .sync))
        #expect(!PendingOutput.holdsAnswers(after: .flush))
        #expect(!PendingOutput.holdsAnswers(after: .query("select 1")))
        #expect(!PendingOutput.holdsAnswers(after: .password("x")))
        #expect(!PendingOutput.holdsAnswers(after: .terminate))
    }
}

import Testing
@testable import PGWire

/// A backend's output goes out when the client waits for it (protocol-flow.html: ReadyForQuery
/// ends each cycle; Flush "forces the backend to deliver any data pending in its output buffers").
@Suite struct OutputTurnTests {
    @Test func aQueryIsHeldUntilReadyForQuery() {
        var turn = OutputTurn()
        turn.wrote(.rowDescription([.init(name: "?column?", typeOID: 23, typeSize: 4)]))
        turn.wrote(.dataRow(["1"]))
        turn.wrote(.commandComplete(tag: "SELECT 1"))
        #expect(!turn.sendsNow(heldBytes: 60))
        turn.wrote(.readyForQuery(.idle))
        #expect(turn.sendsNow(heldBytes: 66))
        turn.sent()
        #expect(!turn.sendsNow(heldBytes: 0))
    }

    @Test func flushMakesEveryAnswerGoOutUntilReadyForQuery() {
        var turn = OutputTurn()
        let afterSync = turn.received(.sync)
        let afterFlush = turn.received(.flush)
        #expect(!afterSync)
        #expect(afterFlush)
        turn.wrote(.parseComplete)
        #expect(turn.sendsNow(heldBytes: 5))
        turn.sent()
        turn.wrote(.bindComplete)
        #expect(turn.sendsNow(heldBytes: 5), "the client still waits")
        turn.wrote(.readyForQuery(.idle))
        turn.sent()
        turn.wrote(.parseComplete)
        #expect(!turn.sendsNow(heldBytes: 5), "after ReadyForQuery, output is held again")
    }

    @Test func startupAnswersFatalErrorsAndFullBatchesAreNotHeld() {
        for message: BackendMessage in [.encryptionResponse(accepted: false), .authenticationMD5Password(salt: [1, 2, 3, 4]),
                                         .errorResponse(.init(severity: "FATAL", code: "28000", message: "x"))] {
            var turn = OutputTurn()
            turn.wrote(message)
            #expect(turn.sendsNow(heldBytes: 1))
        }
        var turn = OutputTurn(flushThreshold: 100)
        turn.wrote(.errorResponse(.init(severity: "ERROR", code: "42601", message: "x")))
        #expect(!turn.sendsNow(heldBytes: 99))
        #expect(turn.sendsNow(heldBytes: 100))
    }
}

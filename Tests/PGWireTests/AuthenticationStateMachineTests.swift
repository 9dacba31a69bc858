import Engine
import Testing
@testable import PGWire

/// The startup phase's authentication: what the client answered is kept for `engine.authenticate`
/// (PostgreSQL protocol-flow.html, "Start-up"; Redshift's AUTH_REQ_DIGEST as its drivers speak it).
@Suite struct AuthenticationStateMachineTests {
    private let startup = FrontendMessage.startup(protocolVersion: 196608, parameters: ["user": "alice", "database": "dev"])
    private let alice = ConnectionStateMachine.Startup(user: "alice", database: "dev",
                                                       parameters: ["user": "alice", "database": "dev"])

    @Test func anMD5AnswerIsKeptWithItsSalt() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        #expect(machine.received(startup) == .send([.authenticationMD5Password(salt: [1, 2, 3, 4])]))
        let answer = "md5" + String(repeating: "ab", count: 16)
        #expect(machine.received(.password(answer)) == .openSession(alice))
        #expect(machine.credential == .md5(response: answer, salt: [1, 2, 3, 4]))
    }

    @Test func aClearTextAnswerIsAccepted() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        _ = machine.received(startup)
        #expect(machine.received(.password("Secret123")) == .openSession(alice))
        #expect(machine.credential == .cleartext("Secret123"))
    }

    @Test func theEngineChoosesTheChallenge() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4], serverNonce: [7, 7], choosesChallenge: true)
        #expect(machine.received(startup) == .chooseChallenge(alice))
        #expect(machine.challengeChosen(.sha256(salt: [5, 6])) == .send([.authenticationSHA256Digest(salt: [5, 6], nonce: [7, 7])]))
        // Int32 length, digest, Int32 length, client nonce (redshift_connector's 'd' answer).
        let answer: [UInt8] = [0, 0, 0, 2, 0xAA, 0xBB, 0, 0, 0, 3, 0x31, 0x32, 0x33]
        #expect(machine.received(.copyData(answer)) == .openSession(alice))
        #expect(machine.credential == .sha256(proof: [0xAA, 0xBB], salt: [5, 6], serverNonce: [7, 7], clientNonce: [0x31, 0x32, 0x33]))
    }

    @Test func aMalformedDigestAnswerIsFatal() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4], choosesChallenge: true)
        _ = machine.received(startup)
        _ = machine.challengeChosen(.sha256(salt: [5]))
        guard case .sendAndClose(let messages) = machine.received(.copyData([0, 0, 0, 9, 1])),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.severity == "FATAL" && notice.code == "08P01")
    }

    @Test func aDigestAnswerToAnMD5ChallengeIsFatal() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        _ = machine.received(startup)
        guard case .sendAndClose = machine.received(.copyData([0, 0, 0, 0, 0, 0, 0, 0])) else { Issue.record(); return }
    }

    @Test func aRefusedLoginIsFatalWithItsSQLState() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        _ = machine.received(startup)
        _ = machine.received(.password("wrong"))
        let refused = LoginError.passwordFailed(user: "alice")
        #expect(machine.sessionFailed(code: refused.sqlState, message: refused.message)
                == .sendAndClose([.errorResponse(.init(severity: "FATAL", code: "28P01",
                                                       message: "password authentication failed for user \"alice\""))]))
        #expect(machine.received(.query("select 1")) == .none)
    }

    @Test func aNewerMinorVersionIsNegotiatedDownTo3_0() {
        // protocol-message-formats.html, NegotiateProtocolVersion: the newest minor version and the
        // `_pq_.` options not recognised, before the authentication request.
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        let newer = FrontendMessage.startup(protocolVersion: 196608 + 2,
                                            parameters: ["user": "alice", "_pq_.compression": "on"])
        #expect(machine.received(newer) == .send([
            .negotiateProtocolVersion(newestMinor: 0, unrecognizedOptions: ["_pq_.compression"]),
            .authenticationMD5Password(salt: [1, 2, 3, 4]),
        ]))
    }

    @Test func protocol2IsRefused() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        guard case .sendAndClose(let messages) = machine.received(.startup(protocolVersion: 2 << 16, parameters: ["user": "u"])),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.message == "unsupported frontend protocol 2.0: server supports 3.0 to 3.0")
    }

    @Test func aPasswordBeforeTheStartupIsFatal() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        guard case .sendAndClose = machine.received(.password("x")) else { Issue.record(); return }
    }
}

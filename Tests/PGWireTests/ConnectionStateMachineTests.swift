import Testing
@testable import PGWire

/// Startup, authentication, simple and extended query as the state machine answers them.
@Suite struct ConnectionStateMachineTests {
    private func ready() -> ConnectionStateMachine {
        var machine = ConnectionStateMachine(salt: [9, 9, 9, 9])
        _ = machine.received(.startup(protocolVersion: 196608, parameters: ["user": "alice", "database": "dev"]))
        _ = machine.received(.password("md5abc"))
        _ = machine.sessionOpened(processId: 1, secretKey: 2, parameters: [])
        return machine
    }

    @Test func startupAsksForMD5ThenOpensTheSession() {
        var machine = ConnectionStateMachine(salt: [1, 2, 3, 4])
        #expect(machine.received(.sslRequest) == .send([.encryptionResponse(accepted: false)]))
        #expect(machine.received(.startup(protocolVersion: 196608, parameters: ["user": "alice", "database": "dev"]))
                == .send([.authenticationMD5Password(salt: [1, 2, 3, 4])]))
        #expect(machine.received(.password("md5whatever"))
                == .openSession(.init(user: "alice", database: "dev", parameters: ["user": "alice", "database": "dev"])))
        #expect(machine.sessionOpened(processId: 7, secretKey: 8, parameters: [("server_version", "8.0.2")])
                == .send([.authenticationOk, .parameterStatus(name: "server_version", value: "8.0.2"),
                          .backendKeyData(processId: 7, secretKey: 8), .readyForQuery(.idle)]))
    }

    @Test func databaseDefaultsToTheUserName() {
        var machine = ConnectionStateMachine(salt: [0, 0, 0, 0])
        _ = machine.received(.startup(protocolVersion: 196608, parameters: ["user": "bob"]))
        guard case .openSession(let startup) = machine.received(.password("x")) else { Issue.record(); return }
        #expect(startup.database == "bob")
    }

    @Test func badStartupIsFatal() {
        var machine = ConnectionStateMachine(salt: [0, 0, 0, 0])
        guard case .sendAndClose(let messages) = machine.received(.startup(protocolVersion: 131072, parameters: ["user": "u"])),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.severity == "FATAL" && notice.code == "0A000")
        var other = ConnectionStateMachine(salt: [0, 0, 0, 0])
        guard case .sendAndClose = other.received(.query("select 1")) else { Issue.record(); return }
    }

    @Test func cancelRequestClosesAfterCancelling() {
        var machine = ConnectionStateMachine(salt: [0, 0, 0, 0])
        #expect(machine.received(.cancelRequest(processId: 3, secretKey: 4)) == .cancel(processId: 3, secretKey: 4))
        #expect(machine.received(.sync) == .none)
    }

    @Test func simpleQueryReportsTheTransactionStatus() {
        var machine = ready()
        #expect(machine.received(.query("begin")) == .runSimpleQuery("begin"))
        #expect(machine.simpleQueryEnded(.inTransaction) == .send([.readyForQuery(.inTransaction)]))
        #expect(machine.received(.sync) == .send([.readyForQuery(.inTransaction)]))
    }

    @Test func extendedQuery() {
        var machine = ready()
        #expect(machine.received(.parse(name: "", query: "select 1", parameterTypes: [])) == .send([.parseComplete]))
        #expect(machine.received(.bind(.init(portal: "", statement: "", parameterFormats: [], parameters: [], resultFormats: [])))
                == .send([.bindComplete]))
        let statement = ConnectionStateMachine.PreparedStatement(name: "", query: "select 1", parameterTypes: [])
        let portal = ConnectionStateMachine.Portal(id: 1, name: "", statement: statement, parameters: [])
        #expect(machine.received(.describe(.portal, name: "")) == .describePortal(portal))
        #expect(machine.received(.execute(portal: "", maxRows: 0)) == .execute(portal, maxRows: 0))
        machine.statementEnded(.idle)
        #expect(machine.received(.sync) == .send([.readyForQuery(.idle)]))
        #expect(machine.received(.close(.statement, name: "")) == .send([.closeComplete]))
    }

    @Test func afterAnErrorEverythingIsSkippedUntilSync() {
        var machine = ready()
        guard case .send(let messages) = machine.received(.bind(.init(portal: "", statement: "nope", parameterFormats: [],
                                                                      parameters: [], resultFormats: []))),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.code == "26000")
        #expect(machine.received(.execute(portal: "", maxRows: 0)) == .none)
        #expect(machine.received(.parse(name: "", query: "select 1", parameterTypes: [])) == .none)
        #expect(machine.received(.sync) == .send([.readyForQuery(.idle)]))
        #expect(machine.received(.parse(name: "", query: "select 1", parameterTypes: [])) == .send([.parseComplete]))
    }

    @Test func failedExecuteInATransactionReportsE() {
        var machine = ready()
        _ = machine.extendedFailed(.init(code: "42P01", message: "x"), status: .failed)
        #expect(machine.received(.sync) == .send([.readyForQuery(.failed)]))
    }

    @Test func terminateCloses() {
        var machine = ready()
        #expect(machine.received(.terminate) == .close)
        #expect(machine.received(.query("select 1")) == .none)
    }

    @Test func unknownMessageIsFatal() {
        var machine = ready()
        guard case .sendAndClose = machine.received(.unknown(type: 0x7A)) else { Issue.record(); return }
    }

    @Test func bindReadsBinaryParametersAndNulls() {
        var machine = ready()
        _ = machine.received(.parse(name: "s", query: "select $1, $2", parameterTypes: [PGTypeOID.int4, PGTypeOID.text]))
        #expect(machine.received(.bind(.init(portal: "p", statement: "s", parameterFormats: [1, 0],
                                             parameters: [[0, 0, 0, 42], nil], resultFormats: [])))
                == .send([.bindComplete]))
        guard case .execute(let portal, _) = machine.received(.execute(portal: "p", maxRows: 0)) else { Issue.record(); return }
        #expect(portal.parameters == ["42", nil])
    }

    @Test func bindWithTheWrongParameterCountFails() {
        var machine = ready()
        _ = machine.received(.parse(name: "", query: "select $1, $2", parameterTypes: []))
        guard case .send(let messages) = machine.received(.bind(.init(portal: "", statement: "", parameterFormats: [],
                                                                      parameters: [[49]], resultFormats: []))),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.code == "08P01")
        #expect(notice.message == "bind message supplies 1 parameters, but prepared statement \"\" requires 2")
    }

    @Test func badBinaryDataFailsTheBind() {
        var machine = ready()
        _ = machine.received(.parse(name: "", query: "select $1", parameterTypes: [PGTypeOID.int8]))
        guard case .send(let messages) = machine.received(.bind(.init(portal: "", statement: "", parameterFormats: [1],
                                                                      parameters: [[1, 2]], resultFormats: []))),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.code == "22P03")
    }

    private func bind(_ machine: inout ConnectionStateMachine, portal: String, statement: String = "") {
        _ = machine.received(.bind(.init(portal: portal, statement: statement, parameterFormats: [], parameters: [],
                                         resultFormats: [1])))
    }

    @Test func namedPortalsOutliveSyncInsideATransactionBlock() {
        // PostgreSQL: portals last until the end of their transaction; the unnamed one also ends
        // at Sync (protocol-flow.html, "Extended Query").
        var machine = ready()
        _ = machine.received(.parse(name: "", query: "select 1", parameterTypes: []))
        machine.statementEnded(.inTransaction)
        bind(&machine, portal: "C_1")
        bind(&machine, portal: "")
        #expect(machine.received(.sync) == .send([.readyForQuery(.inTransaction)]))
        #expect(machine.portals["C_1"] != nil)
        #expect(machine.portals[""] == nil)
        #expect(machine.portals["C_1"]?.resultFormats == [1])
        machine.statementEnded(.idle)   // COMMIT ran
        #expect(machine.received(.sync) == .send([.readyForQuery(.idle)]))
        #expect(machine.portals.isEmpty)
    }

    @Test func aNewBindMakesANewPortal() {
        var machine = ready()
        _ = machine.received(.parse(name: "", query: "select 1", parameterTypes: []))
        bind(&machine, portal: "p")
        let first = machine.portals["p"]?.id
        bind(&machine, portal: "p")
        #expect(first != nil && machine.portals["p"]?.id != first)
    }

    @Test func clientProtocolVersionIsAnsweredAtMostTwo() {
        for (asked, answered) in [("1", "1"), ("2", "2"), ("3", "2"), ("x", "0")] {
            var machine = ConnectionStateMachine(salt: [0, 0, 0, 0])
            _ = machine.received(.startup(protocolVersion: 196608,
                                          parameters: ["user": "u", "client_protocol_version": asked]))
            _ = machine.received(.password("x"))
            guard case .send(let messages) = machine.sessionOpened(processId: 1, secretKey: 2, parameters: []) else {
                Issue.record(); return
            }
            #expect(messages.contains(.parameterStatus(name: "server_protocol_version", value: answered)))
        }
        var plain = ConnectionStateMachine(salt: [0, 0, 0, 0])
        _ = plain.received(.startup(protocolVersion: 196608, parameters: ["user": "u"]))
        _ = plain.received(.password("x"))
        guard case .send(let messages) = plain.sessionOpened(processId: 1, secretKey: 2, parameters: []) else { Issue.record(); return }
        #expect(!messages.contains { if case .parameterStatus(let name, _) = $0 { name == "server_protocol_version" } else { false } })
    }

    @Test func parseRefusesSeveralStatements() {
        // "cannot insert multiple commands into a prepared statement" (42601), as Redshift answers
        // redshift_connector (aws/amazon-redshift-python-driver#21).
        var machine = ready()
        guard case .send(let messages) = machine.received(.parse(name: "", query: "select 1; select 2", parameterTypes: [])),
              case .errorResponse(let notice) = messages.first else { Issue.record(); return }
        #expect(notice.code == "42601")
        #expect(machine.received(.sync) == .send([.readyForQuery(.idle)]))
        #expect(machine.received(.parse(name: "", query: "select 1;", parameterTypes: [])) == .send([.parseComplete]))
    }
}

import Engine
import Foundation
import Logging
import NIOCore
import RedshiftSQL

/// One client connection: reads frontend messages in order, feeds them to the
/// `ConnectionStateMachine` and carries out its actions against the engine and the socket.
struct PGConnection: Sendable {
    let engine: RedshiftEngine
    let configuration: PGServerConfiguration
    let registry: BackendRegistry
    let logger: Logger

    /// Serves a TLS-capable channel's connection to its end (the path when the server has TLS).
    func run(_ channel: NIOAsyncChannel<FrontendMessage, BackendMessage>, hangUps: HangUpWatch? = nil) async {
        _ = try? await channel.executeThenClose { inbound, outbound in
            await run(ChannelTransport(channel.channel, inbound: inbound, outbound: outbound), hangUps: hangUps)
        }
    }

    /// Serves the connection to its end, then closes the transport and the engine session.
    /// `hangUps`, when given, is told how to end the session if the client hangs up while SQL holds
    /// the connection's thread; it is stopped before the transport closes.
    func run(_ transport: some ClientTransport, hangUps: HangUpWatch? = nil) async {
        let opened = await serve(transport, hangUps: hangUps)
        hangUps?.stop()
        await transport.close()
        if let opened {
            registry.remove(processId: opened.pid)
            await engine.closeSession(opened.session)
        }
    }

    /// Reads and answers messages until the connection ends; returns the engine session it
    /// opened (to be closed however the connection ended).
    private func serve(_ transport: some ClientTransport,
                       hangUps: HangUpWatch?) async -> (session: String, pid: Int32)? {
        // Set as soon as the engine session is open, so that it is closed however the connection ends.
        var opened: (session: String, pid: Int32)?
        var machine = ConnectionStateMachine(salt: Self.randomBytes(4), serverNonce: Self.randomBytes(16),
                                             choosesChallenge: configuration.loginPolicy.verifyPasswords)
        var runner: SessionStatementRunner?
        var pid: Int32 = 0
        /// Portals suspended by Execute's row limit, by name, with the id of the Bind that made them.
        var cursors: [String: (portalId: Int, cursor: PortalCursor)] = [:]
        let write: SessionStatementRunner.Writer = { messages in try await transport.write(messages) }
        var answersHeld = false
        do {
            messages: while true {
                // The client waits for what is held, unless it has more extended messages to send.
                if !answersHeld { try await transport.flush() }
                guard let message = try await transport.next() else { break messages }
                answersHeld = PendingOutput.holdsAnswers(after: message)
                // Rows of portals that Close, Sync, a new Bind or the transaction's end dropped are let go.
                if !cursors.isEmpty { cursors = cursors.filter { machine.portals[$0.key]?.id == $0.value.portalId } }
                var action = machine.received(message)
                while true {
                    switch action {
                    case .none:
                        continue messages
                    case .send(let messages):
                        try await write(messages)
                        continue messages
                    case .sendAndClose(let messages):
                        try await write(messages)
                        break messages
                    case .close:
                        break messages
                    case .cancel(let processId, let secretKey):
                        cancel(processId: processId, secretKey: secretKey)
                        break messages
                    case .chooseChallenge(let startup):
                        action = machine.challengeChosen(await engine.loginChallenge(
                            target: configuration.target, database: startup.database, user: startup.user,
                            policy: configuration.loginPolicy))
                    case .openSession(let startup):
                        do {
                            try await engine.authenticate(
                                target: configuration.target, database: startup.database, user: startup.user,
                                credential: machine.credential ?? .cleartext(""), policy: configuration.loginPolicy)
                            let session = try engine.openSession(
                                target: configuration.target, database: startup.database, user: startup.user,
                                caller: Caller(accessKeyId: "postgresql:\(startup.user)"),
                                origin: Self.origin(of: transport, startup: startup))
                            Self.watchTermination(of: session.id, engine: engine, transport: transport)
                            let key = Int32.random(in: 1...Int32.max)
                            pid = Int32(truncatingIfNeeded: session.redshiftPid)
                            opened = (session.id, pid)
                            // A client that goes away mid-statement: the statement is cancelled and
                            // the session closed (rolled back) now, not when its result is written.
                            let sessionId = session.id
                            transport.whenClosed { [engine] in
                                Task { await engine.closeSession(sessionId) }
                            }
                            hangUps?.whenHangingUp { [engine] in Task { await engine.closeSession(sessionId) } }
                            registry.add(processId: pid, secretKey: key, sessionId: session.id)
                            runner = SessionStatementRunner(
                                engine: engine, sessionId: session.id, caller: session.caller,
                                readTransactionStatus: try engine.transactionStatusReader(ofSession: session.id),
                                presentation: ResultPresentation(redshiftProtocol: machine.redshiftProtocol,
                                                                 catalog: startup.database))
                            action = machine.sessionOpened(processId: pid, secretKey: key,
                                                           parameters: configuration.parameters(user: session.dbUser))
                        } catch {
                            let refused = LoginError(openingSession: error)
                            logger.debug("postgresql login of \(startup.user) to \(startup.database) refused: \(refused)")
                            action = machine.sessionFailed(code: refused.sqlState, message: refused.message)
                        }
                    case .runSimpleQuery(let sql):
                        guard let runner else { break messages }
                        if try await simpleQuery(sql, runner: runner, write: write) == .connectionEnds { break messages }
                        action = machine.simpleQueryEnded(runner.transactionStatus())
                    case .describeStatement(let statement):
                        guard let runner else { break messages }
                        let types = await ParameterTypes.inferred(statement, engine: engine, sessionId: runner.sessionId)
                        // Not bound yet: every parameter is a NULL of its type while the columns are found.
                        switch try await runner.describe(statement.query, parameters: types.map { _ in nil }, types: types) {
                        case .success(let fields):
                            try await write([.parameterDescription(types), fields.map { .rowDescription($0) } ?? .noData])
                            continue messages
                        case .failure(let failed):
                            action = machine.extendedFailed(failed.notice, status: runner.transactionStatus())
                        }
                    case .describePortal(let portal):
                        guard let runner else { break messages }
                        switch try await runner.describe(portal.statement.query, parameters: portal.parameters,
                                                         types: portal.statement.parameterTypes, formats: portal.resultFormats) {
                        case .success(let fields):
                            try await write([fields.map { .rowDescription($0) } ?? .noData])
                            continue messages
                        case .failure(let failed):
                            action = machine.extendedFailed(failed.notice, status: runner.transactionStatus())
                        }
                    case .describeCursor(let name):
                        guard let runner else { break messages }
                        if let fields = try await runner.describeCursor(named: name) {
                            try await write([.rowDescription(fields)])
                            continue messages
                        }
                        action = machine.extendedFailed(.init(code: "34000", message: "portal \"\(name)\" does not exist"),
                                                        status: runner.transactionStatus())
                    case .execute(let portal, let maxRows):
                        guard let runner else { break messages }
                        let sql = portal.statement.query
                        let outcome: SessionStatementRunner.Outcome
                        if let open = cursors[portal.name], open.portalId == portal.id {
                            outcome = try await runner.resume(open.cursor, maxRows: Int(maxRows), write: write)
                        } else if Translator.splitStatements(sql).isEmpty {
                            try await write([.emptyQueryResponse])
                            continue messages
                        } else {
                            outcome = try await runner.run(sql, parameters: portal.parameters, types: portal.statement.parameterTypes,
                                                           formats: portal.resultFormats, describe: false,
                                                           maxRows: Int(maxRows), write: write)
                        }
                        cursors[portal.name] = nil
                        let status = runner.transactionStatus()
                        switch outcome {
                        case .completed:
                            machine.statementEnded(status)
                            continue messages
                        case .suspended(let cursor):
                            cursors[portal.name] = (portal.id, cursor)
                            machine.statementEnded(status)
                            continue messages
                        case .failed(let notice) where notice.severity == "FATAL":
                            try await write([.errorResponse(notice)])
                            break messages
                        case .failed(let notice):
                            action = machine.extendedFailed(notice, status: status)
                        }
                    }
                }
            }
        } catch let error as FrontendMessageDecoder.DecodingError {
            // Bytes that are not the protocol (garbage, a message over the limit): say so, then close.
            logger.debug("postgresql connection: \(error.reason)")
            let notice = BackendMessage.Notice(severity: "FATAL", code: "08P01", message: error.reason)
            try? await transport.write([.errorResponse(notice)])
        } catch {
            logger.debug("postgresql connection ended: \(error)")
        }
        return opened
    }

    private static func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255) } }

    /// What a simple query leaves of the connection: a FATAL error (PG_TERMINATE_BACKEND ended the
    /// session) ends it.
    private enum SimpleQueryEnd { case readyForQuery, connectionEnds }

    /// Every statement of a simple query string, in order, up to the first that fails.
    private func simpleQuery(_ sql: String, runner: SessionStatementRunner,
                             write: SessionStatementRunner.Writer) async throws -> SimpleQueryEnd {
        let statements = Translator.splitStatements(sql)
        if statements.isEmpty {
            try await write([.emptyQueryResponse])
            return .readyForQuery
        }
        for statement in statements {
            if case .failed(let notice) = try await runner.run(statement, describe: true, write: write) {
                try await write([.errorResponse(notice)])
                return notice.severity == "FATAL" ? .connectionEnds : .readyForQuery
            }
        }
        return .readyForQuery
    }

    private func cancel(processId: Int32, secretKey: Int32) {
        guard let sessionId = registry.session(processId: processId, secretKey: secretKey),
              let running = engine.sessionSnapshots().first(where: { $0.id == sessionId })?.currentStatementId else { return }
        try? engine.cancel(running)
    }
}

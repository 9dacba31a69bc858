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

    func run(_ channel: NIOAsyncChannel<FrontendMessage, BackendMessage>) async {
        let opened: (session: String, pid: Int32)? = try? await channel.executeThenClose { inbound, outbound in
            var machine = ConnectionStateMachine(salt: (0..<4).map { _ in UInt8.random(in: 0...255) })
            var runner: SessionStatementRunner?
            var pid: Int32 = 0
            let write: SessionStatementRunner.Writer = { messages in try await outbound.write(contentsOf: messages) }
            do {
                messages: for try await message in inbound {
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
                        case .openSession(let startup):
                            do {
                                let session = try engine.openSession(
                                    target: configuration.target, database: startup.database, user: startup.user,
                                    caller: Caller(accessKeyId: "postgresql:\(startup.user)"),
                                    origin: Self.origin(of: channel.channel, startup: startup))
                                Self.watchTermination(of: session.id, engine: engine, channel: channel.channel)
                                let key = Int32.random(in: 1...Int32.max)
                                pid = Int32(truncatingIfNeeded: session.redshiftPid)
                                registry.add(processId: pid, secretKey: key, sessionId: session.id)
                                runner = SessionStatementRunner(engine: engine, sessionId: session.id, caller: session.caller)
                                action = machine.sessionOpened(processId: pid, secretKey: key,
                                                               parameters: configuration.parameters(user: startup.user))
                            } catch {
                                action = machine.sessionFailed(code: Self.sqlState(ofSessionError: error),
                                                               message: Self.message(ofSessionError: error))
                            }
                        case .runSimpleQuery(let sql):
                            guard let runner else { break messages }
                            try await simpleQuery(sql, runner: runner, write: write)
                            action = machine.simpleQueryEnded(await runner.transactionStatus())
                        case .describeStatement(let statement):
                            guard let runner else { break messages }
                            let count = max(statement.parameterTypes.count, PositionalParameters.count(in: statement.query))
                            let types = (0..<count).map { $0 < statement.parameterTypes.count && statement.parameterTypes[$0] != 0
                                ? statement.parameterTypes[$0] : 1043 }
                            if count > 0 {
                                // Parameters are not bound yet: their types are reported, the columns are not known.
                                try await write([.parameterDescription(types), .noData])
                                continue messages
                            }
                            switch try await runner.describe(statement.query, parameters: []) {
                            case .success(let fields):
                                try await write([.parameterDescription([]), fields.map { .rowDescription($0) } ?? .noData])
                                continue messages
                            case .failure(let failed):
                                action = machine.extendedFailed(failed.notice, status: await runner.transactionStatus())
                            }
                        case .describePortal(let portal):
                            guard let runner else { break messages }
                            switch try await runner.describe(portal.statement.query, parameters: portal.parameters) {
                            case .success(let fields):
                                try await write([fields.map { .rowDescription($0) } ?? .noData])
                                continue messages
                            case .failure(let failed):
                                action = machine.extendedFailed(failed.notice, status: await runner.transactionStatus())
                            }
                        case .execute(let portal, let maxRows):
                            guard let runner else { break messages }
                            let sql = portal.statement.query
                            if Translator.splitStatements(sql).isEmpty {
                                try await write([.emptyQueryResponse])
                                continue messages
                            }
                            let outcome = try await runner.run(sql, parameters: portal.parameters, describe: false,
                                                               maxRows: Int(maxRows), write: write)
                            let status = await runner.transactionStatus()
                            switch outcome {
                            case .completed:
                                machine.statementEnded(status)
                                continue messages
                            case .failed(let notice):
                                action = machine.extendedFailed(notice, status: status)
                            }
                        }
                    }
                }
            } catch {
                logger.debug("postgresql connection ended: \(error)")
            }
            return runner.map { ($0.sessionId, pid) }
        }
        if let opened {
            registry.remove(processId: opened.pid)
            await engine.closeSession(opened.session)
        }
    }

    /// Every statement of a simple query string, in order, up to the first that fails.
    private func simpleQuery(_ sql: String, runner: SessionStatementRunner,
                             write: SessionStatementRunner.Writer) async throws {
        let statements = Translator.splitStatements(sql)
        if statements.isEmpty {
            try await write([.emptyQueryResponse])
            return
        }
        for statement in statements {
            if case .failed(let notice) = try await runner.run(statement, describe: true, write: write) {
                try await write([.errorResponse(notice)])
                return
            }
        }
    }

    private func cancel(processId: Int32, secretKey: Int32) {
        guard let sessionId = registry.session(processId: processId, secretKey: secretKey),
              let running = engine.sessionSnapshots().first(where: { $0.id == sessionId })?.currentStatementId else { return }
        try? engine.cancel(running)
    }
}

import Engine
import Logging
import NIOCore
import NIOPosix

/// The cluster endpoint: a SwiftNIO listener speaking the PostgreSQL v3 protocol, one
/// `PGConnection` per client, every statement run by the engine.
///
/// ```swift
/// let server = try await PGServer.bind(engine: engine, configuration: configuration, logger: logger)
/// print(server.port)
/// try await server.run()   // until the task is cancelled
/// ```
public final class PGServer: Sendable {
    typealias Connection = NIOAsyncChannel<FrontendMessage, BackendMessage>

    /// The port it listens on (the chosen one when configured with 0).
    public let port: Int
    public let host: String
    private let acceptor: SocketAcceptor
    private let engine: RedshiftEngine
    private let configuration: PGServerConfiguration
    private let registry = BackendRegistry()
    private let logger: Logger

    private init(acceptor: SocketAcceptor, engine: RedshiftEngine, configuration: PGServerConfiguration, logger: Logger) {
        self.acceptor = acceptor
        self.engine = engine
        self.configuration = configuration
        self.logger = logger
        self.host = configuration.host
        self.port = acceptor.port
    }

    /// Binds the listener (it accepts connections once `run` is called).
    public static func bind(engine: RedshiftEngine, configuration: PGServerConfiguration,
                            logger: Logger) async throws -> PGServer {
        let acceptor = try SocketAcceptor(host: configuration.host, port: configuration.port)
        return PGServer(acceptor: acceptor, engine: engine, configuration: configuration, logger: logger)
    }

    /// Accepts and serves connections until the calling task is cancelled; then closes the listener
    /// (open connections end with it). Each connection gets a thread of its own, on which its task
    /// runs and its SQL too: without TLS a `ConnectionThreadExecutor` reading and writing the socket
    /// directly (`SocketTransport`); with TLS configured, for every connection, an event loop
    /// (`ConnectionEventLoops`) serving a NIO channel with the TLS handler in its pipeline.
    public func run() async throws {
        let connection = PGConnection(engine: engine, configuration: configuration, registry: registry, logger: logger)
        let limit = configuration.maximumMessageLength
        let tls = configuration.tls?.context
        let startupTimeout = Duration.nanoseconds(Int64(max(0.001, configuration.startupTimeoutSeconds) * 1_000_000_000))
        let timeout = TimeAmount.nanoseconds(startupTimeout.components.seconds * 1_000_000_000
                                             + startupTimeout.components.attoseconds / 1_000_000_000)
        let acceptor = acceptor
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for await socket in acceptor.sockets() {
                    if tls == nil {
                        let thread = ConnectionThreads.shared.checkOut()
                        group.addTask(executorPreference: thread) {
                            defer { ConnectionThreads.shared.checkIn(thread) }
                            let transport = SocketTransport(socket: socket, maximumMessageLength: limit,
                                                            startupTimeout: startupTimeout)
                            // The connection's SQL runs on this thread, in place; a hang-up during it is
                            // seen by the watch.
                            let watch = HangUpWatch(socket: socket)
                            ConnectionThread.adopt(watch)
                            // A server that stops ends the connection (its thread may be blocked in recv).
                            await withTaskCancellationHandler {
                                await connection.run(transport, hangUps: watch)
                            } onCancel: {
                                transport.shutDown()
                            }
                        }
                        continue
                    }
                    let loops = ConnectionEventLoops.shared.checkOut()
                    let loop = loops.next()
                    group.addTask(executorPreference: EventLoopTaskExecutor(loop)) {
                        defer { ConnectionEventLoops.shared.checkIn(loops) }
                        let child: Connection
                        do {
                            child = try await ClientBootstrap(group: loop)
                                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                                .withConnectedSocket(socket) { child in
                                    child.eventLoop.makeCompletedFuture {
                                        let pipeline = child.pipeline.syncOperations
                                        try pipeline.addHandler(EncryptionNegotiationHandler(tls: tls))
                                        try pipeline.addHandler(ByteToMessageHandler(FrontendMessageDecoder(maximumMessageLength: limit)))
                                        try pipeline.addHandler(BackendMessageWriter())
                                        try pipeline.addHandler(StartupTimeoutHandler(timeout: timeout))
                                        return try Connection(wrappingChannelSynchronously: child)
                                    }
                                }
                        } catch {
                            return
                        }
                        // The connection's SQL runs on this thread, in place; a hang-up during it is
                        // seen by the watch.
                        let watch = HangUpWatch(socket: socket)
                        ConnectionThread.adopt(watch)
                        await connection.run(child, hangUps: watch)
                    }
                }
            }
        } onCancel: {
            acceptor.stop()
        }
    }
}

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
    private let channel: NIOAsyncChannel<Connection, Never>
    private let engine: RedshiftEngine
    private let configuration: PGServerConfiguration
    private let registry = BackendRegistry()
    private let logger: Logger

    private init(channel: NIOAsyncChannel<Connection, Never>, engine: RedshiftEngine,
                 configuration: PGServerConfiguration, logger: Logger) {
        self.channel = channel
        self.engine = engine
        self.configuration = configuration
        self.logger = logger
        self.host = configuration.host
        self.port = channel.channel.localAddress?.port ?? configuration.port
    }

    /// Binds the listener (it accepts connections once `run` is called).
    public static func bind(engine: RedshiftEngine, configuration: PGServerConfiguration,
                            logger: Logger) async throws -> PGServer {
        let limit = configuration.maximumMessageLength
        let tls = configuration.tls?.context
        let timeout = TimeAmount.nanoseconds(Int64(max(0.001, configuration.startupTimeoutSeconds) * 1_000_000_000))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { child in
                child.eventLoop.makeCompletedFuture {
                    let pipeline = child.pipeline.syncOperations
                    try pipeline.addHandler(EncryptionNegotiationHandler(tls: tls))
                    try pipeline.addHandler(ByteToMessageHandler(FrontendMessageDecoder(maximumMessageLength: limit)))
                    try pipeline.addHandler(BackendMessageWriter())
                    try pipeline.addHandler(StartupTimeoutHandler(timeout: timeout))
                    return try Connection(wrappingChannelSynchronously: child)
                }
            }
        return PGServer(channel: channel, engine: engine, configuration: configuration, logger: logger)
    }

    /// Accepts and serves connections until the calling task is cancelled; then closes the listener
    /// (open connections end with it).
    public func run() async throws {
        let connection = PGConnection(engine: engine, configuration: configuration, registry: registry, logger: logger)
        try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await child in inbound {
                        group.addTask(executorPreference: EventLoopTaskExecutor(child.channel.eventLoop)) { await connection.run(child) }
                    }
                }
            }
        } onCancel: {
            channel.channel.close(promise: nil)
        }
    }
}

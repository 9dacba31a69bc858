import DataAPIClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Options of `emulatord record`.
public struct RecordingProxyConfiguration: Sendable {
    public var upstream: URL
    public var host = "127.0.0.1"
    public var port = 8080
    /// Credentials for re-signing; nil forwards the client's own signature headers.
    public var credentials: AWSCredentials?
    public var region = "us-east-1"
    /// The proxy asks the upstream itself for statements the client has not described for this long.
    public var pollAfterMicros: Int64 = 1_000_000

    public init(upstream: URL) { self.upstream = upstream }

    /// The region from `AWS_REGION` or `AWS_DEFAULT_REGION`, else us-east-1.
    public static func region(from environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] { if let value = environment[name], !value.isEmpty { return value } }
        return "us-east-1"
    }
}

/// `emulatord record`: a Data API endpoint that forwards every call to the upstream, returns the
/// upstream's answer unchanged (status, body, Content-Type, `x-amzn-*` headers) and records each
/// statement — submitted, then followed through DescribeStatement to its outcome.
///
/// The proxy answers `GET /health` itself.
public struct RecordingProxy: Sendable {
    let upstream: UpstreamClient
    let recorder: ProxyRecorder
    let logger: Logger

    /// Builds the proxy writing to `writer`. Run the returned application, then call
    /// ``finish(timeout:)`` before closing the writer.
    public static func build(_ configuration: RecordingProxyConfiguration, writer: RecordingWriter, logger: Logger,
                             onReady: @escaping @Sendable (String, Int) async -> Void)
        -> (proxy: RecordingProxy, application: some ApplicationProtocol) {
        let signer = configuration.credentials.map { SigV4Signer(credentials: $0, region: configuration.region) }
        let proxy = RecordingProxy(upstream: UpstreamClient(url: configuration.upstream, signer: signer),
                                   recorder: ProxyRecorder(writer: writer), logger: logger)
        let router = Router()
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok","mode":"record"}"#)))
        }
        router.post("/") { request, _ in try await proxy.forward(request) }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: [ProxyPoller(proxy: proxy, after: configuration.pollAfterMicros)],
            onServerRunning: { channel in await onReady(configuration.host, channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        return (proxy, application)
    }

    func forward(_ request: Request) async throws -> Response {
        let body = Data(buffer: try await request.body.collect(upTo: 16 * 1024 * 1024))
        let target = request.headers[.proxyAmzTarget] ?? ""
        let operation = target.split(separator: ".").last.map(String.init) ?? ""
        let contentType = request.headers[.contentType] ?? "application/x-amz-json-1.1"
        let accessKeyId = Self.accessKeyId(request.headers[.authorization])
        let passthrough = request.headers.map { ($0.name.rawName, $0.value) }
        let records = operation == "ExecuteStatement" || operation == "BatchExecuteStatement"
        let slot = records ? recorder.arrived() : nil
        let answer: UpstreamResponse
        do {
            answer = try await upstream.send(target: target, contentType: contentType, body: body, passthrough: passthrough)
        } catch {
            logger.warning("upstream unreachable: \(error)")
            if let slot { recorder.answered(slot: slot, operation: operation, accessKeyId: accessKeyId, request: body, response: nil) }
            let message = #"{"__type":"InternalServerException","message":"recording proxy: upstream unreachable"}"#
            return Response(status: .badGateway, headers: [.contentType: "application/x-amz-json-1.1"],
                            body: .init(byteBuffer: ByteBuffer(string: message)))
        }
        if let slot {
            recorder.answered(slot: slot, operation: operation, accessKeyId: accessKeyId, request: body, response: answer)
        } else if operation == "DescribeStatement" && answer.status == 200 {
            recorder.described(answer.body)
        }
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(data: answer.body)))
    }

    /// Describes, from the proxy, statements whose outcome the client has not asked for lately.
    func pollStale(olderThan age: Int64) async {
        for id in recorder.stale(olderThan: age) {
            let body = Data(#"{"Id":"\#(id)"}"#.utf8)
            if let answer = try? await upstream.send(target: "RedshiftData.DescribeStatement",
                                                     contentType: "application/x-amz-json-1.1", body: body, passthrough: []),
               answer.status == 200 {
                recorder.described(answer.body)
            }
        }
    }

    /// At shutdown: polls what is still pending for up to `timeout` seconds, then writes every
    /// remaining statement (with what is known).
    public func finish(timeout: Double = 5) async {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, !recorder.stale(olderThan: -1).isEmpty {
            await pollStale(olderThan: -1)
            if recorder.stale(olderThan: -1).isEmpty { break }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        recorder.flushAll()
    }

    static func accessKeyId(_ authorization: String?) -> String {
        guard let authorization, let range = authorization.range(of: "Credential=") else { return "" }
        return String(authorization[range.upperBound...].prefix { $0 != "/" && $0 != "," })
    }
}

/// Background polling of statements whose outcome the client did not ask for.
struct ProxyPoller: Service {
    let proxy: RecordingProxy
    let after: Int64

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(nanoseconds: 200_000_000)
            await proxy.pollStale(olderThan: after)
        }
    }
}

extension HTTPField.Name {
    static let proxyAmzTarget = Self("X-Amz-Target")!
}

import DataAPIModel
import Foundation

/// How a ``DataAPIClient`` authenticates its calls.
public enum RequestSigning: Sendable {
    /// SigV4 with these credentials, computed per call (the real service; an emulator that verifies
    /// signatures).
    case sigV4(SigV4Signer)
    /// A fixed, well-formed but unverifiable `Authorization` header naming `accessKeyId`, for targets
    /// that read the access key without checking the signature (emulatord by default, moto). Costs
    /// nothing per call: the load generator's choice.
    case unsigned(accessKeyId: String, region: String)
}

/// An answer the model does not describe: an error code it does not list (e.g.
/// `AccessDeniedException`, or `HTTP502` for a non-JSON error), or a 200 whose body is not the
/// operation's output shape.
public enum DataAPIClientError: Error, Equatable, Sendable, CustomStringConvertible {
    case unmodeled(status: Int, code: String, message: String)
    case invalidResponse(operation: String, message: String)

    public var description: String {
        switch self {
        case .unmodeled(let status, let code, let message): return "\(code) (HTTP \(status)): \(message)"
        case .invalidResponse(let operation, let message): return "invalid \(operation) response: \(message)"
        }
    }
}

/// A call built once and sent many times (the load generator): the complete request bytes on a
/// socket transport, else headers and body.
public struct PreparedRequest: Sendable {
    public let operation: String
    let headers: [(String, String)]
    let body: Data
    let wire: [UInt8]?
}

/// The Redshift Data API client: AWS JSON 1.1 (`POST /`, `X-Amz-Target: RedshiftData.<Op>`) over
/// one ``HTTPTransport``, signed per ``RequestSigning``, with one typed method per operation on the
/// generated shapes. Errors are thrown as `DataAPIError` (a modeled code), ``DataAPIClientError``
/// (anything else the target answered) or ``TransportError`` (no answer).
///
/// Blocking and not shared between threads, like its transport: the replayer's workers and the
/// load generator's threads each own one, so that nothing sits between the schedule and the wire.
///
/// ```swift
/// let client = try DataAPIClient(url: URL(string: "http://127.0.0.1:8080")!, credentials: nil, region: "us-east-1")
/// let id = try client.executeStatement(ExecuteStatementInput(database: "dev", sql: "select 1", workgroupName: "wg")).id!
/// let status = try client.describeStatement(DescribeStatementRequest(id: id)).status
/// ```
///
/// Where a caller needs the bytes (the recording proxy's pass-through, the load generator's byte
/// searches), ``send(operation:body:)`` and ``send(_:_:)`` return them undecoded.
public final class DataAPIClient {
    public let url: URL
    public let transport: HTTPTransport
    public let signing: RequestSigning
    private let socket: SocketHTTPTransport?
    private let unsignedHeaders: [(String, String)]
    /// Content-Type and `unsignedHeaders` as request lines, and the blank line.
    private let unsignedHead: [UInt8]

    /// The key pair used when no credentials are given: the `Authorization` header is then well
    /// formed (the emulator accepts it unless it verifies signatures).
    public static let dummyCredentials = AWSCredentials(accessKeyId: "AKIDREPLAY", secretAccessKey: "replay-unsigned")

    public init(url: URL, signing: RequestSigning, transport: HTTPTransport? = nil) throws {
        self.url = url
        self.signing = signing
        let transport = try transport ?? Self.transport(for: url)
        self.transport = transport
        socket = transport as? SocketHTTPTransport
        if case .unsigned(let key, let region) = signing {
            unsignedHeaders = [
                ("X-Amz-Date", "20260101T000000Z"),
                ("Authorization", "AWS4-HMAC-SHA256 Credential=\(key)/20260101/\(region)/redshift-data/aws4_request, "
                    + "SignedHeaders=host, Signature=0"),
            ]
        } else {
            unsignedHeaders = []
        }
        unsignedHead = Array(([("Content-Type", AWSJSON.contentType)] + unsignedHeaders).map { "\($0.0): \($0.1)\r\n" }.joined().utf8)
            + Array("\r\n".utf8)
    }

    /// SigV4 with `credentials`, or with ``dummyCredentials`` when nil.
    public convenience init(url: URL, credentials: AWSCredentials?, region: String, transport: HTTPTransport? = nil) throws {
        try self.init(url: url, signing: .sigV4(SigV4Signer(credentials: credentials ?? Self.dummyCredentials, region: region)),
                      transport: transport)
    }

    /// A transport for `url`: a keep-alive socket for `http://`, URLSession for `https://`.
    public static func transport(for url: URL, timeout: TimeInterval = 120) throws -> HTTPTransport {
        url.scheme == "http" ? try SocketHTTPTransport(url: url, timeout: timeout) : URLSessionHTTPTransport(url: url, timeout: timeout)
    }

    // MARK: Raw calls

    /// The headers of a call: Content-Type, X-Amz-Target and the signature's.
    public func headers(operation: String, body: Data) -> [(String, String)] {
        let base = [("Content-Type", AWSJSON.contentType), ("X-Amz-Target", "RedshiftData.\(operation)")]
        switch signing {
        case .sigV4(let signer): return base + signer.sign(method: "POST", url: url, headers: base, body: body)
        case .unsigned: return base + unsignedHeaders
        }
    }

    /// Sends `operation` with the JSON `body` and returns the answer as it came, whatever its status.
    public func send(operation: String, body: Data) throws -> HTTPReply {
        try transport.post(headers: headers(operation: operation, body: body), body: body)
    }

    /// Builds a call to send many times (signed now, once). Unsigned on a socket: only the bytes,
    /// built in one go (the load generator builds one per DescribeStatement).
    public func prepare(operation: String, body: Data) -> PreparedRequest {
        if let socket, case .unsigned = signing {
            var wire: [UInt8] = []
            wire.reserveCapacity(unsignedHead.count + 120 + body.count)
            wire.append(contentsOf: "POST \(socket.path) HTTP/1.1\r\nHost: \(socket.authority)\r\nContent-Length: \(body.count)\r\n".utf8)
            wire.append(contentsOf: "X-Amz-Target: RedshiftData.\(operation)\r\n".utf8)
            wire.append(contentsOf: unsignedHead)
            wire.append(contentsOf: body)
            return PreparedRequest(operation: operation, headers: [], body: Data(), wire: wire)
        }
        let headers = headers(operation: operation, body: body)
        return PreparedRequest(operation: operation, headers: headers, body: body,
                               wire: socket?.requestBytes(headers: headers, body: body))
    }

    /// Sends a prepared call and lends the answer's status and body to `handle` (valid only inside
    /// it): on a socket transport no copy and no header parsing.
    public func send<T>(_ request: PreparedRequest, _ handle: (_ status: Int, _ body: UnsafeRawBufferPointer) throws -> T) throws -> T {
        if let socket, let wire = request.wire { return try socket.exchange(wire, handle) }
        let reply = try transport.post(headers: request.headers, body: request.body)
        return try reply.body.withUnsafeBytes { try handle(reply.status, $0) }
    }

    // MARK: Typed calls

    /// Encodes `input`, sends it as `operation` and decodes the output; a non-200 answer is thrown
    /// (see ``error(from:)``).
    public func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input,
                                                          as output: Output.Type = Output.self) throws -> Output {
        let body = try AWSJSON.encode(input)
        let reply = try send(operation: operation, body: body)
        guard reply.status == 200 else { throw Self.error(from: reply) }
        do {
            return try AWSJSON.decoder.decode(Output.self, from: reply.body)
        } catch {
            throw DataAPIClientError.invalidResponse(operation: operation, message: "\(error)")
        }
    }

    /// The error in a non-200 answer: `__type` (after any `#`, before any `:`; else the
    /// `x-amzn-ErrorType` header) and `message`. A code the model lists becomes a `DataAPIError`
    /// (with `ResourceId`/`StatementId`), any other a ``DataAPIClientError/unmodeled(status:code:message:)``.
    public static func error(from reply: HTTPReply) -> Error {
        let object = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] ?? [:]
        let type = (object["__type"] as? String) ?? reply.header("x-amzn-ErrorType")
        let code = type.map { Self.errorCode($0) } ?? "HTTP\(reply.status)"
        let message = (object["message"] as? String) ?? (object["Message"] as? String)
            ?? String(decoding: reply.body.prefix(300), as: UTF8.self)
        guard let modeled = DataAPIErrorCode(rawValue: code) else {
            return DataAPIClientError.unmodeled(status: reply.status, code: code, message: message)
        }
        return DataAPIError(modeled, message, resourceId: object["ResourceId"] as? String,
                            statementId: object["StatementId"] as? String)
    }

    /// `ValidationException` from `com.amazonaws.redshiftdata#ValidationException` or
    /// `ValidationException:http://internal.amazon.com/...`.
    static func errorCode(_ type: String) -> String {
        var code = Substring(type)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }

    /// The AWS error code and message of anything a call threw, as recordings keep them:
    /// `TransportError` when the call never got an answer, `InvalidResponse` for an unreadable one.
    public static func codeAndMessage(of error: Error) -> (code: String, message: String) {
        switch error {
        case let error as DataAPIError: return (error.code.rawValue, error.message)
        case let error as DataAPIClientError:
            switch error {
            case .unmodeled(_, let code, let message): return (code, message)
            case .invalidResponse(_, let message): return ("InvalidResponse", message)
            }
        case let error as TransportError: return ("TransportError", error.description)
        default: return ("TransportError", "\(error)")
        }
    }

    public func batchExecuteStatement(_ input: BatchExecuteStatementInput) throws -> BatchExecuteStatementOutput {
        try call("BatchExecuteStatement", input)
    }

    public func cancelStatement(_ input: CancelStatementRequest) throws -> CancelStatementResponse {
        try call("CancelStatement", input)
    }

    public func describeStatement(_ input: DescribeStatementRequest) throws -> DescribeStatementResponse {
        try call("DescribeStatement", input)
    }

    public func describeTable(_ input: DescribeTableRequest) throws -> DescribeTableResponse {
        try call("DescribeTable", input)
    }

    public func executeStatement(_ input: ExecuteStatementInput) throws -> ExecuteStatementOutput {
        try call("ExecuteStatement", input)
    }

    public func getStatementResult(_ input: GetStatementResultRequest) throws -> GetStatementResultResponse {
        try call("GetStatementResult", input)
    }

    public func getStatementResultV2(_ input: GetStatementResultV2Request) throws -> GetStatementResultV2Response {
        try call("GetStatementResultV2", input)
    }

    public func listDatabases(_ input: ListDatabasesRequest) throws -> ListDatabasesResponse {
        try call("ListDatabases", input)
    }

    public func listSchemas(_ input: ListSchemasRequest) throws -> ListSchemasResponse {
        try call("ListSchemas", input)
    }

    public func listSessions(_ input: ListSessionsRequest) throws -> ListSessionsResponse {
        try call("ListSessions", input)
    }

    public func listStatements(_ input: ListStatementsRequest) throws -> ListStatementsResponse {
        try call("ListStatements", input)
    }

    public func listTables(_ input: ListTablesRequest) throws -> ListTablesResponse {
        try call("ListTables", input)
    }
}

import Foundation

/// The answer to one Data API call: the decoded JSON object, or the AWS error.
public enum DataAPIReply {
    case ok([String: Any])
    /// `__type` (e.g. `ValidationException`) and message; `code` is `TransportError` when the call
    /// never got an answer.
    case failure(code: String, message: String)
}

/// Calls Data API operations (AWS JSON 1.1: `POST /`, `X-Amz-Target: RedshiftData.<Op>`) over a
/// transport, signing every call with SigV4. Without credentials in the environment it signs with
/// a dummy key pair, so the `Authorization` header is well formed (the emulator accepts it unless
/// it verifies signatures).
public final class DataAPIClient {
    public let url: URL
    private let transport: HTTPTransport
    private let signer: SigV4Signer

    /// The access key used when `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` are not set.
    public static let dummyCredentials = AWSCredentials(accessKeyId: "AKIDREPLAY", secretAccessKey: "replay-unsigned")

    public init(url: URL, transport: HTTPTransport, credentials: AWSCredentials?, region: String) {
        self.url = url
        self.transport = transport
        signer = SigV4Signer(credentials: credentials ?? Self.dummyCredentials, region: region)
    }

    /// A transport for `url`: raw sockets for `http://`, URLSession for `https://`.
    public static func transport(for url: URL) throws -> HTTPTransport {
        url.scheme == "http" ? try SocketHTTPTransport(url: url) : URLSessionHTTPTransport(url: url)
    }

    /// Sends `operation` with the JSON object `body`.
    public func call(_ operation: String, body: [UInt8]) -> DataAPIReply {
        let base = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "RedshiftData.\(operation)")]
        let headers = base + signer.sign(method: "POST", url: url, headers: base, body: Data(body))
        let reply: HTTPReply
        do {
            reply = try transport.post(headers: headers, body: body)
        } catch {
            return .failure(code: "TransportError", message: "\(error)")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
        if reply.status == 200 { return .ok(object) }
        var code = (object["__type"] as? String) ?? "HTTP\(reply.status)"
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        let message = (object["message"] as? String) ?? (object["Message"] as? String) ?? String(decoding: reply.body.prefix(300), as: UTF8.self)
        return .failure(code: code, message: message)
    }
}

/// Builds request bodies for the calls the replayer makes.
enum DataAPIRequests {
    /// ExecuteStatement, or BatchExecuteStatement for a batch unit, in session `sessionId` or, for
    /// the session's first call, opening one with `SessionKeepAliveSeconds`.
    static func execute(_ unit: ReplayUnit, in schedule: SessionSchedule, sessionId: String?) -> (String, [UInt8]) {
        var json = JSONLineBuilder(capacity: 256)
        let first = unit.statements[0]
        if unit.isBatch {
            json.field("Sqls", unit.statements.map(\.sql))
        } else {
            json.field("Sql", first.sql)
        }
        if let parameters = first.parameters, !parameters.isEmpty { json.field("Parameters", parameters) }
        json.field("StatementName", first.statementName)
        if let sessionId {
            json.field("SessionId", sessionId)
        } else {
            json.field("ClusterIdentifier", schedule.cluster)
            json.field("WorkgroupName", schedule.workgroup)
            json.field("Database", schedule.database)
            if schedule.cluster != nil { json.field("DbUser", schedule.user) }
            json.field("SessionKeepAliveSeconds", schedule.keepAliveSeconds)
        }
        return (unit.isBatch ? "BatchExecuteStatement" : "ExecuteStatement", json.finish())
    }

    static func describe(id: String, waitSeconds: Int?) -> [UInt8] {
        var json = JSONLineBuilder(capacity: 96)
        json.field("Id", id)
        json.field("WaitTimeSeconds", waitSeconds)
        return json.finish()
    }
}

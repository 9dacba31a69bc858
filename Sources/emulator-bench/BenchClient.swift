import DataAPIClient
import DataAPIModel
import Foundation
import Glibc

struct HTTPError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The benchmark's Data API calls over the shared client (`DataAPIClient`), one per thread.
///
/// Unsigned (a fixed SigV4-shaped Authorization: emulatord and moto read the access key and
/// service from it and check no signature by default). The load generator's hot path sends
/// prepared requests and reads the answers in place with byte searches (no copy, no JSON
/// decoder); setup calls are typed.
final class BenchClient {
    let client: DataAPIClient
    static let cluster = "bench"

    init(host: String, port: UInt16) throws {
        let url = URL(string: "http://\(host):\(port)/")!
        let socket = try SocketHTTPTransport(url: url, timeout: 600)
        try socket.connectNow()
        client = try DataAPIClient(url: url, signing: .unsigned(accessKeyId: "AKIDBENCH", region: "us-east-1"), transport: socket)
    }

    /// A complete request for `operation` (e.g. "ExecuteStatement") with a JSON body.
    func request(_ operation: String, body: String) -> PreparedRequest {
        client.prepare(operation: operation, body: Data(body.utf8))
    }

    static func executeBody(_ sql: String, csv: Bool = false) -> String {
        var body = #"{"ClusterIdentifier":"\#(cluster)","Database":"dev","DbUser":"awsuser","Sql":"\#(jsonEscaped(sql))""#
        if csv { body += #","ResultFormat":"CSV""# }
        return body + "}"
    }

    static func idBody(_ id: String, nextToken: String? = nil) -> String {
        guard let nextToken else { return #"{"Id":"\#(id)"}"# }
        return #"{"Id":"\#(id)","NextToken":"\#(nextToken)"}"#
    }

    /// Sends a request and lends the status and body (valid only inside `handle`).
    func send<T>(_ request: PreparedRequest, _ handle: (Int, UnsafeRawBufferPointer) throws -> T) throws -> T {
        try client.send(request, handle)
    }

    /// Sends a request; a non-200 answer is an error carrying the body's text.
    func call<T>(_ request: PreparedRequest, _ read: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        try client.send(request) { status, body in
            guard status == 200 else {
                throw HTTPError("HTTP \(status): \(String(decoding: body.prefix(400), as: UTF8.self))")
            }
            return try read(body)
        }
    }

    /// ExecuteStatement; returns the statement Id.
    func execute(_ sql: String, csv: Bool = false) throws -> String {
        let output = try client.executeStatement(ExecuteStatementInput(
            clusterIdentifier: Self.cluster, database: "dev", dbUser: "awsuser", resultFormat: csv ? "CSV" : nil, sql: sql))
        guard let id = output.id else { throw HTTPError("no Id in ExecuteStatement response") }
        return id
    }

    /// DescribeStatement; returns Status (and Error when the statement failed).
    func describe(_ id: String) throws -> (status: String, error: String?) {
        let described = try client.describeStatement(DescribeStatementRequest(id: id))
        guard let status = described.status else { throw HTTPError("no Status in DescribeStatement response") }
        return (status.rawValue, status == .failed ? described.error : nil)
    }

    /// Polls DescribeStatement until a terminal status; throws when it is not FINISHED.
    @discardableResult
    func waitFinished(_ id: String, timeoutSeconds: Double = 600) throws -> Int {
        let deadline = monotonicNanos() + UInt64(timeoutSeconds * 1e9)
        var polls = 0
        while true {
            let (status, error) = try describe(id)
            polls += 1
            switch status {
            case "FINISHED": return polls
            case "FAILED", "ABORTED": throw HTTPError("statement \(status): \(error ?? "")")
            default:
                if monotonicNanos() > deadline { throw HTTPError("statement still \(status) after \(timeoutSeconds) s") }
                if polls > 50 { usleep(1000) }
            }
        }
    }

    /// Runs one statement to completion (execute + wait).
    func run(_ sql: String) throws {
        try waitFinished(try execute(sql))
    }

    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

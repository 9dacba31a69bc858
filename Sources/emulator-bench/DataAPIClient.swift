import Glibc

/// Redshift Data API calls (AWS JSON 1.1) over one `HTTPConnection`, with a fixed SigV4-shaped
/// Authorization header (emulatord and moto read the access key and service from it; neither checks
/// the signature by default).
final class DataAPIClient {
    let connection: HTTPConnection
    private let hostHeader: String

    static let authorization = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/redshift-data/aws4_request, "
        + "SignedHeaders=host, Signature=0"
    static let cluster = "bench"

    init(host: String, port: UInt16) throws {
        connection = try HTTPConnection(host: host, port: port)
        hostHeader = "\(host):\(port)"
    }

    /// The bytes of a complete request for `operation` (e.g. "ExecuteStatement") with a JSON body.
    func request(_ operation: String, body: String) -> [UInt8] {
        let bodyBytes = body.utf8.count
        var text = "POST / HTTP/1.1\r\nHost: \(hostHeader)\r\nX-Amz-Target: RedshiftData.\(operation)\r\n"
        text += "Content-Type: application/x-amz-json-1.1\r\nAuthorization: \(Self.authorization)\r\n"
        text += "X-Amz-Date: 20260101T000000Z\r\nContent-Length: \(bodyBytes)\r\n\r\n"
        text += body
        return Array(text.utf8)
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

    /// Sends a request; a non-200 answer is an error carrying the body's text.
    func call<T>(_ request: [UInt8], _ read: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        try connection.send(request) { status, body in
            guard status == 200 else {
                throw HTTPError("HTTP \(status): \(String(decoding: body.prefix(400), as: UTF8.self))")
            }
            return try read(body)
        }
    }

    /// ExecuteStatement; returns the statement Id.
    func execute(_ sql: String, csv: Bool = false) throws -> String {
        try call(request("ExecuteStatement", body: Self.executeBody(sql, csv: csv))) { body in
            guard let id = ByteSearch.stringValue(of: ByteSearch.idKey, in: body) else {
                throw HTTPError("no Id in ExecuteStatement response")
            }
            return id
        }
    }

    /// DescribeStatement; returns Status (and Error when the statement failed).
    func describe(_ id: String) throws -> (status: String, error: String?) {
        try call(request("DescribeStatement", body: Self.idBody(id))) { body in
            guard let status = ByteSearch.stringValue(of: ByteSearch.statusKey, in: body) else {
                throw HTTPError("no Status in DescribeStatement response")
            }
            return (status, status == "FAILED" ? ByteSearch.stringValue(of: ByteSearch.errorKey, in: body) : nil)
        }
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

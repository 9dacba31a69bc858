import Glibc

/// Pages a finished statement's whole result, reading each page only as much as needed:
/// the NextToken, and a row count (JSON: arrays inside Records; CSV: escaped CRLFs).
struct PagingResult {
    var rows = 0
    var pages = 0
    var bytes = 0
    var totalNumRows = 0
    var seconds = 0.0
    var clientCPUSeconds = 0.0
    var serverCPUSeconds: Double?
}

enum Paging {
    static func readAll(_ id: String, csv: Bool, client: BenchClient, serverPID: pid_t? = nil) throws -> PagingResult {
        var result = PagingResult()
        let operation = csv ? "GetStatementResultV2" : "GetStatementResult"
        var token: String?
        let cpuStart = CPUSample.now(serverPID: serverPID)
        let start = monotonicNanos()
        repeat {
            let request = client.request(operation, body: BenchClient.idBody(id, nextToken: token))
            token = try client.call(request) { body -> String? in
                if result.pages == 0 {
                    result.totalNumRows = ByteSearch.intValue(of: ByteSearch.totalNumRowsKey, in: body) ?? -1
                }
                result.rows += csv ? ByteSearch.count(ByteSearch.escapedCRLF, in: body)
                                   : ByteSearch.countJSONRecords(in: body)
                result.bytes += body.count
                return ByteSearch.stringValue(of: ByteSearch.nextTokenKey, in: body)
            }
            result.pages += 1
        } while token != nil
        result.seconds = seconds(from: start, to: monotonicNanos())
        let cpuEnd = CPUSample.now(serverPID: serverPID)
        result.clientCPUSeconds = cpuEnd.client - cpuStart.client
        result.serverCPUSeconds = cpuStart.server.flatMap { s in cpuEnd.server.map { $0 - s } }
        if csv && result.rows > 0 { result.rows -= 1 }   // the header line
        return result
    }
}

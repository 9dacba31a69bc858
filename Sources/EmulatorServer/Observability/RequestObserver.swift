import DataAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Counts and logs every HTTP request: its Data API operation (the `X-Amz-Target` suffix), status,
/// AWS request id and error type, and how long it took. Logs at `info`.
struct RequestObserver: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics?
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let operation = DataAPIOperationName.known(request.headers[HTTPField.Name("X-Amz-Target")!])
        do {
            let response = try await next(request, context)
            observe(request, operation: operation, status: response.status.code, headers: response.headers, start: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            observe(request, operation: operation, status: status, headers: [:], start: start)
            throw error
        }
    }

    private func observe(_ request: Request, operation: String, status: Int, headers: HTTPFields, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        metrics?.requestAnswered(operation: operation, status: status, duration: elapsed)
        guard logger.logLevel <= .info else { return }
        var fields: Logger.Metadata = [
            "event": "request",
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "operation": .string(operation),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible(StatementLog.milliseconds(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)),
        ]
        if let requestId = headers[HTTPField.Name("x-amzn-RequestId")!] { fields["request_id"] = .string(requestId) }
        if let errorType = headers[HTTPField.Name("x-amzn-ErrorType")!] { fields["error_type"] = .string(errorType) }
        logger.info("request \(operation) \(status)", metadata: fields)
    }
}

/// The Data API operation an `X-Amz-Target` header names, as a metric label: `unknown` for a
/// name outside the model (labels stay few whatever clients send), `other` without the header.
enum DataAPIOperationName {
    static func known(_ target: String?) -> String {
        guard let target, let dot = target.lastIndex(of: ".") else { return "other" }
        let name = String(target[target.index(after: dot)...])
        return DataAPIOperation(rawValue: name) != nil ? name : "unknown"
    }
}

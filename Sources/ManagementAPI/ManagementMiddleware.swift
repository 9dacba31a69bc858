import DataAPI
import DataAPIModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the management API on the Data API's HTTP port, in front of the Data API's routes:
///
/// - Redshift (AWS Query protocol): `POST /` with a form body (`Action=GetClusterCredentials&…`),
///   or `GET /?Action=…`; answers are XML.
/// - Redshift Serverless (AWS JSON 1.1): `POST /` with `X-Amz-Target: RedshiftServerless.<Op>`.
///
/// Every other request (the Data API's `X-Amz-Target: RedshiftData.*`, `/health`, the admin
/// routes) goes on unchanged. With `verify_signatures`, SigV4 is checked by the Data API's verifier.
public struct ManagementMiddleware<Context: RequestContext>: RouterMiddleware {
    let adapter: ManagementAdapter
    let signatures: SignatureVerifier?

    public init(adapter: ManagementAdapter, signatures: SignatureVerifier?) {
        self.adapter = adapter
        self.signatures = signatures
    }

    static var maxBodyBytes: Int { 1024 * 1024 }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/" || request.uri.path.isEmpty else { return try await next(request, context) }
        let target = request.headers[.amzTarget] ?? ""
        if request.method == .post, target.hasPrefix(ManagementAdapter.serverlessTargetPrefix) {
            return await serverless(request, operation: String(target.dropFirst(ManagementAdapter.serverlessTargetPrefix.count)))
        }
        let contentType = (request.headers[.contentType] ?? "").lowercased()
        let isForm = request.method == .post && contentType.hasPrefix("application/x-www-form-urlencoded")
        let isQueryGet = request.method == .get && target.isEmpty
            && QueryProtocol.parseForm(request.uri.query ?? "")["Action"] != nil
        if target.isEmpty && (isForm || isQueryGet) {
            return await query(request)
        }
        return try await next(request, context)
    }

    // MARK: - Redshift (Query protocol)

    private func query(_ request: Request) async -> Response {
        let requestId = UUID().uuidString.lowercased()
        do {
            let body = try await collect(request)
            try verify(request, body: body)
            var fields = QueryProtocol.parseForm(request.uri.query ?? "")
            fields.merge(QueryProtocol.parseForm(String(decoding: body, as: UTF8.self))) { $1 }
            let caller = ManagementCaller(authorization: request.headers[.authorization])
            let xml = try await adapter.redshift(action: fields["Action"] ?? "", fields: fields, caller: caller,
                                                 requestId: requestId)
            return Response(status: .ok, headers: [.contentType: QueryProtocol.contentType, .amznRequestId: requestId],
                            body: .init(byteBuffer: ByteBuffer(string: xml)))
        } catch {
            let failure = Self.queryError(error)
            return Response(status: HTTPResponse.Status(code: failure.httpStatus),
                            headers: [.contentType: QueryProtocol.contentType, .amznRequestId: requestId],
                            body: .init(byteBuffer: ByteBuffer(string: failure.body(requestId: requestId))))
        }
    }

    static func queryError(_ error: any Error) -> QueryError {
        switch error {
        case let error as QueryError: return error
        case let error as DataAPIError:
            // The Query protocol's names for the SigV4 failures.
            switch error.code {
            case .missingAuthenticationToken: return QueryError("MissingAuthenticationToken", error.message, httpStatus: 403)
            case .unrecognizedClient: return QueryError("InvalidClientTokenId", error.message, httpStatus: 403)
            case .invalidSignature where error.message.hasPrefix("Authorization header requires"):
                return QueryError("IncompleteSignature", error.message, httpStatus: 400)
            case .invalidSignature: return QueryError("SignatureDoesNotMatch", error.message, httpStatus: 403)
            default: return QueryError(error.code.rawValue, error.message, httpStatus: error.code.httpStatus)
            }
        case is NIOTooManyBytesError:
            return QueryError("RequestEntityTooLarge", "Request body is too large", httpStatus: 413)
        default:
            return QueryError("InternalFailure", "Internal error: \(error)", httpStatus: 500, sender: false)
        }
    }

    // MARK: - Redshift Serverless (AWS JSON 1.1)

    private func serverless(_ request: Request, operation: String) async -> Response {
        let requestId = UUID().uuidString.lowercased()
        do {
            let body = try await collect(request)
            try verify(request, body: body)
            let caller = ManagementCaller(authorization: request.headers[.authorization])
            let output = try await adapter.serverless(operation: operation, body: body, caller: caller)
            return Response(status: .ok, headers: [.contentType: AWSJSON.contentType, .amznRequestId: requestId],
                            body: .init(byteBuffer: ByteBuffer(data: output)))
        } catch {
            let failure: ServerlessError
            switch error {
            case let error as ServerlessError: failure = error
            case let error as DataAPIError:
                failure = ServerlessError(error.code.rawValue, error.message, httpStatus: error.code.httpStatus)
            case is NIOTooManyBytesError:
                failure = ServerlessError("SerializationException", "Request body is too large", httpStatus: 413)
            default:
                failure = ServerlessError("InternalServerException", "Internal error: \(error)", httpStatus: 500)
            }
            return Response(status: HTTPResponse.Status(code: failure.httpStatus),
                            headers: [.contentType: AWSJSON.contentType, .amznRequestId: requestId,
                                      .amznErrorType: failure.code],
                            body: .init(byteBuffer: ByteBuffer(data: failure.body())))
        }
    }

    // MARK: - Shared

    private func collect(_ request: Request) async throws -> Data {
        Data(buffer: try await request.body.collect(upTo: Self.maxBodyBytes))
    }

    private func verify(_ request: Request, body: Data) throws {
        guard let signatures else { return }
        try signatures.verify(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                              authority: request.head.authority, headers: request.headers, body: body)
    }
}

extension HTTPField.Name {
    static let amzTarget = Self("X-Amz-Target")!
    static let amznRequestId = Self("x-amzn-RequestId")!
    static let amznErrorType = Self("x-amzn-ErrorType")!
}

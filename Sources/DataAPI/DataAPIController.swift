import DataAPIModel
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the Redshift Data API: AWS JSON 1.1 on `POST /`, where `X-Amz-Target` names the operation.
/// (`GET /health` is the server's: EmulatorServer's AdminController.)
public struct DataAPIController<Service: DataAPIService> {
    let service: Service
    let signatures: SignatureVerifier?
    /// Bodies larger than this are refused (`limits.maxRequestBytes`; 40 SQLs of 100 KB fit well
    /// within the default): by their Content-Length before any byte is read, else once the bytes
    /// read pass it, so an oversized body is never held whole.
    let maxBodyBytes: Int

    public init(service: Service, signatures: SignatureVerifier?,
                maxBodyBytes: Int = Limits.defaults.maxRequestBytes!) {
        self.service = service
        self.signatures = signatures
        self.maxBodyBytes = maxBodyBytes
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/") { request, _ in try await self.handle(request) }
    }

    private func handle(_ request: Request) async throws -> Response {
        let requestId = RandomUUID.string()
        do {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
                throw HTTPError(.contentTooLarge)
            }
            let buffer = try await request.body.collect(upTo: maxBodyBytes)
            let body = Data(buffer: buffer)
            let target = request.headers[.amzTarget] ?? ""
            guard target.hasPrefix(DataAPIOperation.targetPrefix + "."),
                  let operation = DataAPIOperation(rawValue: String(target.dropFirst(DataAPIOperation.targetPrefix.count + 1)))
            else {
                throw DataAPIError(.unknownOperation, target.isEmpty ? "Missing X-Amz-Target header" : "Unknown operation \(target)")
            }
            let caller = Caller(authorization: request.headers[.authorization])
            if let signatures {
                try signatures.verify(method: "POST", path: request.uri.path, query: request.uri.query ?? "",
                                      authority: request.head.authority, headers: request.headers, body: body)
            }
            let output = try await operation.invoke(service, body: body, caller: caller)
            return Response(status: .ok,
                            headers: [.contentType: AWSJSON.contentType, .amznRequestId: requestId],
                            body: .init(byteBuffer: ByteBuffer(data: output)))
        } catch let error as DataAPIError {
            return errorResponse(error, requestId: requestId)
        } catch let error as EngineError {
            return errorResponse(DataAPIError(error), requestId: requestId)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return errorResponse(DataAPIError(.serialization, "Request body is too large"), requestId: requestId)
        } catch {
            return errorResponse(DataAPIError(.internalServer, "Internal error: \(error)"), requestId: requestId)
        }
    }

    private func errorResponse(_ error: DataAPIError, requestId: String) -> Response {
        Response(status: HTTPResponse.Status(code: error.code.httpStatus),
                 headers: [.contentType: AWSJSON.contentType, .amznRequestId: requestId, .amznErrorType: error.code.rawValue],
                 body: .init(byteBuffer: ByteBuffer(data: error.body())))
    }
}

extension HTTPField.Name {
    static let amzTarget = Self("X-Amz-Target")!
    static let amznRequestId = Self("x-amzn-RequestId")!
    static let amznErrorType = Self("x-amzn-ErrorType")!
}

import DataAPI
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The emulator's own endpoints beside the Data API: `GET /health` (status, and where `s3://` lives),
/// and `PUT /admin/faults`, which replaces the fault rules without a restart (body: the rules as
/// JSON, the same shape as the config file's `faults`); snapshots and reset are in
/// `AdminController+Snapshots.swift`.
struct AdminController {
    let engine: RedshiftEngine
    let objectStore: ObjectStoreChoice

    func addRoutes(to router: Router<BasicRequestContext>) {
        let health = ["status": "ok", "s3": objectStore.health] as [String: Any]
        router.get("/health") { _, _ in Self.json(.ok, health) }
        router.put("/admin/faults") { request, _ in
            let body = Data(buffer: try await request.body.collect(upTo: 1024 * 1024))
            do {
                let rules = try FaultRuleSet(data: body)
                engine.workload.reload(faults: rules)
                return Self.json(.ok, ["rules": rules.rules.count])
            } catch let error as WorkloadConfigError {
                return Self.json(.badRequest, ["message": error.message])
            }
        }
        addSnapshotRoutes(to: router)
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

import Engine
import Foundation
import HTTPTypes
import Hummingbird

/// The snapshot routes (behind `AdminGuard`): `POST /admin/reset`, `GET /admin/snapshots`,
/// `POST /admin/snapshots/NAME` (save), `POST /admin/snapshots/NAME/restore`,
/// `DELETE /admin/snapshots/NAME`. Errors are JSON `{"message": …}`: 400 for a bad name, 404 for an
/// unknown snapshot, 409 for one taken with another configuration or when statements did not end.
extension AdminController {
    func addSnapshotRoutes(to router: Router<BasicRequestContext>) {
        router.post("/admin/reset") { _, _ in
            try await Self.answering { try await engine.reset(); return ["status": "reset"] }
        }
        router.get("/admin/snapshots") { _, _ in
            Self.json(.ok, ["snapshots": engine.snapshots().map(Self.describe)])
        }
        router.post("/admin/snapshots/:name") { _, context in
            let name = try context.parameters.require("name")
            return try await Self.answering(status: .created) { Self.describe(try await engine.saveSnapshot(named: name)) }
        }
        router.post("/admin/snapshots/:name/restore") { _, context in
            let name = try context.parameters.require("name")
            return try await Self.answering { try await engine.restoreSnapshot(named: name); return ["status": "restored", "name": name] }
        }
        router.delete("/admin/snapshots/:name") { _, context in
            let name = try context.parameters.require("name")
            return try await Self.answering { try engine.deleteSnapshot(named: name); return ["status": "deleted", "name": name] }
        }
    }

    private static func answering(status: HTTPResponse.Status = .ok, _ body: () async throws -> [String: Any]) async throws -> Response {
        let started = ContinuousClock.now
        do {
            var answer = try await body()
            let elapsed = ContinuousClock.now - started
            answer["millis"] = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            return json(status, answer)
        } catch let error as SnapshotError {
            let status: HTTPResponse.Status = switch error.kind {
            case .invalidName: .badRequest
            case .notFound: .notFound
            case .incompatible, .busy: .conflict
            }
            return json(status, ["message": error.message])
        }
    }

    private static func describe(_ info: SnapshotInfo) -> [String: Any] {
        ["name": info.name, "createdAt": ISO8601DateFormatter().string(from: info.createdAt),
         "clusters": info.clusters, "bytes": info.bytes]
    }
}

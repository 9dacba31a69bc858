import Foundation
import Hummingbird

/// `emulator-bench echo-server`: a bare Hummingbird 2 endpoint answering every `POST /` with the
/// same small JSON body (after reading the request body, as the emulator does) — the ceiling of
/// what the HTTP framework serves on this machine.
enum EchoServer {
    static let body = #"{"Id":"00000000-0000-0000-0000-000000000000","Status":"FINISHED"}"#

    static func run(host: String, port: Int) async throws {
        let router = Router()
        router.post("/") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 16 * 1024 * 1024)
            return Response(status: .ok, headers: [.contentType: "application/x-amz-json-1.1"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/health") { _, _ in "ok" }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                print("echo-server listening on http://\(host):\(channel.localAddress?.port ?? port)")
                fflush(stdout)
            })
        try await app.runService()
    }
}

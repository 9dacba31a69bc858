import Console
import DataAPI
import Engine
import Foundation
import Hummingbird
import ServiceLifecycle

/// The console's pieces for one server: what it records, who may open it, and the sampler that
/// feeds its queue chart.
struct ConsoleWiring {
    let activity = ConsoleActivity()
    let access: ConsoleAccess

    /// A token when the server verifies signatures (the console and the admin routes then need it).
    init(verifySignatures: Bool) {
        access = ConsoleAccess(token: verifySignatures ? ConsoleAccess.newToken() : nil)
    }

    /// What `serve` says on stderr once it listens: where the console is (with its token), and a
    /// warning when anyone on the network could use it.
    func announcement(host: String, port: Int) -> String {
        var lines: [String] = []
        if let token = access.token {
            lines.append("emulatord console: http://\(host):\(port)/console?token=\(token)")
        } else if !Self.isLoopback(host) {
            lines.append("emulatord: warning: listening on \(host) without verify_signatures: anyone who reaches this port can use the console, the admin routes and the Data API as any user")
        }
        return lines.joined(separator: "\n")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Samples WLM's queues for the console's chart once a second.
struct ConsoleSampler: Service {
    let engine: RedshiftEngine
    let activity: ConsoleActivity

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            activity.sample(engine)
            try? await Task.sleep(nanoseconds: 1_000_000_000)
        }
    }
}

/// The admin routes' guard: with a console token, a request needs it (`Authorization: Bearer`)
/// or a signature the Data API's check accepts.
struct AdminGuard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let access: ConsoleAccess
    let signatures: SignatureVerifier?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/admin/"), !access.admits(request) else { return try await next(request, context) }
        var request = request
        let body = try await request.body.collect(upTo: 16 * 1024 * 1024)
        request.body = RequestBody(buffer: body)
        if let signatures, request.headers[.authorization] != nil,
           (try? signatures.verify(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                   authority: request.head.authority, headers: request.headers, body: Data(buffer: body))) != nil {
            return try await next(request, context)
        }
        return Response(status: .unauthorized, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: .init(string: #"{"message":"The admin routes need a signed request or the console's token (Authorization: Bearer)."}"#)))
    }
}

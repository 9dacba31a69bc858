import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RedshiftSQL

/// The web console: its page and assets under `/console`, and the JSON API the page polls under
/// `/console/api`. It reads the engine (statements, sessions, WLM) and the activity it recorded;
/// cancels go through the engine's cancel, as CancelStatement's do; the SQL editor runs a
/// statement as the user it names, through the same path as any door.
public struct ConsoleController: Sendable {
    let engine: RedshiftEngine
    let activity: ConsoleActivity
    let access: ConsoleAccess
    /// The cluster the PostgreSQL door serves: the editor's default target.
    let defaultTarget: Target

    public init(engine: RedshiftEngine, activity: ConsoleActivity, access: ConsoleAccess, defaultTarget: Target) {
        self.engine = engine
        self.activity = activity
        self.access = access
        self.defaultTarget = defaultTarget
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/console") { request, _ in try page(request) }
        router.get("/console/assets/:name") { request, context in
            guard access.admits(request) else { return denied() }
            return try ConsoleAssets.response(named: context.parameters.get("name") ?? "")
        }
        let api = router.group("/console/api").add(middleware: ConsoleAPIGuard(access: access))
        ConsoleAPI(engine: engine, activity: activity, defaultTarget: defaultTarget).addRoutes(to: api)
    }

    private func page(_ request: Request) throws -> Response {
        guard access.admits(request) else { return denied() }
        var response = try ConsoleAssets.response(named: "index.html")
        if let cookie = access.cookie { response.headers[.setCookie] = cookie }
        return response
    }

    private func denied() -> Response {
        Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "The console needs the token emulatord printed at start: open /console?token=…\n")))
    }
}

/// Refuses the console API's requests without the token.
struct ConsoleAPIGuard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let access: ConsoleAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard access.admits(request) else { return ConsoleJSON.error(.unauthorized, "The console's token is missing or wrong.") }
        return try await next(request, context)
    }
}

import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RedshiftSQL

/// `/console/api`: statements (filtered; one in detail; cancel), sessions (cancel their
/// statement), WLM queue samples, the SQL editor, and replay reports.
struct ConsoleAPI {
    let engine: RedshiftEngine
    let activity: ConsoleActivity
    let defaultTarget: Target

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("statements") { request, _ in statements(request) }
        group.get("statements/:id") { _, context in statement(context.parameters.get("id") ?? "") }
        group.post("statements/:id/cancel") { _, context in cancel(statement: context.parameters.get("id") ?? "") }
        group.get("sessions") { _, _ in ConsoleJSON.response(["sessions": sessions()]) }
        group.post("sessions/:id/cancel") { _, context in cancel(session: context.parameters.get("id") ?? "") }
        group.get("wlm") { _, _ in
            ConsoleJSON.response(WLMAnswer(configured: engine.hasWorkloadQueues, window: ConsoleActivity.sampleWindow,
                                           samples: activity.queueSamples()))
        }
        group.get("defaults") { _, _ in
            ConsoleJSON.response(["kind": defaultTarget.kind.rawValue, "target": defaultTarget.name, "database": "dev"])
        }
        group.post("run") { request, _ in
            let body = try await request.body.collect(upTo: 1024 * 1024)
            guard let run = try? JSONDecoder().decode(ConsoleRun.self, from: Data(buffer: body)) else {
                return ConsoleJSON.error(.badRequest, "Expected {\"user\", \"sql\", \"cluster\" or \"workgroup\", \"database\"}.")
            }
            return ConsoleJSON.response(await run.perform(engine, defaultTarget: defaultTarget))
        }
        group.get("report") { request, _ in report(path: request.uri.queryParameters["path"].map(String.init) ?? "") }
    }

    struct WLMAnswer: Codable {
        var configured: Bool
        var window: Double
        var samples: [ConsoleActivity.QueueSample]
    }

    struct StatementList: Codable {
        var running: [ConsoleViews.StatementRow]
        var ended: [ConsoleViews.StatementRow]
    }

    /// Running statements of every door, then the last ended ones; `cluster`, `user`, `status`,
    /// `queue`, `door` and `text` (a substring of the SQL, any case) filter both; `limit` (200).
    private func statements(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        let filter = StatementFilter(
            target: query["cluster"].map(String.init), user: query["user"].map(String.init),
            status: query["status"].map(String.init), queue: query["queue"].map(String.init),
            door: query["door"].map(String.init), text: query["text"].map(String.init))
        let limit = min(1000, max(1, query["limit"].flatMap { Int(String($0)) } ?? 200))
        let running = runningSnapshots().map(ConsoleViews.row).filter(filter.accepts)
        let ended = activity.recent(limit: limit) { filter.accepts(ConsoleViews.row($0)) }.map { ConsoleViews.row($0.event) }
        return ConsoleJSON.response(StatementList(running: running, ended: ended))
    }

    /// Statements not ended: the Data API's, and those the sessions (connections included) run now.
    private func runningSnapshots() -> [StatementSnapshot] {
        var found = engine.statements(before: nil, limit: 500) { !$0.status.isTerminal }.items
        let known = Set(found.map(\.id))
        for session in engine.sessionSnapshots() where session.status == .busy {
            guard let id = session.currentStatementId, !known.contains(id),
                  let snapshot = try? engine.statement(id), !snapshot.status.isTerminal else { continue }
            found.append(snapshot)
        }
        return found.sorted { $0.createdAt > $1.createdAt }
    }

    private func statement(_ id: String) -> Response {
        if let snapshot = try? engine.statement(id), !snapshot.status.isTerminal {
            return ConsoleJSON.response(ConsoleViews.detail(snapshot))
        }
        if let event = activity.ended(id: id) { return ConsoleJSON.response(ConsoleViews.detail(event)) }
        if let snapshot = try? engine.statement(id) { return ConsoleJSON.response(ConsoleViews.detail(snapshot)) }
        return ConsoleJSON.error(.notFound, "No statement \(id) (the console keeps the last \(activity.capacity) that ended).")
    }

    private func cancel(statement id: String) -> Response {
        do {
            try engine.cancel(id)
            return ConsoleJSON.response(["cancelled": id])
        } catch let error as EngineError {
            return ConsoleJSON.error(.badRequest, error.message)
        } catch {
            return ConsoleJSON.error(.badRequest, "\(error)")
        }
    }

    private func cancel(session id: String) -> Response {
        guard let session = engine.sessionSnapshots().first(where: { $0.id == id && $0.status != .closed }) else {
            return ConsoleJSON.error(.notFound, "No open session \(id).")
        }
        guard let current = session.currentStatementId else {
            return ConsoleJSON.error(.badRequest, "Session \(id) runs no statement.")
        }
        return cancel(statement: current)
    }

    private func sessions() -> [ConsoleViews.SessionRow] {
        engine.sessionSnapshots().filter { $0.status != .closed }.map { session in
            let connection = activity.connection(session: session.id)
            let current = session.currentStatementId.flatMap { try? engine.statement($0) }
            return ConsoleViews.SessionRow(
                id: session.id, door: connection == nil ? StatementDoor.dataAPI.rawValue : StatementDoor.postgresql.rawValue,
                target: session.target.name, database: session.database, user: session.dbUser, status: session.status.rawValue,
                createdAt: session.createdAt, pid: session.redshiftPid, currentStatementId: session.currentStatementId,
                currentSQL: current?.queryString.map { String($0.prefix(ConsoleViews.sqlPreview)) },
                remoteHost: connection?.remoteHost, applicationName: connection?.applicationName)
        }
    }

    /// A replay comparison's HTML report (`emulatord compare --html`), from a path on this machine.
    /// Only an HTML file that `compare` wrote is served.
    private func report(path: String) -> Response {
        guard path.hasSuffix(".html"), let data = FileManager.default.contents(atPath: path) else {
            return ConsoleJSON.error(.notFound, "No HTML report at \(path.isEmpty ? "(no path)" : path).")
        }
        guard String(decoding: data.prefix(2048), as: UTF8.self).contains("<title>emulatord compare</title>") else {
            return ConsoleJSON.error(.badRequest, "\(path) is not a report that emulatord compare wrote.")
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The statement list's filters; an empty or missing one accepts everything.
struct StatementFilter {
    var target, user, status, queue, door, text: String?

    func accepts(_ row: ConsoleViews.StatementRow) -> Bool {
        func matches(_ wanted: String?, _ value: String?) -> Bool {
            guard let wanted, !wanted.isEmpty else { return true }
            return value?.caseInsensitiveCompare(wanted) == .orderedSame
        }
        guard matches(target, row.target), matches(user, row.user), matches(status, row.status),
              matches(queue, row.queue), matches(door, row.door) else { return false }
        guard let text, !text.isEmpty else { return true }
        return row.sql.range(of: text, options: .caseInsensitive) != nil
    }
}

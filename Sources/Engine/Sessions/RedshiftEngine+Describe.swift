import Foundation
import GRDB
import RedshiftSQL

/// Describe without running: the result columns of a statement, from its translation in a
/// connection's session (its search path, settings, temp tables and privileges), nothing
/// executed, nothing logged. The PostgreSQL door answers Describe (RowDescription or NoData) with it.
extension RedshiftEngine {
    /// The columns `parsed` would return run now in session `id`; nil when it returns no rows
    /// (DML, DDL, SET, transaction control). Translation errors are thrown as `SQLError`s, as
    /// running it would report them, and like them abort an open transaction block (PostgreSQL
    /// fails a transaction on an error in Parse or Describe too); in a failed block only the
    /// end of the block is described, anything else is 25P02.
    ///
    /// - Parameters:
    ///   - parameters: the named parameters' values (nil: none), as `submit` takes them.
    ///   - probe: a question the server asks for itself (does this relation exist?), not the
    ///     client's statement: its errors leave the transaction block as it was.
    public func describeColumns(_ parsed: ParsedStatement, inSession id: String,
                                parameters: [StatementParameter]?, probe: Bool = false) async throws -> [ResultColumn]? {
        let session: EngineSession = try sessions.state.withLock { sessions in
            guard let session = sessions[id], !session.closed else {
                throw EngineError.invalid("Session with Id: \(id) is invalid")
            }
            return session
        }
        let identity = StatementIdentity(database: session.database, user: session.dbUser,
                                         isSuperuser: isSuperuser(session.dbUser), bootstrapSuperuser: settings.superuser,
                                         backendPid: session.connection.pid)
        let values = parameters.map(Self.parameterMap)
        let now = clock.now()
        return try await session.connection.access { db, state in
            var scratch = state
            defer { if !probe { state = scratch } }
            return try StatementRunner.describe(parsed, parameters: values, identity: identity, db: db, state: &scratch, now: now)
        }
    }
}

extension StatementRunner {
    /// The result columns of a translation made as `run` makes it; nil for statements without rows.
    static func describe(_ parsed: ParsedStatement, parameters: [String: String]?, identity: StatementIdentity,
                         db: Database, state: inout ConnectionState, now: Date) throws -> [ResultColumn]? {
        if parameters == nil, !parsed.parameterNames.isEmpty {
            throw SQLError(code: "42601", message: #"syntax error at or near ":""#)
        }
        var settings = state.effectiveSettings
        if state.userDefaults == nil {
            let defaults = (try? SecurityCatalog(executor: GRDBExecutor(db: db)).settings(of: identity.user)) ?? [:]
            settings = defaults.merging(settings) { _, session in session }
        }
        var context = TranslationContext(
            catalog: StoredCatalog(executor: GRDBExecutor(db: db)),
            database: identity.database, currentUser: identity.user, sessionUser: identity.user,
            isSuperuser: identity.isSuperuser, searchPath: searchPath(settings),
            parameters: parameters ?? [:], settings: settings, now: now, backendPid: identity.backendPid)
        context.bootstrapSuperuser = identity.bootstrapSuperuser
        let translation: Translation
        do {
            translation = try Translator().translate(parsed, context: context)
        } catch {
            if state.transactionFailed {
                throw SQLError(code: "25P02",
                               message: "current transaction is aborted, commands ignored until end of transaction block")
            }
            if state.inExplicitTransaction { state.transactionFailed = true }
            throw error
        }
        if state.transactionFailed {
            switch translation.kind {
            case .transaction(.commit), .transaction(.rollback): return nil
            default:
                throw SQLError(code: "25P02",
                               message: "current transaction is aborted, commands ignored until end of transaction block")
            }
        }
        switch translation.kind {
        case .query: return translation.resultColumns
        case .show(let name):   // as `run` answers SHOW
            return [translation.resultColumns.first ?? ResultColumn(name: name, type: .varchar(length: 256))]
        default: return nil
        }
    }
}

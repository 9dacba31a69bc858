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
        let external = (try? registry.cluster(for: session.target))?.externalCatalog.snapshot ?? ExternalCatalog()
        return try await session.connection.access { db, state in
            var scratch = state
            defer { if !probe { state = scratch } }
            // Drivers describe the statement they then run, often the same one again and again.
            let key = DescribedStatement.Key(sql: parsed.text, parameters: values)
            if !scratch.transactionFailed, let last = scratch.lastDescribed, last.key == key,
               last.generation == WriteGeneration.current {
                return last.columns
            }
            let generation = WriteGeneration.current
            let columns = try StatementRunner.describe(parsed, parameters: values, identity: identity, db: db, state: &scratch,
                                                       now: now, externalCatalog: external)
            if !scratch.transactionFailed {
                scratch.lastDescribed = DescribedStatement(key: key, generation: generation, columns: columns)
            }
            return columns
        }
    }
}

/// The result columns a statement was described with, true while the `WriteGeneration` they were
/// found at stands: the catalog, the session's settings and every other input of a translation's
/// columns change only through writes.
struct DescribedStatement {
    struct Key: Equatable {
        var sql: String
        var parameters: [String: String]?
    }
    var key: Key
    var generation: UInt64
    var columns: [ResultColumn]?
}

extension StatementRunner {
    /// The result columns of a translation made as `run` makes it; nil for statements without rows.
    static func describe(_ parsed: ParsedStatement, parameters: [String: String]?, identity: StatementIdentity,
                         db: Database, state: inout ConnectionState, now: Date,
                         externalCatalog: ExternalCatalog = ExternalCatalog()) throws -> [ResultColumn]? {
        let translation = try translate(parsed, parameters: parameters, identity: identity, db: db, state: &state, now: now,
                                        externalCatalog: externalCatalog)
        if state.transactionFailed { return nil }   // the end of an aborted block
        switch translation.kind {
        case .query: return translation.resultColumns
        case .show(let name):   // as `run` answers SHOW
            return [translation.resultColumns.first ?? ResultColumn(name: name, type: .varchar(length: 256))]
        default: return nil
        }
    }
}

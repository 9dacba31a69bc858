import Foundation
import RedshiftSQL

/// What a door may ask about a session's cursor without running a statement.
extension RedshiftEngine {
    /// The columns of the session's open cursor `name` (folded to lower case, as DECLARE folds
    /// it), or nil when no such cursor is open. In PostgreSQL's protocol a SQL cursor is also a
    /// portal: psycopg 3 sends Describe(portal "name") right after DECLARE to learn its shape.
    public func cursorColumns(ofSession id: String, named name: String) async throws -> [ResultColumn]? {
        let session: EngineSession = try sessions.state.withLock { sessions in
            guard let session = sessions[id], !session.closed else {
                throw EngineError.invalid("Session with Id: \(id) is invalid")
            }
            return session
        }
        let wanted = name.lowercased()
        return try await session.connection.access { _, state in
            guard let cursor = state.cursor, cursor.name == wanted else { return nil }
            return cursor.rows.columns
        }
    }
}

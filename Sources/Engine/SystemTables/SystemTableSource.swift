import Foundation
import GRDB
import RedshiftSQL

/// Supplies the rows of the engine system tables (STL_*, STV_*, SYS_* …) a statement reads.
///
/// Called on the statement's connection just before its steps run, once per relation it reads.
protocol SystemTableSource: Sendable {
    /// The rows of `relation` as `identity` may see them (Redshift shows a regular user only its
    /// own rows in most STL/STV tables), one value per column of `relation.columns`, in order.
    func rows(of relation: SystemRelation, for identity: StatementIdentity) -> [[SQLiteValue]]
}

/// A source with no activity: every engine table is empty (used by `--init-sql`).
struct EmptySystemTables: SystemTableSource {
    func rows(of relation: SystemRelation, for identity: StatementIdentity) -> [[SQLiteValue]] { [] }
}

/// Fills the temp tables of the engine relations a translation reads.
enum SystemTableMaterializer {
    static func fill(_ relations: [SystemRelation], from source: any SystemTableSource, identity: StatementIdentity,
                     db: Database) throws {
        for relation in relations {
            try db.execute(sql: "DROP TABLE IF EXISTS \(relation.sqliteName)")
            try db.execute(sql: relation.createStatement)
            let rows = source.rows(of: relation, for: identity)
            guard !rows.isEmpty else { continue }
            let placeholders = "(" + Array(repeating: "?", count: relation.columns.count).joined(separator: ", ") + ")"
            let insert = try db.makeStatement(sql: "INSERT INTO \(relation.sqliteName) VALUES \(placeholders)")
            for row in rows {
                try insert.execute(arguments: StatementArguments(row.map(\.databaseValue)))
            }
        }
    }
}

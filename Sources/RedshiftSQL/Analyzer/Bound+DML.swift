/// Bound INSERT, UPDATE, DELETE and MERGE: targets resolved to SQLite tables, every value converted
/// for its column. `SQLiteGenerator+DML.swift` renders them.
extension Bound {
    /// `INSERT INTO table (columns) …`; every column of the table is written (defaults already bound).
    struct Insert: Equatable {
        /// The SQLite name of the target (quoted, qualified).
        var table: String
        var columns: [String]
        var source: InsertSource
    }

    enum InsertSource: Equatable {
        /// `VALUES (…), (…)`.
        case values([[Expression]])
        /// `SELECT values FROM (query) AS "_rs_source"`: `values` read the query's outputs `c1 … cn`.
        case projection([Expression], from: Query)
        /// The query itself (its outputs are the columns, in order): CTAS and REFRESH.
        case query(Query)
    }

    /// `UPDATE table AS alias SET … [FROM …] [WHERE (condition) AND (row security)]`.
    struct Update: Equatable {
        var table: String
        /// nil: no alias (a whole-table update, e.g. ALTER TABLE ADD COLUMN … DEFAULT).
        var alias: String?
        var assignments: [Assignment]
        var from: [FromItem] = []
        var whereClause: Expression?
        /// The caller's RLS predicate over the target (Analyzer+RowSecurity): only visible rows change.
        var rowSecurity: Expression?
    }

    /// `column = value`.
    struct Assignment: Equatable {
        var column: String
        var value: Expression
    }

    /// `DELETE FROM table AS alias [WHERE …]`.
    struct Delete: Equatable {
        var table: String
        var alias: String?
        var whereClause: Expression?
        /// DELETE … USING: a correlated `EXISTS (using)` over the USING relations.
        var using: Query?
        /// The caller's RLS predicate over the target: only visible rows are deleted.
        var rowSecurity: Expression?
    }

    /// MERGE as the steps described in Analyzer+Merge.swift, over the staging table `temp._rs_merge`.
    struct Merge: Equatable {
        static let stage = "temp.\"_rs_merge\""
        var table: String
        var alias: String
        /// The target's column names, in order.
        var columns: [String]
        /// The source with the target in scope (ON, UPDATE SET).
        var source: FromItem
        var condition: Expression
        /// The caller's RLS predicate over the target: hidden rows never match.
        var rowSecurity: Expression?
        var matched: MatchedAction?
        /// WHEN NOT MATCHED: one value per target column, over `insertSource` (the source alone).
        var insertValues: [Expression]?
        var insertSource: FromItem

        enum MatchedAction: Equatable {
            case update([Assignment])
            case delete
        }
    }
}

/// INSERT, UPDATE, DELETE and MERGE as SQLite statements.
extension SQLiteGenerator {
    /// Renders one statement with its own argument list.
    static func rendered(_ build: (SQLiteGenerator) -> String) -> SQLiteStatement {
        let generator = SQLiteGenerator()
        let sql = build(generator)
        return SQLiteStatement(sql: sql, arguments: generator.arguments)
    }

    static let insertSourceAlias = "_rs_source"

    func insert(_ insert: Bound.Insert) -> String {
        var sql = "INSERT INTO \(insert.table) (\(insert.columns.map(Self.quote).joined(separator: ", "))) "
        switch insert.source {
        case .values(let rows):
            sql += "VALUES " + rows.map { "(" + $0.map(expression).joined(separator: ", ") + ")" }.joined(separator: ", ")
        case .projection(let values, let query):
            let selectList = values.map(expression).joined(separator: ", ")
            sql += "SELECT \(selectList) FROM (\(self.query(query))) AS \(Self.quote(Self.insertSourceAlias))"
        case .query(let query):
            sql += self.query(query)
        }
        return sql
    }

    private static func target(_ table: String, _ alias: String?) -> String {
        alias.map { "\(table) AS \(quote($0))" } ?? table
    }

    func update(_ update: Bound.Update) -> String {
        var sql = "UPDATE \(Self.target(update.table, update.alias)) SET "
            + update.assignments.map { "\(Self.quote($0.column)) = \(expression($0.value))" }.joined(separator: ", ")
        if !update.from.isEmpty { sql += " FROM " + update.from.map { fromItem($0) }.joined(separator: ", ") }
        let conditions = [update.whereClause, update.rowSecurity].compactMap { $0 }
        if !conditions.isEmpty { sql += " WHERE " + conditions.map { "(\(expression($0)))" }.joined(separator: " AND ") }
        return sql
    }

    func delete(_ delete: Bound.Delete) -> String {
        var sql = "DELETE FROM \(Self.target(delete.table, delete.alias))"
        var conditions: [String] = []
        if let using = delete.using {
            conditions.append("EXISTS (\(query(using)))")
        } else if let condition = delete.whereClause {
            conditions.append("(" + expression(condition) + ")")
        }
        if let rls = delete.rowSecurity { conditions.append("(" + expression(rls) + ")") }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return sql
    }

    /// The steps of MERGE (Analyzer+Merge.swift describes them).
    static func merge(_ merge: Bound.Merge) -> [SQLiteStatement] {
        let stage = Bound.Merge.stage
        let target = "\(merge.table) AS \(quote(merge.alias))"
        let staged = (1...merge.columns.count).map { "c\($0)" }
        // The ON condition, and the target row visible to the caller.
        func matching(_ g: SQLiteGenerator) -> String {
            g.expression(merge.condition) + (merge.rowSecurity.map { " AND (\(g.expression($0)))" } ?? "")
        }
        var steps = [SQLiteStatement(sql: "DROP TABLE IF EXISTS \(stage)"),
                     SQLiteStatement(sql: "CREATE TEMP TABLE \"_rs_merge\" (inserting INTEGER, \(staged.joined(separator: ", ")))")]
        if merge.matched != nil {
            steps.append(rendered { g in
                """
                SELECT rs_raise('XX000', 'Found multiple matches to update the same tuple.') FROM \(target) \
                JOIN \(g.fromItem(merge.source)) ON \(matching(g)) GROUP BY \(quote(merge.alias)).rowid HAVING count(*) > 1
                """
            })
            steps.append(rendered { g in
                "INSERT INTO \(stage) (inserting) SELECT 0 FROM \(target) WHERE EXISTS (SELECT 1 FROM \(g.fromItem(merge.source)) WHERE \(matching(g)))"
            })
        }
        if let values = merge.insertValues {
            steps.append(rendered { g in
                """
                INSERT INTO \(stage) (inserting, \(staged.joined(separator: ", "))) SELECT 1, \(values.map { g.expression($0) }.joined(separator: ", ")) \
                FROM \(g.fromItem(merge.insertSource)) WHERE NOT EXISTS (SELECT 1 FROM \(target) WHERE \(matching(g)))
                """
            })
        }
        switch merge.matched {
        case .update(let assignments):
            steps.append(rendered { g in
                "UPDATE \(target) SET \(assignments.map { "\(quote($0.column)) = \(g.expression($0.value))" }.joined(separator: ", ")) FROM \(g.fromItem(merge.source)) WHERE \(matching(g))"
            })
        case .delete:
            steps.append(rendered { g in "DELETE FROM \(target) WHERE EXISTS (SELECT 1 FROM \(g.fromItem(merge.source)) WHERE \(matching(g)))" })
        case nil:
            break
        }
        if merge.insertValues != nil {
            let names = merge.columns.map(quote).joined(separator: ", ")
            steps.append(SQLiteStatement(sql: "INSERT INTO \(merge.table) (\(names)) SELECT \(staged.joined(separator: ", ")) FROM \(stage) WHERE inserting = 1"))
        }
        steps.append(SQLiteStatement(sql: "DELETE FROM \(stage)"))
        return steps
    }
}

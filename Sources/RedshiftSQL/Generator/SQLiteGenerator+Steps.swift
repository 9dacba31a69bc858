/// The entry point for analyzed statements: bound steps to SQLite statements.
extension SQLiteGenerator {
    static func steps(_ steps: [Bound.Step]) -> [SQLiteStatement] {
        steps.flatMap(statements)
    }

    static func statements(_ step: Bound.Step) -> [SQLiteStatement] {
        switch step {
        case .check(let query): return [statement(query)]
        case .insert(let insert): return [rendered { $0.insert(insert) }]
        case .update(let update): return [rendered { $0.update(update) }]
        case .delete(let delete): return [rendered { $0.delete(delete) }]
        case .merge(let merge): return Self.merge(merge)
        case .schema(let change): return schema(change)
        case .catalog(let change): return catalog(change)
        case .principal(let change): return principal(change)
        case .privilege(let change): return privilege(change)
        case .policy(let change): return policy(change)
        case .prepared(let change): return prepared(change)
        }
    }
}

/// Shrinks a mismatch to a small reproduction: first the predicate (a node at a time, replaced by
/// a simpler same-family node while the mismatch persists), then the rows (dropping halves, then
/// single rows, table by table).
struct Shrinker {
    let db: FuzzDatabase
    let world: FuzzWorld
    /// Checks tried at most, so a shrink ends.
    var budget = 400

    init(db: FuzzDatabase, world: FuzzWorld) {
        self.db = db
        self.world = world
    }

    private func stillFails(_ candidate: any OracleCase) async -> Bool {
        if case .mismatch = await candidate.check(db) { return true }
        return false
    }

    /// The smallest failing case and rows found within the budget.
    mutating func shrink(_ failing: any OracleCase) async -> (any OracleCase, FuzzSchema) {
        var current = failing
        var progress = true
        while progress && budget > 0 {
            progress = false
            for candidate in current.simplifications() where budget > 0 {
                budget -= 1
                if await stillFails(candidate) {
                    current = candidate
                    progress = true
                    break
                }
            }
        }
        var schema = world.schema
        for t in schema.tables.indices {
            var chunk = max(schema.tables[t].rows.count / 2, 1)
            while chunk >= 1 && budget > 0 {
                var start = 0
                while start < schema.tables[t].rows.count && budget > 0 {
                    var trial = schema
                    trial.tables[t].rows.removeSubrange(start..<min(start + chunk, trial.tables[t].rows.count))
                    budget -= 1
                    if await load(trial), await stillFails(current) {
                        schema = trial
                    } else {
                        start += chunk
                    }
                }
                chunk /= 2
            }
        }
        _ = await load(schema)
        return (current, schema)
    }

    private func load(_ schema: FuzzSchema) async -> Bool {
        for sql in world.reloadSQL(schema) {
            if case .failure = await db.run(sql) { return false }
        }
        return true
    }
}

/// One step of an analyzed statement that is not a plain query; `SQLiteGenerator.steps(_:)` renders
/// each as one or more SQLite statements, in order.
extension Bound {
    enum Step: Equatable {
        /// A query run for its effect (a check that raises); its rows are discarded.
        case check(Query)
        case insert(Insert)
        case update(Update)
        case delete(Delete)
        case merge(Merge)
        case schema(SchemaChange)
        case catalog(CatalogChange)
        case principal(PrincipalChange)
        case privilege(PrivilegeChange)
        case policy(PolicyChange)
        case prepared(PreparedChange)
    }

    /// A change to the session's prepared statements (PREPARE, DEALLOCATE).
    enum PreparedChange: Equatable {
        /// Keep `sql` (the whole PREPARE text) under `name`, with its parameter types.
        case store(name: String, sql: String, types: String)
        case forget(name: String)
        case forgetAll
    }
}

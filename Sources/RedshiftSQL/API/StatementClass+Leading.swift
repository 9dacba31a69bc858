extension StatementClass {
    /// The class of `sql` from its leading words, lexed but not parsed: what `Translator.parse(_:)`
    /// falls back to for a statement that does not parse, and the cheap way for tools that classify
    /// many recorded statements (replay's compare and `--read-only`). It agrees with the parse for
    /// the statements the parser takes (`StatementClassTests`); comments and opening parentheses
    /// are skipped, `SELECT … INTO` and `CREATE TABLE … AS` are `.createTableAs`, `WITH …` is the
    /// class of the statement after its list.
    ///
    /// ```swift
    /// StatementClass(leadingWordsOf: "/* c */ with x as (select 1) insert into t select * from x")   // .dml
    /// ```
    public init(leadingWordsOf sql: String) { self.init(leading: LexedStatement(sql).tokens) }
}

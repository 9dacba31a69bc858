/// `MERGE INTO target USING source ON cond REMOVE DUPLICATES`, the simplified mode.
///
/// - Redshift: MERGE (r_MERGE): target and source have the same number of columns, of compatible types,
///   in the same order; target rows matched by a source row are updated to the source's values, with
///   duplicate matches removed (one row kept); unmatched source rows are inserted; target rows no source
///   row matches stay as they are. That is: delete every matched target row, then insert every source
///   row. ResultRows is the number of rows updated plus inserted, one per source row (the INSERT's count).
extension Analyzer {
    func mergeRemovingDuplicates(_ merge: AST.Merge) throws -> [Bound.Step] {
        let table = try targetTable(merge.target, verb: "merge into")
        _ = try checkTablePrivilege(table, "INSERT", position: merge.target.position)
        _ = try checkTablePrivilege(table, "UPDATE", position: merge.target.position)
        let position = merge.position
        let everything = AST.Select(items: [.star(qualifier: nil, position: position)], from: [merge.source], position: position)
        let sourceQuery = AST.Query(with: nil, body: .select(everything))
        let sourceColumns = try analyzeQuery(sourceQuery, outer: Scope(parent: nil)).columns
        guard sourceColumns.count == table.columns.count else {
            // Wording not printed on the page (README "unverified").
            throw SQLError(code: "0A000", message: "MERGE with REMOVE DUPLICATES requires the source and target tables to have the same number of columns", position: position)
        }
        let delete = AST.Delete(table: merge.target, alias: merge.alias, using: [merge.source], whereClause: merge.condition)
        let insert = AST.Insert(table: merge.target, columns: [], source: .query(sourceQuery))
        return try deleteSteps(delete) + insertSteps(insert)
    }
}

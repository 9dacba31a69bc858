extension Translator {
    /// UNLOAD: the inner SELECT is analyzed like any query, as the caller (privileges, column
    /// grants, RLS and masking decide what reaches S3); the options are checked against its columns.
    ///
    /// - Redshift: r_UNLOAD (PARTITION BY: "The value for column_name must be a column in the query
    ///   results", at least one non-partition column, the partition key types; FORMAT JSON: column
    ///   names must be unique; FIXEDWIDTH: one width per column).
    /// - Divergence: the error texts are the emulator's own.
    func unloadTranslation(_ unload: AST.Unload, analyzer: Analyzer) throws -> Translation {
        let bound = try analyzer.analyzeQuery(unload.query, outer: nil)
        let columns = bound.columns
        let options = unload.options
        let names = columns.map(\.name)
        for column in options.partitionBy {
            guard let index = names.firstIndex(of: column) else {
                throw SQLError(code: "42703", message: "PARTITION BY column \"\(column)\" is not in the query result", position: unload.position)
            }
            switch columns[index].type {
            case .smallint, .integer, .bigint, .decimal, .real, .boolean, .char, .varchar, .date, .timestamp: break
            default:
                throw SQLError(code: "0A000", message: "PARTITION BY column \"\(column)\" has type \(columns[index].type.formatTypeName), which cannot be a partition key", position: unload.position)
            }
        }
        if !options.partitionBy.isEmpty, !options.partitionInclude, Set(names).isSubset(of: Set(options.partitionBy)) {
            throw SQLError(code: "0A000", message: "UNLOAD with PARTITION BY needs at least one column that is not a partition column", position: unload.position)
        }
        if options.format == .json, Set(names).count != names.count {
            throw SQLError(code: "42701", message: "UNLOAD to JSON needs unique column names", position: unload.position)
        }
        if let spec = options.fixedWidth {
            let written = columns.count - (options.partitionInclude ? 0 : options.partitionBy.count)
            guard spec.count == written else {
                throw SQLError(code: "42601", message: "FIXEDWIDTH specification has \(spec.count) columns, the query returns \(written)", position: unload.position)
            }
        }
        return Translation(kind: .unload(UnloadPlan(location: unload.location, options: options)),
                           steps: [SQLiteGenerator.statement(bound)], resultColumns: columns, isReadOnly: true)
    }
}

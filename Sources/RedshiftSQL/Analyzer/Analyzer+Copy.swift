import Foundation

/// COPY: the target table and its loaded columns, the INSERT privilege (as INSERT checks it), the
/// authorization's form, and every parameter with its combinations, into a `CopyPlan`.
///
/// - Redshift: COPY (r_COPY), copy-parameters-authorization, copy-parameters-data-source-s3,
///   copy-parameters-data-format, copy-parameters-file-compression, copy-parameters-data-conversion,
///   copy-parameters-data-load, copy-parameters-column-mapping.
/// - Divergence: the texts of the option-combination errors are the emulator's where Redshift's are
///   not documented (listed in the README).
extension Analyzer {
    func copyPlan(_ copy: AST.Copy) throws -> CopyPlan {
        let table = try targetTable(copy.table, verb: "copy into")
        _ = try checkTablePrivilege(table, "INSERT", position: copy.table.position)
        let options = try CopyOptionSet(copy.options)
        try options.checkAuthorization()
        let explicitIds = options.flag("EXPLICIT_IDS")

        // Column mapping (copy-parameters-column-mapping): the list, or every column but IDENTITY
        // ones (EXPLICIT_IDS loads those too).
        var loaded: [ColumnDefinition] = []
        if copy.columns.isEmpty {
            loaded = table.columns.filter { $0.identity == nil || explicitIds }
        } else {
            for name in copy.columns {
                let column = try column(name, of: table, position: copy.table.position)
                if loaded.contains(where: { $0.name == name }) {
                    throw SQLError(code: "42701", message: "column \"\(name)\" specified more than once", position: copy.table.position)
                }
                if column.identity != nil && !explicitIds && !(column.identity?.byDefault ?? false) {
                    throw SQLError(code: "0A000", message: "cannot set an identity column to a value", position: copy.table.position)
                }
                loaded.append(column)
            }
        }

        guard let location = copy.source.lowercased().hasPrefix("s3://") ? copy.source : nil else {
            throw SQLError.unsupported("COPY from a source other than Amazon S3", at: copy.sourcePosition)
        }
        guard location.count > 5, !location.dropFirst(5).hasPrefix("/") else {
            throw SQLError(code: "XX000", message: "Invalid S3 URL: '\(copy.source)'", position: copy.sourcePosition)
        }

        let format = try options.format(columnCount: loaded.count)
        let conversion = try options.loadOptions(explicitIds: explicitIds)
        let insert = try copyInsert(table: table, loaded: loaded)
        var plan = CopyPlan(
            tableName: table.name, schemaName: table.schema, source: location, isManifest: options.flag("MANIFEST"),
            format: format, compression: try options.compression(), columns: loaded.map {
                CopyPlan.Column(name: $0.name, type: $0.type, nullable: $0.nullable)
            },
            insertSQL: insert, constantArguments: [], conversion: conversion)
        plan.ignoreHeader = Int(options.number("IGNOREHEADER") ?? 0)
        plan.fillRecord = options.flag("FILLRECORD")
        plan.removeQuotes = options.flag("REMOVEQUOTES")
        plan.escape = options.flag("ESCAPE")
        plan.ignoreBlankLines = options.flag("IGNOREBLANKLINES")
        // MAXERROR: "The upper limit is 100,000" (copy-parameters-data-load); IGNOREALLERRORS: no limit.
        plan.maxErrors = options.flag("IGNOREALLERRORS") ? Int.max : Int(min(options.number("MAXERROR") ?? 0, 100_000))
        plan.noLoad = options.flag("NOLOAD")
        plan.encoding = options.word("ENCODING") ?? "utf8"
        plan.region = options.string("REGION")
        try options.checkFormatCombinations(plan)
        return plan
    }

    /// `INSERT INTO t (every column) VALUES (?1 …)`: loaded columns are bound, the others take
    /// their DEFAULT (IDENTITY ones NULL, which the identity trigger fills).
    private func copyInsert(table: TableDefinition, loaded: [ColumnDefinition]) throws -> String {
        let generator = SQLiteGenerator()
        var values: [String] = []
        for column in table.columns {
            if let index = loaded.firstIndex(where: { $0.name == column.name }) {
                values.append("?\(index + 1)")
            } else {
                let value = generator.expression(try defaultValue(for: column, table: table))
                guard generator.arguments.isEmpty else { throw SQLError.unsupported("COPY into a table whose DEFAULT needs a parameter") }
                values.append(value)
            }
        }
        return "INSERT INTO \(table.sqliteName) (\(table.columns.map { SQLiteGenerator.quote($0.name) }.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
    }
}

/// The Spectrum catalog views: engine relations the engine fills from the cluster's data catalog
/// (`ExternalCatalog`) for the current database.
///
/// - Redshift: r_SVV_EXTERNAL_SCHEMAS, r_SVV_EXTERNAL_TABLES, r_SVV_EXTERNAL_COLUMNS,
///   r_SVV_EXTERNAL_PARTITIONS (column names and types).
extension CatalogViews {
    static var svvExternalSchemas: SystemRelation {
        .engine("svv_external_schemas", [int("esoid"), SystemColumn("eskind", .smallint), name("schemaname"), int("esowner"),
                                         text("databasename", 128), text("esoptions", 65535)])
    }

    static var svvExternalTables: SystemRelation {
        .engine("svv_external_tables", [
            text("redshift_database_name", 128), name("schemaname"), name("tablename"), text("tabletype", 128), text("location", 128),
            text("input_format", 128), text("output_format", 128), text("serialization_lib", 128), text("serde_parameters", 128),
            int("compressed"), text("parameters", 128),
        ])
    }

    static var svvExternalColumns: SystemRelation {
        .engine("svv_external_columns", [
            text("redshift_database_name", 128), name("schemaname"), name("tablename"), name("columnname"), text("external_type", 128),
            int("columnnum"), int("part_key"), text("is_nullable", 128),
        ])
    }

    static var svvExternalPartitions: SystemRelation {
        .engine("svv_external_partitions", [
            name("schemaname"), name("tablename"), text("values", 128), text("location", 128), text("input_format", 128),
            text("output_format", 128), text("serialization_lib", 128), text("serde_parameters", 128), int("compressed"),
            text("parameters", 128),
        ])
    }

    /// The rows of the Spectrum view `relation` for Redshift database `database` (nil for other
    /// relations), one value per column, in order.
    static func spectrumRows(of relation: SystemRelation, catalog: ExternalCatalog, database: String) -> [[SQLiteValue]]? {
        let schemas = catalog.schemas.filter { $0.redshiftDatabase == database }
        func tables() -> [(ExternalSchema, ExternalTable)] {
            schemas.flatMap { schema in catalog.tables.filter { $0.database == schema.database }.map { (schema, $0) } }
        }
        func text(_ s: String) -> SQLiteValue { .text(s) }
        func int(_ i: Int) -> SQLiteValue { .integer(Int64(i)) }
        switch relation.name {
        case "svv_external_schemas":
            return schemas.map { schema in
                [.integer(schema.oid), int(schema.source == "HIVE METASTORE" ? 2 : 1), text(schema.name), int(100), text(schema.database),
                 text(ExternalTable.json([["IAM_ROLE", schema.iamRole]]))]
            }
        case "svv_external_tables":
            return tables().map { schema, table in
                [text(database), text(schema.name), text(table.name), text("EXTERNAL_TABLE"), text(String(table.location.prefix(128))),
                 text(table.format.inputFormat), text(table.format.outputFormat), text(table.format.serializationLibrary),
                 text(ExternalTable.json(serdeParameters(table))), int(0), text(ExternalTable.json(table.properties))]
            }
        case "svv_external_columns":
            return tables().flatMap { schema, table in
                table.columns.enumerated().map { index, column in
                    [text(database), text(schema.name), text(table.name), text(column.name), text(column.externalType), int(index + 1), int(0), text("")]
                } + table.partitionKeys.enumerated().map { index, column in
                    [text(database), text(schema.name), text(table.name), text(column.name), text(column.externalType),
                     int(table.columns.count + index + 1), int(index + 1), text("")]
                }
            }
        case "svv_external_partitions":
            return tables().flatMap { schema, table in
                table.partitions.map { partition in
                    let values = "[" + partition.values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
                    return [text(schema.name), text(table.name), text(values), text(String(partition.location.prefix(128))),
                            text(table.format.inputFormat), text(table.format.outputFormat), text(table.format.serializationLibrary),
                            text(ExternalTable.json(serdeParameters(table))), int(0), text("{}")]
                }
            }
        default:
            return nil
        }
    }

    /// The SerDe parameters as the catalog records them: the field delimiter of delimited text, or
    /// WITH SERDEPROPERTIES.
    private static func serdeParameters(_ table: ExternalTable) -> [[String]] {
        if !table.serdeProperties.isEmpty { return table.serdeProperties }
        if case .text(let delimiter, nil) = table.format {
            let character = String(UnicodeScalar(delimiter))
            return [["field.delim", character], ["serialization.format", character]]
        }
        return [["serialization.format", "1"]]
    }
}

/// The rows of the Spectrum catalog views, for the engine that fills them.
public enum SpectrumCatalogViews {
    /// The rows of `relation` when it is one of the SVV_EXTERNAL_* views, else nil.
    public static func rows(of relation: SystemRelation, catalog: ExternalCatalog, database: String) -> [[SQLiteValue]]? {
        CatalogViews.spectrumRows(of: relation, catalog: catalog, database: database)
    }
}

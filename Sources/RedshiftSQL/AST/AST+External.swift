extension AST {
    /// Redshift Spectrum DDL: external schemas, external tables and their partitions.
    ///
    /// - Redshift: r_CREATE_EXTERNAL_SCHEMA, r_CREATE_EXTERNAL_TABLE, r_DROP_SCHEMA, r_ALTER_TABLE
    ///   (the external-table forms).
    enum ExternalStatement: Equatable, Sendable {
        case createSchema(CreateExternalSchema)
        /// `DROP SCHEMA … DROP EXTERNAL DATABASE`.
        case dropSchema(names: [String], ifExists: Bool, position: Int)
        case createTable(CreateExternalTable)
        /// `CREATE EXTERNAL TABLE … AS select` (r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS).
        case createTableAs(CreateExternalTableAs)
        case alterTable(name: Name, action: ExternalAlter)
    }

    struct CreateExternalSchema: Equatable, Sendable {
        var name: String
        var ifNotExists: Bool
        /// "DATA CATALOG" or "HIVE METASTORE".
        var source: String
        var database: String?
        var iamRole: String
        var createDatabase: Bool
        var position: Int
    }

    struct CreateExternalTable: Equatable, Sendable {
        var name: Name
        var columns: [ColumnDefinition]
        var partitionKeys: [ColumnDefinition]
        /// ROW FORMAT DELIMITED FIELDS TERMINATED BY (unescaped), nil when not given.
        var fieldDelimiter: String?
        /// ROW FORMAT SERDE 'name'.
        var serde: String?
        var serdeProperties: [[String]]
        /// STORED AS, lower case ("textfile", "parquet" …).
        var storedAs: String
        var location: String
        var properties: [[String]]
        var position: Int

        struct ColumnDefinition: Equatable, Sendable {
            var name: String
            var type: TypeName
            var position: Int
        }
    }

    /// `CREATE EXTERNAL TABLE s.t [PARTITIONED BY (cols)] [ROW FORMAT DELIMITED FIELDS TERMINATED BY 'c']
    /// STORED AS PARQUET | TEXTFILE LOCATION 's3://…' [TABLE PROPERTIES (…)] AS query`: the columns and
    /// their types come from the query; the partition keys are names of its result columns.
    struct CreateExternalTableAs: Equatable, Sendable {
        var name: Name
        var partitionKeys: [String]
        var fieldDelimiter: String?
        /// STORED AS, lower case; nil when not given.
        var storedAs: String?
        var location: String
        var properties: [[String]]
        var query: Query
        var position: Int
    }

    /// The ALTER TABLE forms of an external table; a partition is its key = value pairs.
    enum ExternalAlter: Equatable, Sendable {
        case addPartitions([(spec: [[String]], location: String)], ifNotExists: Bool)
        case dropPartition([[String]])
        case setLocation(partition: [[String]]?, location: String)
        case setProperties([[String]])

        static func == (a: ExternalAlter, b: ExternalAlter) -> Bool {
            switch (a, b) {
            case (.addPartitions(let x, let i), .addPartitions(let y, let j)):
                return i == j && x.map(\.spec) == y.map(\.spec) && x.map(\.location) == y.map(\.location)
            case (.dropPartition(let x), .dropPartition(let y)): return x == y
            case (.setLocation(let p, let l), .setLocation(let q, let m)): return p == q && l == m
            case (.setProperties(let x), .setProperties(let y)): return x == y
            default: return false
            }
        }
    }
}

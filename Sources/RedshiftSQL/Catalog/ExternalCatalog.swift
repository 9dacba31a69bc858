import Foundation

/// The emulator's data catalog behind Redshift Spectrum, as one value: the external databases and
/// their tables (shared by every database of a cluster, as the AWS Glue Data Catalog is) and the
/// external schemas of each Redshift database that point at them.
///
/// - Redshift: c-spectrum-external-schemas (an external schema references a database in the
///   external data catalog), r_CREATE_EXTERNAL_SCHEMA, r_CREATE_EXTERNAL_TABLE.
public struct ExternalCatalog: Sendable, Equatable, Codable {
    public var schemas: [ExternalSchema] = []
    /// External database names (lower case).
    public var databases: [String] = []
    public var tables: [ExternalTable] = []

    public init() {}

    /// The external schema `name` of Redshift database `database`.
    public func schema(_ name: String, in database: String) -> ExternalSchema? {
        schemas.first { $0.redshiftDatabase == database && $0.name == name }
    }

    /// The table `name` of external database `database`.
    public func table(_ name: String, inExternalDatabase database: String) -> ExternalTable? {
        tables.first { $0.database == database && $0.name == name }
    }

    func tableIndex(_ name: String, database: String) -> Int? {
        tables.firstIndex { $0.database == database && $0.name == name }
    }
}

/// `CREATE EXTERNAL SCHEMA name FROM DATA CATALOG DATABASE 'db' …`: a local name for an external database.
public struct ExternalSchema: Sendable, Equatable, Codable {
    /// The Redshift database the schema belongs to.
    public var redshiftDatabase: String
    public var name: String
    /// The external database (`DATABASE 'db'`), lower case.
    public var database: String
    /// "DATA CATALOG" or "HIVE METASTORE".
    public var source: String
    public var iamRole: String
    public var owner: String
    /// SVV_EXTERNAL_SCHEMAS.esoid, assigned in order when the schema is created.
    public var oid: Int64
}

/// The file format of an external table (ROW FORMAT and STORED AS).
public enum ExternalFileFormat: Sendable, Equatable, Codable {
    /// ROW FORMAT DELIMITED FIELDS TERMINATED BY (default `\001`, Hive's) or the OpenCSVSerde
    /// (`csvQuote` set: separatorChar, quoteChar).
    case text(delimiter: UInt8, csvQuote: UInt8?)
    /// ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe': one JSON object per line.
    case json
    case parquet
    /// STORED AS AVRO (AvroSerDe): Avro object container files; fields map to columns by name.
    case avro

    /// SVV_EXTERNAL_TABLES.input_format.
    public var inputFormat: String {
        switch self {
        case .text, .json: return "org.apache.hadoop.mapred.TextInputFormat"
        case .parquet: return "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
        case .avro: return "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat"
        }
    }

    /// SVV_EXTERNAL_TABLES.output_format.
    public var outputFormat: String {
        switch self {
        case .text, .json: return "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
        case .parquet: return "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
        case .avro: return "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat"
        }
    }

    /// SVV_EXTERNAL_TABLES.serialization_lib.
    public var serializationLibrary: String {
        switch self {
        case .text(_, nil): return "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
        case .text: return "org.apache.hadoop.hive.serde2.OpenCSVSerde"
        case .json: return "org.openx.data.jsonserde.JsonSerDe"
        case .parquet: return "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
        case .avro: return "org.apache.hadoop.hive.serde2.avro.AvroSerDe"
        }
    }
}

/// One column (or partition key) of an external table.
public struct ExternalColumn: Sendable, Equatable, Codable {
    public var name: String
    public var type: RedshiftType

    public init(name: String, type: RedshiftType) {
        self.name = name
        self.type = type
    }

    /// SVV_EXTERNAL_COLUMNS.external_type: the type as the data catalog names it (Hive's names).
    public var externalType: String {
        switch type {
        case .smallint: return "smallint"
        case .integer: return "int"
        case .bigint: return "bigint"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .real: return "float"
        case .doublePrecision: return "double"
        case .boolean: return "boolean"
        case .char(let n): return "char(\(n))"
        case .varchar(let n): return "varchar(\(n))"
        case .date: return "date"
        case .timestamp, .timestamptz: return "timestamp"
        default: return type.typeName
        }
    }

    private enum Keys: String, CodingKey { case name, type }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        name = try container.decode(String.self, forKey: .name)
        let text = try container.decode(String.self, forKey: .type)
        guard let type = Self.type(externalName: text) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown external type \(text)")
        }
        self.type = type
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .name)
        try container.encode(externalType, forKey: .type)
    }

    /// The Redshift type of a data catalog type name (`externalType`'s inverse).
    static func type(externalName: String) -> RedshiftType? {
        let text = externalName.lowercased()
        func arguments() -> [Int] {
            guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return [] }
            return text[text.index(after: open)..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        switch text.prefix { $0 != "(" } {
        case "smallint": return .smallint
        case "int": return .integer
        case "bigint": return .bigint
        case "decimal":
            let a = arguments()
            return a.count == 2 ? .decimal(precision: a[0], scale: a[1]) : nil
        case "float": return .real
        case "double": return .doublePrecision
        case "boolean": return .boolean
        case "char": return arguments().first.map { .char(length: $0) }
        case "varchar": return arguments().first.map { .varchar(length: $0) }
        case "date": return .date
        case "timestamp": return .timestamp
        default: return nil
        }
    }
}

/// One partition: a value per partition key and the folder of its files.
public struct ExternalPartition: Sendable, Equatable, Codable {
    public var values: [String]
    public var location: String

    public init(values: [String], location: String) {
        self.values = values
        self.location = location
    }
}

/// An external table of the data catalog.
public struct ExternalTable: Sendable, Equatable, Codable {
    /// The external database it belongs to.
    public var database: String
    public var name: String
    public var columns: [ExternalColumn]
    public var partitionKeys: [ExternalColumn]
    public var format: ExternalFileFormat
    public var location: String
    /// TABLE PROPERTIES, in the order given (keys lower case).
    public var properties: [[String]]
    /// WITH SERDEPROPERTIES.
    public var serdeProperties: [[String]]
    public var partitions: [ExternalPartition]
    public var owner: String

    /// A table property's value.
    public func property(_ key: String) -> String? { properties.last { $0[0] == key }?[1] }

    /// SVV_EXTERNAL_TABLES.parameters / serde_parameters: `{"key":"value",…}`.
    public static func json(_ pairs: [[String]]) -> String {
        func quote(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + pairs.map { quote($0[0]) + ":" + quote($0[1]) }.joined(separator: ",") + "}"
    }
}

/// Everything the engine needs to perform one COPY: where the files are, how to read them, how to
/// convert each field, and the one INSERT that stores a row.
///
/// Made by the Analyzer (`Analyzer+Copy.swift`) from a checked `COPY` statement; the engine
/// (`Engine/Bulk/Copy/`) lists or reads the manifest, streams each file through the format's
/// reader, converts fields with `LoadFieldConverter` and binds them to `insertSQL`.
///
/// - Redshift: COPY (r_COPY) and its parameter pages.
public struct CopyPlan: Equatable, Sendable {
    /// The input files' layout.
    public enum Format: Equatable, Sendable {
        /// Character-delimited text (the default, `|`): ESCAPE and REMOVEQUOTES apply.
        case delimited(delimiter: [UInt8])
        /// CSV (RFC 4180 quoting with `quote`, default `"`).
        case csv(delimiter: [UInt8], quote: UInt8)
        /// FIXEDWIDTH 'label:width,…': one width per loaded column, in order.
        case fixedWidth([Int])
        /// JSON 'auto', 'auto ignorecase', or a jsonpaths file (`s3://…`).
        case json(JSONMapping)
        case parquet
        case avro(JSONMapping)
        case orc
    }

    /// How JSON (and Avro) fields map to columns.
    public enum JSONMapping: Equatable, Sendable {
        case auto
        case autoIgnoreCase
        /// A JSONPaths file at this `s3://` address: one path per loaded column.
        case paths(String)
    }

    /// A loaded column: the target of one field, in the order of the input's fields.
    public struct Column: Equatable, Sendable {
        public var name: String
        public var type: RedshiftType
        public var nullable: Bool
        public init(name: String, type: RedshiftType, nullable: Bool) {
            self.name = name
            self.type = type
            self.nullable = nullable
        }
    }

    /// The target table's name as Redshift prints it in load errors (`'venue'`).
    public var tableName: String
    public var schemaName: String
    /// The FROM address (`s3://bucket/prefix` or the manifest's address).
    public var source: String
    public var isManifest: Bool
    public var format: Format
    /// The COPY compression keyword, lower-cased (`gzip`, `bzip2`, `zstd`, `lzop`), or nil.
    public var compression: String?
    public var columns: [Column]
    /// `INSERT INTO … VALUES (?1, …, default expressions …)`: `?k` is the k-th loaded column;
    /// `constantArguments` follow them (bound from `columns.count + 1` on).
    public var insertSQL: String
    public var constantArguments: [SQLiteValue]
    public var conversion: LoadOptions
    /// IGNOREHEADER n: lines skipped at the start of each file.
    public var ignoreHeader: Int
    /// FILLRECORD: missing trailing fields load as NULL (empty for character columns).
    public var fillRecord: Bool
    /// REMOVEQUOTES (delimited text only).
    public var removeQuotes: Bool
    /// ESCAPE (delimited text only): `\` makes the next character literal.
    public var escape: Bool
    /// IGNOREBLANKLINES: lines of only a line feed are skipped.
    public var ignoreBlankLines: Bool
    /// MAXERROR n (0 by default): rows that may be rejected before the COPY fails.
    public var maxErrors: Int
    /// NOLOAD: check the files, load nothing.
    public var noLoad: Bool
    /// ENCODING: utf8 (default), utf16, utf16le, utf16be.
    public var encoding: String
    /// REGION, when given.
    public var region: String?

    public init(tableName: String, schemaName: String, source: String, isManifest: Bool, format: Format,
                compression: String?, columns: [Column], insertSQL: String, constantArguments: [SQLiteValue],
                conversion: LoadOptions, ignoreHeader: Int = 0, fillRecord: Bool = false, removeQuotes: Bool = false,
                escape: Bool = false, ignoreBlankLines: Bool = false, maxErrors: Int = 0, noLoad: Bool = false,
                encoding: String = "utf8", region: String? = nil) {
        self.tableName = tableName
        self.schemaName = schemaName
        self.source = source
        self.isManifest = isManifest
        self.format = format
        self.compression = compression
        self.columns = columns
        self.insertSQL = insertSQL
        self.constantArguments = constantArguments
        self.conversion = conversion
        self.ignoreHeader = ignoreHeader
        self.fillRecord = fillRecord
        self.removeQuotes = removeQuotes
        self.escape = escape
        self.ignoreBlankLines = ignoreBlankLines
        self.maxErrors = maxErrors
        self.noLoad = noLoad
        self.encoding = encoding
        self.region = region
    }

    /// The SYS_LOAD_HISTORY.file_format / STL_LOAD_COMMITS.file_format word.
    public var fileFormatName: String {
        switch format {
        case .delimited, .fixedWidth: return "Text"
        case .csv: return "CSV"
        case .json: return "JSON"
        case .parquet: return "PARQUET"
        case .avro: return "AVRO"
        case .orc: return "ORC"
        }
    }
}

/// The COPY options that change how a field becomes a value (copy-parameters-data-conversion).
public struct LoadOptions: Equatable, Sendable {
    /// NULL AS: fields equal to it load as NULL (default `\N`).
    public var nullString: [UInt8] = Array(#"\N"#.utf8)
    /// EMPTYASNULL: empty CHAR/VARCHAR fields load as NULL (other types always do).
    public var emptyAsNull = false
    /// BLANKSASNULL: CHAR/VARCHAR fields of only white space load as NULL.
    public var blanksAsNull = false
    /// ACCEPTINVCHARS [AS 'c']: each invalid UTF-8 byte becomes this character (default `?`).
    public var invalidCharacterReplacement: UInt8?
    /// TRUNCATECOLUMNS: CHAR/VARCHAR values longer than the column are cut to it.
    public var truncateColumns = false
    /// TRIMBLANKS: trailing blanks of VARCHAR fields are removed.
    public var trimBlanks = false
    /// DATEFORMAT: nil for the default (`YYYY-MM-DD`), or `auto`, or a pattern.
    public var dateFormat: String?
    /// TIMEFORMAT: nil for the default (`YYYY-MM-DD HH:MI:SS`), `auto`, `epochsecs`, `epochmillisecs` or a pattern.
    public var timeFormat: String?
    /// ACCEPTANYDATE: dates that do not parse load as NULL.
    public var acceptAnyDate = false
    /// ROUNDEC: DECIMAL fields with more digits than the scale are rounded (else truncated).
    public var roundDecimals = false
    /// EXPLICIT_IDS: IDENTITY columns take the file's values.
    public var explicitIds = false

    public init() {}
}

import Foundation
import RedshiftSQL

/// The manifest UNLOAD writes to `<prefix>manifest` (MANIFEST [VERBOSE]).
///
/// - Redshift: r_UNLOAD › MANIFEST [VERBOSE] (the URL of every file; VERBOSE adds per file its size
///   and row count, the columns' names and types with their dimensions — the length of CHAR and
///   VARCHAR, the precision and scale of DECIMAL —, the totals and the author "Amazon Redshift");
///   r_UNLOAD_command_examples (the layout of both manifests: `entries`, `schema.elements`, `meta`,
///   `author` {"name": "Amazon Redshift", "version": "1.0.0"}).
/// - Divergence: the example prints a dimension without its key (`{ "base": "character varying", 25 }`,
///   which is not JSON); the emulator names it `max_length` (and `precision`, `scale`) — unverified.
///   A plain manifest of Parquet files also carries each file's `meta.content_length`, which COPY
///   needs to read Parquet through a manifest (copy-parameters-data-source-s3).
enum UnloadManifest {
    static func text(files: [UnloadedFile], columns: [ResultColumn], verbose: Bool, parquet: Bool) -> String {
        var lines = ["{", "  \"entries\": ["]
        for (index, file) in files.enumerated() {
            let comma = index < files.count - 1 ? "," : ""
            let url = json(file.location.description)
            if verbose {
                lines.append("    {\"url\":\(url), \"meta\": { \"content_length\": \(file.size), \"record_count\": \(file.records) }}\(comma)")
            } else if parquet {
                lines.append("    {\"url\":\(url), \"meta\": { \"content_length\": \(file.size) }}\(comma)")
            } else {
                lines.append("    {\"url\":\(url)}\(comma)")
            }
        }
        guard verbose else { return (lines + ["  ]", "}"]).joined(separator: "\n") + "\n" }
        lines.append("  ],")
        lines.append("  \"schema\": {")
        lines.append("    \"elements\": [")
        for (index, column) in columns.enumerated() {
            let comma = index < columns.count - 1 ? "," : ""
            lines.append("      {\"name\": \(json(column.name)), \"type\": { \(typeFields(column.type)) }}\(comma)")
        }
        lines.append("    ]")
        lines.append("  },")
        lines.append("  \"meta\": {")
        lines.append("    \"content_length\": \(files.reduce(0) { $0 + $1.size }),")
        lines.append("    \"record_count\": \(files.reduce(0) { $0 + $1.records })")
        lines.append("  },")
        lines.append("  \"author\": {")
        lines.append("    \"name\": \"Amazon Redshift\",")
        lines.append("    \"version\": \"1.0.0\"")
        lines.append("  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `"base": "character varying", "max_length": 25` …
    static func typeFields(_ type: RedshiftType) -> String {
        switch type {
        case .char(let length): return "\"base\": \"character\", \"max_length\": \(length)"
        case .varchar(let length): return "\"base\": \"character varying\", \"max_length\": \(length)"
        case .decimal(let precision, let scale): return "\"base\": \"numeric\", \"precision\": \(precision), \"scale\": \(scale)"
        case .varbyte(let length): return "\"base\": \"varbyte\", \"max_length\": \(length)"
        default: return "\"base\": \(json(baseName(type)))"
        }
    }

    static func baseName(_ type: RedshiftType) -> String {
        switch type {
        case .smallint: return "smallint"
        case .integer: return "integer"
        case .bigint: return "bigint"
        case .real: return "real"
        case .doublePrecision: return "double precision"
        case .boolean: return "boolean"
        case .date: return "date"
        case .timestamp: return "timestamp without time zone"
        case .timestamptz: return "timestamp with time zone"
        case .time: return "time without time zone"
        case .timetz: return "time with time zone"
        case .super: return "super"
        case .interval: return "interval"
        default: return type.formatTypeName
        }
    }

    private static func json(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

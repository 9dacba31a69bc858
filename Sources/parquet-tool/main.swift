// parquet-tool: a developer tool over BulkFormats' Parquet reader and writer, used by the compat
// suite (Tests/compat/test_parquet_files.py) to check interoperability with pyarrow.
//
//   parquet-tool schema FILE                 the columns, as a JSON array
//   parquet-tool cat FILE                    the rows, one JSON array per line
//   parquet-tool count FILE                  reads every row; prints the row count (timing)
//   parquet-tool write SCHEMA.json ROWS.jsonl OUT [--compression C] [--row-group-size N]
//                                            [--page-size N] [--no-dictionary]
//
// Values are JSON: null, true/false, a number (int), a string (string), or a tagged object:
// {"double": 1.5 | "nan" | "inf" | "-inf"}, {"decimal": "1.20"}, {"bytes": "hex"},
// {"date": days}, {"timestamp": micros, "utc": bool}, {"time": micros}.
// Errors go to stderr with exit status 1.
import BulkFormats
import Foundation
import ObjectStore

struct ToolError: Error, CustomStringConvertible {
    var description: String
}

let local = S3Location(bucket: "local", key: "file")

/// The file as an object of a store: a `LocalObjectStore` over its grandparent directory (so
/// reads are ranged reads of the file, as from S3), or the bytes in memory when that fails.
func openFile(_ path: String) throws -> (any ObjectStore, S3Location, Int64) {
    let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    let bucket = url.deletingLastPathComponent()
    if bucket.pathComponents.count > 2, let store = try? LocalObjectStore(root: bucket.deletingLastPathComponent().path) {
        let location = S3Location(bucket: bucket.lastPathComponent, key: url.lastPathComponent)
        if let info = try? store.head(location) { return (store, location, info.size) }
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw ToolError(description: "cannot read \(path)") }
    let store = MemoryObjectStore()
    store.put(local, [UInt8](data))
    return (store, local, Int64(data.count))
}

func typeName(_ type: ParquetValueType) -> String {
    switch type {
    case .boolean: return "boolean"
    case .integer(let bits, let signed): return "\(signed ? "int" : "uint")\(bits)"
    case .float: return "float"
    case .double: return "double"
    case .decimal(let p, let s): return "decimal(\(p),\(s))"
    case .string: return "string"
    case .json: return "json"
    case .bytes: return "bytes"
    case .uuid: return "uuid"
    case .date: return "date"
    case .time: return "time"
    case .timestamp(let utc): return utc ? "timestamptz" : "timestamp"
    }
}

func json(_ value: BulkValue) -> Any {
    switch value {
    case .null: return NSNull()
    case .boolean(let v): return v
    case .int(let v): return v
    case .double(let v):
        if v.isNaN { return ["double": "nan"] }
        if v.isInfinite { return ["double": v > 0 ? "inf" : "-inf"] }
        return ["double": v]
    case .decimal(let text, _): return ["decimal": text]
    case .string(let v): return v
    case .bytes(let v): return ["bytes": v.map { String(format: "%02x", $0) }.joined()]
    case .date(let v): return ["date": v]
    case .timestamp(let v, let utc): return ["timestamp": v, "utc": utc]
    case .time(let v): return ["time": v]
    }
}

/// A JSON value as decoded by JSONDecoder, which keeps booleans and numbers apart on every platform.
indirect enum JSONValue: Decodable {
    case null, bool(Bool), int(Int64), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int64.self) { self = .int(v) }
        else if let v = try? c.decode(Double.self) { self = .double(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONValue].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    var int64: Int64? { if case .int(let v) = self { return v } else { return nil } }
    var text: String? { if case .string(let v) = self { return v } else { return nil } }
}

func value(_ json: JSONValue) throws -> BulkValue {
    switch json {
    case .null: return .null
    case .bool(let v): return .boolean(v)
    case .int(let v): return .int(v)
    case .string(let v): return .string(v)
    case .object(let tagged):
        if let d = tagged["double"] {
            switch d {
            case .string(let text): return .double(text == "nan" ? .nan : text == "inf" ? .infinity : -.infinity)
            case .int(let v): return .double(Double(v))
            case .double(let v): return .double(v)
            default: break
            }
        }
        if let text = tagged["decimal"]?.text {
            let scale = text.split(separator: ".").dropFirst().first?.count ?? 0
            return .decimal(text, scale: scale)
        }
        if let hex = tagged["bytes"]?.text {
            var bytes: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                guard let byte = UInt8(hex[index..<next], radix: 16) else { throw ToolError(description: "bad hex \(hex)") }
                bytes.append(byte)
                index = next
            }
            return .bytes(bytes)
        }
        if let days = tagged["date"]?.int64, let narrow = Int32(exactly: days) { return .date(narrow) }
        if let micros = tagged["timestamp"]?.int64 {
            if case .bool(let utc) = tagged["utc"] { return .timestamp(micros, utc: utc) }
            return .timestamp(micros, utc: false)
        }
        if let micros = tagged["time"]?.int64 { return .time(micros) }
        throw ToolError(description: "unknown tagged value \(tagged.keys.sorted())")
    default: throw ToolError(description: "unknown value \(json)")
    }
}

func columnType(_ name: String) throws -> ParquetColumnType {
    let lower = name.lowercased()
    switch lower {
    case "smallint": return .smallint
    case "integer": return .integer
    case "bigint": return .bigint
    case "real": return .real
    case "double": return .double
    case "boolean": return .boolean
    case "string": return .string
    case "date": return .date
    case "timestamp": return .timestamp
    case "timestamptz": return .timestamptz
    case "time": return .time
    case "timetz": return .timetz
    case "varbyte": return .varbyte
    default:
        if lower.hasPrefix("decimal(") && lower.hasSuffix(")") {
            let parts = lower.dropFirst(8).dropLast().split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2 { return .decimal(precision: parts[0], scale: parts[1]) }
        }
        throw ToolError(description: "unknown column type \(name)")
    }
}

func printLine(_ object: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

func run(_ arguments: [String]) throws {
    guard let command = arguments.first else { throw ToolError(description: "usage: parquet-tool schema|cat|write …") }
    switch command {
    case "schema", "cat", "count":
        guard arguments.count == 2 else { throw ToolError(description: "usage: parquet-tool \(command) FILE") }
        let (store, location, size) = try openFile(arguments[1])
        let reader = try ParquetReader(store: store, location: location, size: size)
        if command == "schema" {
            try printLine(reader.columns.map { ["name": $0.name, "type": typeName($0.type), "nullable": $0.nullable] as [String: Any] })
            return
        }
        if command == "count" {
            var count = 0
            while try reader.nextRow() != nil { count += 1 }
            try printLine(["rows": count])
            return
        }
        while let row = try reader.nextRow() { try printLine(row.map(json)) }
    case "write":
        guard arguments.count >= 4 else { throw ToolError(description: "usage: parquet-tool write SCHEMA.json ROWS.jsonl OUT [options]") }
        var options = ParquetWriterOptions()
        var rest = arguments.dropFirst(4).makeIterator()
        while let option = rest.next() {
            switch option {
            case "--compression":
                guard let name = rest.next(), let compression = ParquetCompression(rawValue: name) else {
                    throw ToolError(description: "--compression takes uncompressed, snappy, gzip or zstd")
                }
                options.compression = compression
            case "--row-group-size": options.rowGroupSize = Int(rest.next() ?? "") ?? options.rowGroupSize
            case "--page-size": options.pageSize = Int(rest.next() ?? "") ?? options.pageSize
            case "--no-dictionary": options.dictionary = false
            default: throw ToolError(description: "unknown option \(option)")
            }
        }
        guard let schemaData = FileManager.default.contents(atPath: arguments[1]),
              let schema = try JSONSerialization.jsonObject(with: schemaData) as? [[String: Any]] else {
            throw ToolError(description: "cannot read the schema \(arguments[1])")
        }
        let columns = try schema.map { entry in
            ParquetWriterColumn(name: entry["name"] as? String ?? "", type: try columnType(entry["type"] as? String ?? ""),
                                nullable: entry["nullable"] as? Bool ?? true)
        }
        guard let rowsText = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
            throw ToolError(description: "cannot read the rows \(arguments[2])")
        }
        let store = MemoryObjectStore(buckets: ["local"])
        let output = try store.writer(for: local)
        let writer = try ParquetWriter(columns: columns, output: output, options: options)
        for line in rowsText.split(separator: "\n") where !line.isEmpty {
            guard case .array(let row) = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
                throw ToolError(description: "a row is not a JSON array: \(line)")
            }
            try writer.append(row.map(value))
        }
        try writer.close()
        try output.finish()
        guard FileManager.default.createFile(atPath: arguments[3], contents: Data(store.bytes(at: local) ?? [])) else {
            throw ToolError(description: "cannot write \(arguments[3])")
        }
        try printLine(["rows": writer.rowCount, "bytes": writer.bytesWritten])
    default:
        throw ToolError(description: "unknown command \(command)")
    }
}

do {
    try run(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("parquet-tool: \(error)\n".utf8))
    exit(1)
}

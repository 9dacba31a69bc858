import RedshiftSQL

/// How one connection shows result columns: plain PostgreSQL fields, or Redshift's extended
/// RowDescription and binary numerics at the protocol level redshift_connector negotiated with
/// `client_protocol_version` (0 base, 1 extended result metadata, 2 binary).
public struct ResultPresentation: Sendable, Equatable {
    /// The highest `server_protocol_version` answered (what redshift_connector 2.x asks by default).
    public static let highestRedshiftProtocol = 2

    /// The level answered to `client_protocol_version`; nil for a client that did not send it
    /// (a PostgreSQL driver, which gets PostgreSQL's formats throughout).
    public var redshiftProtocol: Int?
    /// The connection's database: the extended RowDescription's catalog name.
    public var catalog: String

    public init(redshiftProtocol: Int? = nil, catalog: String = "") {
        self.redshiftProtocol = redshiftProtocol
        self.catalog = catalog
    }

    /// The protocol answered for a StartupMessage's `client_protocol_version` (nil: not asked,
    /// no ParameterStatus): the requested level, at most the highest supported; an unreadable or
    /// negative value gets 0.
    public static func negotiated(_ requested: String?) -> Int? {
        guard let requested else { return nil }
        guard let level = Int(requested), level >= 0 else { return 0 }
        return min(level, highestRedshiftProtocol)
    }

    /// Bind's result-column format codes for `count` columns (none: all text; one: for all;
    /// else one per column); nil when they do not fit, or a code is neither 0 nor 1.
    public static func formats(_ codes: [Int16], columns count: Int) -> [Int16]? {
        guard codes.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        switch codes.count {
        case 0: return Array(repeating: 0, count: count)
        case 1: return Array(repeating: codes[0], count: count)
        case count: return codes
        default: return nil
        }
    }

    /// RowDescription's fields of result columns in the given formats.
    public func fields(_ columns: [ResultColumn], formats: [Int16]) -> [BackendMessage.Field] {
        zip(columns, formats).map { column, format in
            var field = BackendMessage.Field(column)
            field.format = format
            if let redshiftProtocol, redshiftProtocol >= 1 {
                // Searchable (bit 12) for every column; nullable (bit 0) as the analyzer knows it.
                let flags: Int16 = (column.nullable ? 0x1 : 0) | 0x1000
                field.extended = .init(schemaName: column.schemaName, tableName: column.tableName,
                                       columnName: column.tableName.isEmpty ? "" : column.name,
                                       catalogName: catalog, flags: flags)
            }
            return field
        }
    }

    /// Which binary forms the client reads.
    var dialect: BinaryResult.Dialect {
        guard let redshiftProtocol else { return .postgres }
        return redshiftProtocol >= 2 ? .redshiftBinary : .redshift
    }

    /// One row's values in the given formats; nil when a value cannot be written in binary.
    func row(_ values: [SQLiteValue], columns: [ResultColumn], formats: [Int16]) -> [[UInt8]?]? {
        var out: [[UInt8]?] = []
        out.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            let type = columns[index].type
            if case .null = value { out.append(nil); continue }
            if formats[index] == 1, let element = columns[index].arrayElement {
                guard let bytes = BinaryResult.arrayBytes(of: value, element: element) else { return nil }
                out.append(bytes)
            } else if formats[index] == 1 {
                guard let bytes = BinaryResult.bytes(of: value, type: type, dialect: dialect) else {
                    return nil
                }
                out.append(bytes)
            } else {
                out.append(type.text(of: value).map { Array($0.utf8) })
            }
        }
        return out
    }
}

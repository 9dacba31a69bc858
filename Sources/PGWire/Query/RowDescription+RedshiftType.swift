import RedshiftSQL

/// Type OIDs, sizes and modifiers as Redshift reports them on the cluster endpoint (issue 13; the
/// OIDs are PostgreSQL's pg_type, catalog-pg-type.html, plus Redshift's super 4000, varbyte 6551).
extension BackendMessage.Field {
    /// The RowDescription field of a result column.
    public init(_ column: ResultColumn) {
        var (oid, size, modifier) = Self.wireType(of: column.type)
        if let element = column.arrayElement, let arrayOID = Self.arrayTypeOID(of: element) { (oid, size, modifier) = (arrayOID, -1, -1) }
        self.init(name: column.name, typeOID: oid, typeSize: size, typeModifier: modifier)
    }

    /// The OID of the array type of `element` (pg_type's `_int2` …), for catalog array columns.
    static func arrayTypeOID(of element: RedshiftType) -> Int32? {
        switch element {
        case .smallint: return 1005
        case .integer: return 1007
        case .bigint: return 1016
        case .varchar, .unknown: return 1015
        default: return nil
        }
    }

    /// (OID, typlen, typmod) of a Redshift type.
    static func wireType(of type: RedshiftType) -> (Int32, Int16, Int32) {
        switch type {
        case .smallint: return (21, 2, -1)
        case .integer: return (23, 4, -1)
        case .bigint: return (20, 8, -1)
        case .decimal(let precision, let scale): return (1700, -1, Int32((precision << 16) | scale) + 4)
        case .real: return (700, 4, -1)
        case .doublePrecision: return (701, 8, -1)
        case .boolean: return (16, 1, -1)
        case .char(let length): return (1042, -1, Int32(length) + 4)
        case .varchar(let length): return (1043, -1, length > 0 ? Int32(length) + 4 : -1)
        case .unknown: return (1043, -1, -1)
        case .date: return (1082, 4, -1)
        case .time: return (1083, 8, -1)
        case .timetz: return (1266, 12, -1)
        case .timestamp: return (1114, 8, -1)
        case .timestamptz: return (1184, 8, -1)
        case .interval: return (1186, 16, -1)
        case .super: return (4000, -1, -1)
        case .varbyte: return (6551, -1, -1)
        }
    }
}

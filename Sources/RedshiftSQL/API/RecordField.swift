/// One field of a composite (record) value, e.g. `x` and `n` of `information_schema._pg_expandarray`'s rows.
///
/// A record travels as PostgreSQL prints it, `(1,2)`; a result column that holds one lists its fields, so
/// `(alias.column).field` can select one (Analyzer+SetReturning.swift).
public struct RecordField: Equatable, Sendable {
    public var name: String
    public var type: RedshiftType

    public init(name: String, type: RedshiftType) {
        self.name = name
        self.type = type
    }
}

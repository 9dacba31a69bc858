/// System tables the engine fills with its own activity: STL_*, STV_*, SVL_*, SYS_*.
///
/// Column names and types are Redshift's (each table's page in the Database Developer Guide);
/// only the columns clients read most are declared. Times are UTC timestamps; durations bigint
/// microseconds where the page says so.
enum EngineTables {
    static var all: [SystemRelation] { wlm + queryLog + sessions + load + unloads }
}

extension SystemRelation {
    /// An engine-filled relation in pg_catalog.
    static func engine(_ name: String, _ columns: [SystemColumn]) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .engine)
    }
}

extension RedshiftType {
    /// Redshift's `text` in system tables (varchar(256)).
    static let systemText = RedshiftType.varchar(length: 256)
}

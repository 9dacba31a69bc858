extension SQLError {
    /// Maps the message of a failed SQLite statement run from a translation to Redshift's error,
    /// or nil when the message has no Redshift counterpart (the engine then reports it as is).
    ///
    /// For example, `NOT NULL constraint failed: public.t.id` becomes
    /// `Cannot insert a NULL value into column id`.
    /// - Redshift: NOT NULL violations are compute-node errors (reference §5.2; wording unverified).
    public static func fromSQLiteMessage(_ message: String) -> SQLError? {
        if message.hasPrefix("NOT NULL constraint failed: ") {
            let column = message.split(separator: ".").last.map(String.init) ?? ""
            return SQLError(code: "XX000", message: "Cannot insert a NULL value into column \(column)")
        }
        if message == "integer overflow" {
            return SQLError(code: "22003", message: "bigint out of range")
        }
        return nil
    }
}

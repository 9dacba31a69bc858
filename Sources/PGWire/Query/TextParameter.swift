/// Text parameter values as drivers write them, made readable by Redshift's input functions.
enum TextParameter {
    /// pgjdbc binds `setDate` as untyped text `2024-02-29 +00` (a date with a zone, no time), which
    /// PostgreSQL's date_in reads but the engine's datetime input does not: it becomes
    /// `2024-02-29 00:00:00+00`, which reads as the same date, timestamp or timestamptz.
    /// Every other value is kept as sent.
    static func normalized(_ value: String, oid: Int32) -> String {
        guard oid == PGTypeOID.unspecified || oid == PGTypeOID.unknown || oid == PGTypeOID.date else { return value }
        var body = Substring(value)
        let bc = body.hasSuffix(" BC")
        if bc { body = body.dropLast(3) }
        let parts = body.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, isDate(parts[0]), isZone(parts[1]) else { return value }
        return "\(parts[0]) 00:00:00\(parts[1])" + (bc ? " BC" : "")
    }

    private static func isDate(_ text: Substring) -> Bool {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        return fields.count == 3 && fields[0].count >= 4 && fields[1].count == 2 && fields[2].count == 2
            && fields.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func isZone(_ text: Substring) -> Bool {
        guard let sign = text.first, sign == "+" || sign == "-" else { return false }
        let fields = text.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        return (1...3).contains(fields.count) && fields.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

import RedshiftSQL

extension BinaryResult {
    /// A catalog array column's value (an array text, `{1,2}`) as PostgreSQL's `array_send` writes it:
    /// the dimension count (1, or 0 when empty), a has-NULLs flag, the element type's OID, the length
    /// and lower bound (1), then each element as length and bytes (-1 for NULL). nil when an element
    /// cannot be written as `element`.
    static func arrayBytes(of value: SQLiteValue, element: RedshiftType) -> [UInt8]? {
        guard case .text(let text) = value else { return nil }
        let elements = ArrayText.elements(text)
        let oid: Int32
        switch element {
        case .smallint: oid = 21
        case .integer: oid = 23
        case .bigint: oid = 20
        default: oid = 1043
        }
        func int32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        var out = int32(elements.isEmpty ? 0 : 1) + int32(elements.contains("NULL") ? 1 : 0) + int32(oid)
        guard !elements.isEmpty else { return out }
        out += int32(Int32(elements.count)) + int32(1)
        for item in elements {
            if item == "NULL" { out += int32(-1); continue }
            let bytes: [UInt8]
            switch element {
            case .smallint: guard let v = Int16(item) else { return nil }; bytes = withUnsafeBytes(of: v.bigEndian) { Array($0) }
            case .integer: guard let v = Int32(item) else { return nil }; bytes = withUnsafeBytes(of: v.bigEndian) { Array($0) }
            case .bigint: guard let v = Int64(item) else { return nil }; bytes = withUnsafeBytes(of: v.bigEndian) { Array($0) }
            default: bytes = Array(item.utf8)
            }
            out += int32(Int32(bytes.count)) + bytes
        }
        return out
    }
}

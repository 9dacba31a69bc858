import RedshiftSQL

extension LoadedValue {
    /// The stored value written out exactly (bit patterns for floats, bytes for text), for tests that
    /// compare two conversion paths value by value.
    func exactText(field: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .null: return "null"
        case .integer(let i): return "integer \(i)"
        case .real(let d): return "real \(String(d.bitPattern, radix: 16))"
        case .text(let t): return "text \(Array(t.utf8))"
        case .fieldText: return "text \(Array(field))"
        case .blob(let b): return "blob \(b)"
        }
    }
}

import BulkFormats
import RedshiftSQL

extension LoadFieldConverter {
    /// The stored value of a typed field (Parquet, Avro) whose type maps straight onto the column's
    /// stored form: integers into SMALLINT/INTEGER/BIGINT, floats into REAL/DOUBLE PRECISION,
    /// booleans into BOOLEAN. Nil for every other pair, which converts the field's text instead.
    ///
    /// The value and the errors are the ones converting the value's text gives (range check with
    /// `Overflow, Value '…', Pos 0, Type: Short`, REAL overflow): the text path stays the reference.
    /// NaN keeps the text path (the NaN it parses back is the one stored today).
    func storedValue(of value: BulkValue) throws(LoadFieldError) -> LoadedValue? {
        switch value {
        case .int(let number):
            let limits: ClosedRange<Int64>
            let word: String
            switch column.type {
            case .smallint: limits = Int64(Int16.min)...Int64(Int16.max); word = "Short"
            case .integer: limits = Int64(Int32.min)...Int64(Int32.max); word = "Integer"
            case .bigint: return .integer(number)
            default: return nil
            }
            guard limits.contains(number) else {
                throw LoadFieldError(code: 1204, reason: "Overflow, Value '\(number)', Pos 0, Type: \(word)")
            }
            return .integer(number)
        case .double(let number) where !number.isNaN:
            switch column.type {
            case .doublePrecision: return .real(number)
            case .real:
                guard number.isInfinite || abs(number) <= Double(Float.greatestFiniteMagnitude) else {
                    throw LoadFieldError(code: 1204, reason: "Overflow, Value '\(number.description)', Pos 0, Type: Float")
                }
                return .real(Double(Float(number)))
            default: return nil
            }
        case .boolean(let flag):
            guard column.type == .boolean else { return nil }
            return .integer(flag ? 1 : 0)
        default:
            return nil
        }
    }
}

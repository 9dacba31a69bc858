import BulkFormats
import RedshiftSQL

extension OutputValue {
    /// A stored value of a Redshift type as the text formats write it: Redshift's text output
    /// (`RedshiftType.text(of:)`: `363.00`, `t`, `2008-01-04 00:00:00`), with its kind.
    init(_ value: SQLiteValue, type: RedshiftType) {
        guard let text = type.text(of: value) else {
            self = .null
            return
        }
        switch type {
        case .char, .varchar, .unknown: self = .text(text, character: true)
        case .smallint, .integer, .bigint, .decimal, .real, .doublePrecision: self = .number(text)
        case .boolean: self = .boolean(text == "t")
        case .super: self = .json(text)
        default: self = .text(text, character: false)
        }
    }
}

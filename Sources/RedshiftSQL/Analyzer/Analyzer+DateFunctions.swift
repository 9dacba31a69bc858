import Foundation

/// Date and time functions: signatures, result types and the `rs_` functions that compute them.
///
/// - Redshift: Date and time functions (Date_functions_header): GETDATE (r_GETDATE), SYSDATE (r_SYSDATE),
///   CURRENT_DATE (r_CURRENT_DATE_function), TIMEOFDAY (r_TIMEOFDAY_function), DATEADD (r_DATEADD_function),
///   DATEDIFF (r_DATEDIFF_function), DATE_TRUNC (r_DATE_TRUNC), DATE_PART (r_DATE_PART_function), EXTRACT
///   (r_EXTRACT_function), DATE_PART_YEAR (r_DATE_PART_YEAR), ADD_MONTHS (r_ADD_MONTHS), LAST_DAY (r_LAST_DAY),
///   MONTHS_BETWEEN (r_MONTHS_BETWEEN_function), NEXT_DAY (r_NEXT_DAY), the *_CMP functions (r_DATE_CMP …
///   r_INTERVAL_CMP), TO_CHAR (r_TO_CHAR), TO_DATE (r_TO_DATE_function), TO_TIMESTAMP (r_TO_TIMESTAMP),
///   TO_NUMBER (r_TO_NUMBER), CONVERT_TIMEZONE (CONVERT_TIMEZONE), TIMEZONE (r_TIMEZONE).
extension Analyzer {
    static let datePartFunctions: Set<String> = ["dateadd", "datediff", "date_trunc", "date_part", "pgdate_part", "extract"]

    /// The comparison functions: name → the type each argument is read as.
    static let datetimeComparisons: [String: (RedshiftType, RedshiftType)] = [
        "date_cmp": (.date, .date), "date_cmp_timestamp": (.timestamp, .timestamp), "date_cmp_timestamptz": (.timestamptz, .timestamptz),
        "timestamp_cmp": (.timestamp, .timestamp), "timestamp_cmp_date": (.timestamp, .timestamp),
        "timestamp_cmp_timestamptz": (.timestamptz, .timestamptz), "timestamptz_cmp": (.timestamptz, .timestamptz),
        "timestamptz_cmp_date": (.timestamptz, .timestamptz), "timestamptz_cmp_timestamp": (.timestamptz, .timestamptz),
        "interval_cmp": (.interval, .interval),
    ]

    /// A bound date/time function call, or nil when `name` is not one.
    func bindDateTimeFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(args.count) else {
                let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
                throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
            }
        }
        func datetime(_ e: Expr, as fallback: RedshiftType = .timestamp) throws -> Expr {
            if e.type == .unknown { return try coerce(e, to: fallback) }
            guard e.type.isDatetime else {
                throw SQLError.undefinedFunction("\(name)(\(args.map { $0.type.formatTypeName }.joined(separator: ", ")))", at: position)
            }
            return e
        }
        func timestamp(_ e: Expr) throws -> Expr {
            let value = try datetime(e)
            if value.type == .time || value.type == .timetz { throw SQLError.undefinedFunction("\(name)(\(value.type.formatTypeName))", at: position) }
            return value.type == .date ? try coerce(value, to: .timestamp) : value.retyped(.timestamp)
        }
        switch name {
        case "getdate":
            try arity(0...0)
            return clockValue(.timestamp, fraction: false)
        case "sysdate", "localtimestamp":
            return clockValue(.timestamp, fraction: true)
        case "current_date":
            return clockValue(.date, fraction: false)
        case "current_timestamp", "now":
            try arity(0...0)
            return clockValue(.timestamptz, fraction: true)
        case "timeofday":
            try arity(0...0)
            if let value = context.clock {
                return .literal(.text(DateArithmetic.timeOfDayText(value)), .varchar(length: 256)).with(nullable: false)
            }
            return .call("rs_timeofday", [], type: .varchar(length: 256), nullable: false)
        case "date_part_year":
            try arity(1...1)
            return .call("rs_extract", [.literal(.text("year"), .varchar(length: 4)), try datetime(args[0], as: .date)], type: .integer)
        case "add_months":
            // If the input is the last day of its month, so is the result (r_ADD_MONTHS).
            try arity(2...2)
            return .call("rs_add_months", [try datetime(args[0]), try coerce(args[1], to: args[1].type.isInteger ? args[1].type : .bigint)], type: .timestamp)
        case "last_day":
            try arity(1...1)
            return .call("rs_last_day", [try datetime(args[0])], type: .date)
        case "months_between":
            try arity(2...2)
            return .call("rs_months_between", [try datetime(args[0], as: .date), try datetime(args[1], as: .date)], type: .doublePrecision)
        case "next_day":
            try arity(2...2)
            return .call("rs_next_day", [try datetime(args[0], as: .date), try textOperand(args[1])], type: .date)
        case "to_char":
            try arity(2...2)
            return try bindToChar(args[0], format: try textOperand(args[1]), position: position)
        case "to_date", "to_timestamp":
            try arity(2...3)
            let strict = args.count == 3 ? try coerce(args[2], to: .boolean) : Expr.literal(.integer(0), .boolean)
            return .call("rs_\(name)", [try textOperand(args[0]), try textOperand(args[1]), strict], type: name == "to_date" ? .date : .timestamptz)
        case "to_number":
            try arity(2...2)
            guard case .text(let format) = args[1].literalValue ?? .null else {
                throw SQLError(code: "0A000", message: "the format of TO_NUMBER must be a literal", position: position)
            }
            let type = try NumericFormat.resultType(format)
            guard case .decimal(_, let scale) = type else { return nil }
            return .call("rs_to_number", [try textOperand(args[0]), try textOperand(args[1]), Self.integerLiteral(Int64(scale))], type: type)
        case "convert_timezone":
            try arity(2...3)
            let source = args.count == 3 ? try textOperand(args[0]) : Expr.literal(.text("UTC"), .varchar(length: 3))
            return .call("rs_convert_timezone", [source, try textOperand(args[args.count - 2]), try timestamp(args[args.count - 1])], type: .timestamp)
        case "timezone":
            try arity(2...2)
            let value = try datetime(args[1])
            let fromTimestamptz = value.type == .timestamptz
            let operand = fromTimestamptz ? value : try timestamp(value)
            return .call("rs_timezone", [try textOperand(args[0]), operand, Self.integerLiteral(fromTimestamptz ? 0 : 1)],
                         type: fromTimestamptz ? .timestamp : .timestamptz)
        default:
            guard let (leftType, rightType) = Self.datetimeComparisons[name] else { return nil }
            try arity(2...2)
            return try bindDatetimeComparison(args[0], args[1], leftType, rightType, position: position)
        }
    }

    /// `(a > b) - (a < b)`: −1, 0 or 1, NULL when either is NULL.
    private func bindDatetimeComparison(_ a: Expr, _ b: Expr, _ leftType: RedshiftType, _ rightType: RedshiftType, position: Int) throws -> Expr {
        var l = try coerce(a, to: leftType), r = try coerce(b, to: rightType)
        if leftType == .interval {
            l = .call("rs_interval_key", [l], type: .bigint)
            r = .call("rs_interval_key", [r], type: .bigint)
        }
        return .binary("-", .binary(">", l, r, type: .integer), .binary("<", l, r, type: .integer), type: .integer)
    }

    /// TO_CHAR of a datetime (r_FORMAT_strings) or of a number (r_Numeric_formating).
    private func bindToChar(_ value: Expr, format: Expr, position: Int) throws -> Expr {
        if value.type.isNumeric {
            let scale: Int64
            switch value.type {
            case .decimal(_, let s): scale = Int64(s)
            case .real, .doublePrecision: scale = -1
            default: scale = 0
            }
            return .call("rs_to_char_number", [value, format, Self.integerLiteral(scale)], type: .varchar(length: 256))
        }
        let datetime = value.type == .unknown ? try coerce(value, to: .timestamp) : value
        guard datetime.type.isDatetime else { throw SQLError.undefinedFunction("to_char(\(value.type.formatTypeName), text)", at: position) }
        return .call("rs_to_char", [datetime, format], type: .varchar(length: 256))
    }

    /// A literal of the statement's clock (`TranslationContext.now`), or the emulated clock function.
    private func clockValue(_ type: RedshiftType, fraction: Bool) -> Expr {
        if var value = context.clock {
            if !fraction { value.microsecond = 0 }
            let text = type == .date ? value.dateText : value.timestampText
            return .literal(.text(text), type).with(nullable: false)
        }
        let function = type == .date ? "rs_current_date" : (fraction ? "rs_sysdate" : "rs_getdate")
        return .call(function, [], type: type, nullable: false)
    }

    /// DATEADD, DATEDIFF, DATE_TRUNC, DATE_PART/PGDATE_PART and EXTRACT, whose first argument is a date part.
    func bindDatePartFunction(_ name: String, _ args: [Expr], position: Int) throws -> Expr {
        let truncatable: Set<DatePart> = [.microsecond, .millisecond, .second, .minute, .hour, .day, .week, .month, .quarter, .year, .decade, .century, .millennium]
        let timezoneParts: Set<DatePart> = [.timezone, .timezoneHour, .timezoneMinute]
        func part(_ e: Expr, allowed: (DatePart) -> Bool) throws -> Expr {
            guard case .text(let text) = e.literalValue ?? .null, let canonical = DatePart(text), allowed(canonical) else {
                let shown = e.literalValue?.textValue ?? "?"
                throw SQLError(code: "0A000", message: "\(name.uppercased()) does not support the date part \"\(shown)\"", position: position)
            }
            return .literal(.text(canonical.rawValue), .varchar(length: 16))
        }
        func datetime(_ e: Expr) throws -> Expr {
            if e.type == .unknown { return try coerce(e, to: .timestamp) }
            guard e.type.isDatetime else { throw SQLError.undefinedFunction("\(name)(\(e.type.formatTypeName))", at: position) }
            return e
        }
        func count(_ expected: Int) throws {
            guard args.count == expected else { throw SQLError.undefinedFunction(name, at: position) }
        }
        switch name {
        case "dateadd":
            try count(3)
            let value = try datetime(args[2])
            let type: RedshiftType = value.type == .time || value.type == .timetz ? value.type : (value.type == .timestamptz ? .timestamptz : .timestamp)
            let amount = try coerce(args[1], to: args[1].type.isInteger ? args[1].type : .bigint)
            return .call("rs_dateadd", [try part(args[0]) { !timezoneParts.contains($0) && $0 != .epoch }, amount, value], type: type)
        case "datediff":
            try count(3)
            return .call("rs_datediff", [try part(args[0]) { !timezoneParts.contains($0) }, try datetime(args[1]), try datetime(args[2])], type: .bigint)
        case "date_trunc":
            try count(2)
            let value = try datetime(args[1])
            return .call("rs_date_trunc", [try part(args[0]) { truncatable.contains($0) }, value], type: value.type == .timestamptz ? .timestamptz : .timestamp)
        case "date_part", "pgdate_part":
            try count(2)
            let value = try datetime(args[1])
            let allowed: (DatePart) -> Bool = { !timezoneParts.contains($0) || value.type == .timestamptz || value.type == .timetz }
            return .call("rs_date_part", [try part(args[0], allowed: allowed), value], type: .doublePrecision)
        default:  // extract
            try count(2)
            let value = try datetime(args[1])
            let allowed: (DatePart) -> Bool = { !timezoneParts.contains($0) || value.type == .timestamptz || value.type == .timetz }
            return .call("rs_extract", [try part(args[0], allowed: allowed), value], type: value.type == .timestamptz ? .doublePrecision : .integer)
        }
    }
}

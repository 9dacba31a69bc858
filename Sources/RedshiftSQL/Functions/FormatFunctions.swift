import Foundation

extension EmulatedFunctions {
    /// ADD_MONTHS, LAST_DAY, the formatting functions and the time zone conversions.
    ///
    /// - Redshift: ADD_MONTHS (r_ADD_MONTHS), LAST_DAY (r_LAST_DAY), TO_CHAR (r_TO_CHAR) with the datetime
    ///   (r_FORMAT_strings) and numeric (r_Numeric_formating) format strings, TO_DATE (r_TO_DATE_function),
    ///   TO_TIMESTAMP (r_TO_TIMESTAMP), TO_NUMBER (r_TO_NUMBER), CONVERT_TIMEZONE (CONVERT_TIMEZONE),
    ///   TIMEZONE (r_TIMEZONE).
    static var formatFunctions: [EmulatedFunction] {
        @Sendable func value(_ arg: SQLiteValue) throws -> DateTimeValue? {
            guard let text = arg.textValue else { return nil }
            return try datetime(text)?.0
        }
        return [
            EmulatedFunction("rs_add_months", argumentCount: 2) { args in
                guard let value = try value(args[0]), let months = args[1].integerValue ?? args[1].doubleValue.map({ Int64(clamping: $0) }) else { return .null }
                guard months.magnitude <= 4_000_000 else { throw SQLError(code: "22008", message: "timestamp out of range") }
                var result = DateArithmetic.addMonths(Int(months), to: value)
                if value.day == DateTimeValue.daysInMonth(year: value.year, month: value.month) {
                    result.day = DateTimeValue.daysInMonth(year: result.year, month: result.month)
                }
                return .text(result.timestampText)
            },
            EmulatedFunction("rs_last_day", argumentCount: 1) { args in
                guard var value = try value(args[0]) else { return .null }
                value.day = DateTimeValue.daysInMonth(year: value.year, month: value.month)
                return .text(value.dateText)
            },
            EmulatedFunction("rs_to_char", argumentCount: 2) { args in
                guard let value = try value(args[0]), let format = args[1].textValue else { return .null }
                return .text(DateFormatting.format(value, format))
            },
            // rs_to_char_number(value, format, scale): scale is the DECIMAL scale of a scaled integer, -1 for a float.
            EmulatedFunction("rs_to_char_number", argumentCount: 3) { args in
                guard let format = args[1].textValue, let scale = args[2].integerValue, scale <= 38 else { return .null }
                let plain: String
                switch args[0] {
                case .null: return .null
                case .integer(let i): plain = scale > 0 ? ScaledDecimal.format(i, scale: Int(scale)) : String(i)
                case .real(let d):
                    guard d.isFinite else { return .text(String(d)) }
                    let shortest = String(d)
                    plain = shortest.contains("e") ? String(format: "%.15f", d) : shortest
                case .text(let t): plain = t.trimmingCharacters(in: .whitespaces)
                case .blob: return .null
                }
                return .text(try NumericFormat.format(plain, format))
            },
            // rs_to_number(text, format, scale): the DECIMAL as a scaled integer.
            EmulatedFunction("rs_to_number", argumentCount: 3) { args in
                guard let text = args[0].textValue, let format = args[1].textValue, let scale = args[2].integerValue, scale <= 38 else { return .null }
                let plain = try NumericFormat.parse(text, format)
                guard let scaled = try ScaledDecimal.parse(plain, scale: Int(scale)) else {
                    throw SQLError(code: "22P02", message: "invalid input syntax for type numeric: \"\(text)\"")
                }
                return .integer(scaled)
            },
            EmulatedFunction("rs_to_date", argumentCount: 3) { args in
                guard let text = args[0].textValue, let format = args[1].textValue else { return .null }
                return .text(try DateFormatParsing.parse(text, format: format, strict: args[2].integerValue == 1).dateText)
            },
            EmulatedFunction("rs_to_timestamp", argumentCount: 3) { args in
                guard let text = args[0].textValue, let format = args[1].textValue else { return .null }
                return .text(try DateFormatParsing.parse(text, format: format, strict: args[2].integerValue == 1).timestampText)
            },
            // rs_convert_timezone(source, target, timestamp): wall-clock time in source → in target.
            EmulatedFunction("rs_convert_timezone", argumentCount: 3) { args in
                guard let source = args[0].textValue, let target = args[1].textValue, let local = try value(args[2]) else { return .null }
                let utc = try ZoneSpec.require(source).toUTC(local)
                return .text(try ZoneSpec.require(target).fromUTC(utc).timestampText)
            },
            // rs_timezone(zone, value, toUTC): TIMEZONE(zone, timestamp) reads the timestamp in zone (→ UTC);
            // TIMEZONE(zone, timestamptz) shows the UTC instant in zone.
            EmulatedFunction("rs_timezone", argumentCount: 3) { args in
                guard let zone = args[0].textValue, let value = try value(args[1]) else { return .null }
                let spec = try ZoneSpec.require(zone)
                return .text((args[2].integerValue == 1 ? spec.toUTC(value) : spec.fromUTC(value)).timestampText)
            },
        ]
    }
}

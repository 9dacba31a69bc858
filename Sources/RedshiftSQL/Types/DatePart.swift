/// A date part name as DATEADD/DATEDIFF/DATE_TRUNC/DATE_PART/EXTRACT accept it, with all abbreviations.
///
/// - Redshift: Date parts for date or timestamp functions (r_Dateparts_for_datetime_functions).
///   Beware: `m` is MINUTE, not month.
enum DatePart: String, Sendable {
    case millennium, century, decade, epoch, year, quarter, month, week, dayofweek, dayofyear, day
    case hour, minute, second, millisecond, microsecond
    /// EXTRACT / DATE_PART on TIMESTAMPTZ and TIMETZ only: the UTC offset (always 0 here: the session zone is UTC).
    case timezone, timezoneHour = "timezone_hour", timezoneMinute = "timezone_minute"

    init?(_ raw: String) {
        switch raw.lowercased().trimmingCharacters(in: .whitespaces) {
        case "millennium", "millennia", "mil", "mils": self = .millennium
        case "century", "centuries", "c", "cent", "cents": self = .century
        case "decade", "decades", "dec", "decs": self = .decade
        case "epoch": self = .epoch
        case "year", "years", "y", "yr", "yrs": self = .year
        case "quarter", "quarters", "qtr", "qtrs": self = .quarter
        case "month", "months", "mon", "mons": self = .month
        case "week", "weeks", "w": self = .week
        case "dayofweek", "dow", "dw", "weekday": self = .dayofweek
        case "dayofyear", "doy", "dy", "yearday": self = .dayofyear
        case "day", "days", "d": self = .day
        case "hour", "hours", "h", "hr", "hrs": self = .hour
        case "minute", "minutes", "m", "min", "mins": self = .minute
        case "second", "seconds", "s", "sec", "secs": self = .second
        case "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds", "millisec", "millisecs", "millisecon": self = .millisecond
        case "microsecond", "microseconds", "microsec", "microsecs", "usecond", "useconds", "us", "usec", "usecs": self = .microsecond
        case "timezone": self = .timezone
        case "timezone_hour": self = .timezoneHour
        case "timezone_minute": self = .timezoneMinute
        default: return nil
        }
    }
}

import Foundation

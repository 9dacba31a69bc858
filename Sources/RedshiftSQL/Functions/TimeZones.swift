import Foundation

/// A time zone as CONVERT_TIMEZONE, TIMEZONE() and TIMESTAMPTZ/TIMETZ literals name it.
///
/// - Redshift: CONVERT_TIMEZONE (CONVERT_TIMEZONE) time zone usage notes: a time zone *name*
///   (`'America/New_York'`, `'US/Pacific'`) follows daylight saving time; an *abbreviation* (`'PST'`, `'EDT'`)
///   is a fixed offset (pg_timezone_abbrevs, time-zone-abbrevs); a POSIX-style spec (`'PST8'`, `'GMT+2'`,
///   `'NEWZONE -2:15'`) is an offset in hours WEST of Greenwich.
/// - Divergence: the DST part of a POSIX spec that is not itself a zone name (`'ABC5XYZ'`) is ignored;
///   names come from the tz database Foundation reads (the system's zoneinfo).
enum ZoneSpec: Sendable {
    /// Seconds east of UTC.
    case fixed(Int)
    case named(TimeZone)

    /// The zone `text` names, or nil when it names none.
    static func resolve(_ text: String) -> ZoneSpec? {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        return ZoneCache.shared.lookup(name)
    }

    /// The zone `text` names, or Redshift's error.
    static func require(_ text: String) throws -> ZoneSpec {
        guard let zone = resolve(text) else { throw SQLError(code: "22023", message: "time zone \"\(text)\" not recognized") }
        return zone
    }

    /// Seconds east of UTC at the UTC instant `utcMicros`.
    func offset(atUTC utcMicros: Int64) -> Int {
        switch self {
        case .fixed(let seconds): return seconds
        case .named(let zone): return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMicros / 1_000_000)))
        }
    }

    /// Seconds east of UTC for the wall-clock time `localMicros` in this zone (the later offset in a gap or overlap).
    func offset(atLocal localMicros: Int64) -> Int {
        switch self {
        case .fixed(let seconds): return seconds
        case .named:
            let guess = offset(atUTC: localMicros)
            return offset(atUTC: localMicros - Int64(guess) * 1_000_000)
        }
    }

    /// Wall-clock time in this zone → UTC.
    func toUTC(_ local: DateTimeValue) -> DateTimeValue {
        let micros = local.epochMicroseconds
        return DateTimeValue(epochMicroseconds: micros - Int64(offset(atLocal: micros)) * 1_000_000)
    }

    /// UTC → wall-clock time in this zone.
    func fromUTC(_ utc: DateTimeValue) -> DateTimeValue {
        let micros = utc.epochMicroseconds
        return DateTimeValue(epochMicroseconds: micros + Int64(offset(atUTC: micros)) * 1_000_000)
    }

    /// Fixed abbreviations, seconds east of UTC (PostgreSQL's default abbreviation set, as pg_timezone_abbrevs lists it).
    static let abbreviations: [String: Int] = {
        let hours: [String: Double] = [
            "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "ZULU": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
            "EET": 2, "EEST": 3, "MSK": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
            "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5, "JST": 9, "KST": 9, "HKT": 8,
            "SGT": 8, "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
        ]
        return hours.mapValues { Int($0 * 3600) }
    }()
}

/// Resolved zone names (resolution reads the tz database: done once per name).
private final class ZoneCache: Sendable {
    static let shared = ZoneCache()
    private let resolved = Locked<[String: ZoneSpec?]>([:])
    /// Read once, on first use (a global's lazy initialization is thread-safe).
    private static let knownByLowercase: [String: String] = Dictionary(
        TimeZone.knownTimeZoneIdentifiers.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    func lookup(_ name: String) -> ZoneSpec? {
        resolved.withLock { resolved in
            if let hit = resolved[name] { return hit }
            let spec = resolveUncached(name)
            resolved[name] = spec
            return spec
        }
    }

    private func resolveUncached(_ name: String) -> ZoneSpec? {
        if let seconds = ZoneSpec.abbreviations[name.uppercased()] { return .fixed(seconds) }
        if let identifier = Self.knownByLowercase[name.lowercased()], let zone = TimeZone(identifier: identifier) { return .named(zone) }
        // Zones Foundation reads though it does not list them (US/Pacific, EST5EDT); never its own "GMT+2" reading.
        let upper = name.uppercased()
        if !upper.hasPrefix("GMT"), !upper.hasPrefix("UTC"), !upper.hasPrefix("UT"), let zone = TimeZone(identifier: name) { return .named(zone) }
        if let posix = posixOffset(name) { return .fixed(posix) }
        return nil
    }

    /// `STDoffset[DST]`, offset in hours west (`PST8`, `GMT+2`, `NEWZONE -2:15`, `America/Los_Angeles+2`): seconds east.
    private func posixOffset(_ name: String) -> Int? {
        let scalars = Array(name.unicodeScalars)
        var i = 0
        while i < scalars.count, CharacterSet.letters.contains(scalars[i]) || scalars[i] == "/" || scalars[i] == "_" { i += 1 }
        guard i >= 3 else { return nil }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        var sign = 1
        if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { sign = scalars[i] == "-" ? -1 : 1; i += 1 }
        var fields: [Int] = []
        while fields.count < 3 {
            var value = 0, digits = 0
            while i < scalars.count, digits < 2, let d = Int(String(scalars[i])), ("0"..."9").contains(scalars[i]) { value = value * 10 + d; i += 1; digits += 1 }
            guard digits > 0 else { return nil }
            fields.append(value)
            guard i < scalars.count, scalars[i] == ":" else { break }
            i += 1
        }
        // An optional DST abbreviation follows (ignored, see the divergence note).
        while i < scalars.count, CharacterSet.letters.contains(scalars[i]) { i += 1 }
        guard i == scalars.count, fields[0] <= 24 else { return nil }
        let west = fields[0] * 3600 + (fields.count > 1 ? fields[1] * 60 : 0) + (fields.count > 2 ? fields[2] : 0)
        return -sign * west
    }
}

/// The engine's date and time texts (`YYYY-MM-DD`, `HH:MM:SS[.ffffff][+hh[:mm]]`,
/// `YYYY-MM-DD HH:MM:SS[.ffffff][+00]`) read back into PostgreSQL's integer datetimes.
enum DateTimeText {
    /// Days since 2000-01-01.
    static func days(_ text: String) -> Int64? {
        let bc = text.hasSuffix(" BC")
        let body = bc ? text.dropLast(3) : Substring(text)
        let parts = body.split(separator: "-")
        guard parts.count == 3, let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return PGDateTime.days(year: bc ? 1 - y : y, month: m, day: d)
    }

    /// Microseconds since midnight and the zone's offset east of UTC in seconds (0 when none).
    static func timeMicros(_ text: String) -> (micros: Int64, zoneSeconds: Int64)? {
        var body = Substring(text)
        var zone: Int64 = 0
        if let signIndex = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = body[body.index(after: signIndex)...].split(separator: ":").compactMap { Int64($0) }
            guard !offset.isEmpty else { return nil }
            zone = (offset[0] * 3600 + (offset.count > 1 ? offset[1] * 60 : 0)) * (body[signIndex] == "-" ? -1 : 1)
            body = body[..<signIndex]
        }
        let parts = body.split(separator: ":")
        guard parts.count == 3, let h = Int64(parts[0]), let m = Int64(parts[1]) else { return nil }
        let secondParts = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let s = Int64(secondParts[0]) else { return nil }
        var micros = ((h * 60 + m) * 60 + s) * 1_000_000
        if secondParts.count > 1 {
            let digits = String(secondParts[1].prefix(6))
            guard let fraction = Int64(digits) else { return nil }
            micros += fraction * Int64(pow10(6 - digits.count))
        }
        return (micros, zone)
    }

    /// Microseconds since 2000-01-01 00:00:00 (UTC for a `+00` timestamptz).
    static func timestampMicros(_ text: String) -> Int64? {
        let bc = text.hasSuffix(" BC")
        let body = bc ? String(text.dropLast(3)) : text
        let halves = body.split(separator: " ", maxSplits: 1)
        guard let first = halves.first, var days = days(String(first)) else { return nil }
        if bc, let plain = self.days(String(first) + " BC") { days = plain }
        var micros: Int64 = 0
        var zone: Int64 = 0
        if halves.count > 1 {
            guard let time = timeMicros(String(halves[1])) else { return nil }
            micros = time.micros
            zone = time.zoneSeconds
        }
        return days * PGDateTime.microsPerDay + micros - zone * 1_000_000
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { value, _ in value * 10 } }
}

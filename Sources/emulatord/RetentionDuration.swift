/// A duration given on the command line: whole seconds (`3600`) or a number with a unit
/// (`90s`, `10m`, `24h`, `1d`).
enum RetentionDuration {
    /// The duration in seconds; nil when `text` is not one (or is negative).
    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let last = text.last else { return nil }
        let (number, factor) = units[last].map { (text.dropLast(), $0) } ?? (Substring(text), 1)
        guard let value = Int(number), value >= 0 else { return nil }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : seconds
    }
}

extension LoadFieldConverter {
    /// The stored value of a typed DECIMAL (a Parquet file's unscaled integer: `magnitude` with
    /// its sign, at `scale`) loaded into this DECIMAL column, made without its text: the value
    /// converting its text (`-12.340` for scale 3) gives, extra fraction digits dropped (rounded
    /// on the first one under ROUNDEC) or zeros added.
    ///
    /// Nil when the column is not DECIMAL, when the value does not fit the column, and for scale
    /// differences past 38 digits: converting the text then gives the value or the error
    /// (`Overflow for NUMERIC(p,s), Value '…'`, which quotes the text).
    public func storedDecimal(magnitude: UInt128, negative: Bool, scale: Int) -> LoadedValue? {
        guard case .decimal(let precision, let columnScale) = column.type, scale >= 0, columnScale >= 0 else { return nil }
        let powers = Self.powersOfTen
        var value = magnitude
        if scale > columnScale {
            let dropped = scale - columnScale
            guard dropped < powers.count else { return nil }
            let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: powers[dropped])
            value = quotient
            if options.roundDecimals, remainder / powers[dropped - 1] >= 5 { value += 1 }
        } else if scale < columnScale {
            guard columnScale - scale < powers.count else { return nil }
            let (scaled, overflowed) = value.multipliedReportingOverflow(by: powers[columnScale - scale])
            guard !overflowed else { return nil }
            value = scaled
        }
        guard precision >= 0, value < powers[min(precision, 38)] else { return nil }
        let stored = negative ? -Int128(value) : Int128(value)
        if WideDecimal.isWide(precision) { return .blob(WideDecimal.encode(stored)) }
        guard let narrow = Int64(exactly: stored) else { return nil }
        return .integer(narrow)
    }

    /// 10^0 … 10^38.
    private static let powersOfTen: [UInt128] = (0...38).map { n in (0..<n).reduce(UInt128(1)) { value, _ in value * 10 } }
}

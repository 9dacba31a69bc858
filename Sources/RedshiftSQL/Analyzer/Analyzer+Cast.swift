/// Implicit coercions and explicit casts.
///
/// Constants (literals and Data API parameters) are converted while translating, with Redshift's
/// rules (`ValueConversion`); other values get a native CAST when SQLite's is exact, else `rs_cast`.
///
/// - Redshift: CAST and CONVERT (r_CAST_function), Type compatibility and conversion (c_Supported_data_types).
extension Analyzer {
    /// Implicit conversion for comparisons, CASE branches and assignments of known-compatible types.
    func coerce(_ value: Expr, to target: RedshiftType) throws -> Expr {
        if value.type == target || target == .unknown { return value }
        if value.type == .unknown { return try cast(value, to: target, explicit: false) }
        if value.type.isCharacter && target.isCharacter { return value.retyped(target) }
        return try cast(value, to: target, explicit: false)
    }

    /// A CAST / `::` / CONVERT, or an implicit conversion when `explicit` is false.
    func cast(_ value: Expr, to target: RedshiftType, explicit: Bool) throws -> Expr {
        let source = value.type
        if source == target { return value }
        if source == .super || target == .super { return try superCast(value, to: target) }
        // Constants convert now.
        if case .literal(let constant) = value.kind {
            return .literal(try ValueConversion.convert(constant, from: source, to: target, explicit: explicit), target)
        }
        if case .argument(let constant) = value.kind {
            var converted = Expr(kind: .argument(try ValueConversion.convert(constant, from: source, to: target, explicit: explicit)), type: target, nullable: false)
            converted.nullable = constant == .null
            return converted
        }
        if source == .unknown { return value.retyped(target) }  // untyped NULL expressions
        func native(_ storage: String) -> Expr {
            Expr(kind: .cast(value, storage), type: target, nullable: value.nullable, hasAggregate: value.hasAggregate, hasWindow: value.hasWindow)
        }
        func emulated() -> Expr {
            .call("rs_cast", [value, .literal(.text(target.catalogText), .varchar(length: 32)), .literal(.text(source.catalogText), .varchar(length: 32))],
                  type: target, nullable: value.nullable)
        }
        switch (source, target) {
        case (_, _) where source.isInteger && target.isInteger:
            return TypeRules.arithmetic("+", source, target) == target ? value.retyped(target) : emulated()
        case (.decimal(let p1, let s1), .real), (.decimal(let p1, let s1), .doublePrecision):
            // A scaled integer: divide by 10^s (exactly rounded by IEEE division); a BLOB: rs_cast.
            if WideDecimal.isWide(p1) { return emulated() }
            if s1 == 0 { return native("REAL") }
            return .binary("/", value, .literal(.real(Double(ScaledDecimal.power(s1) ?? 1)), .doublePrecision), type: target)
        case (_, .real), (_, .doublePrecision):
            if source.isInteger { return native("REAL") }
            if source.isNumeric { return value.retyped(target) }
            return emulated()
        case (_, .decimal(let p, let s)):
            let (p1, s1) = TypeRules.asDecimal(source)
            if source.isInteger || source.isDecimal, s >= s1, p - s >= p1 - s1 {
                return try scaled(value, to: s, precision: p)  // exact, cannot overflow the target
            }
            return emulated()
        case (.boolean, _) where target.isInteger:
            return value.retyped(target)
        case (_, .boolean) where source.isInteger:
            return .binary("<>", value, .literal(.integer(0), .integer), type: .boolean)
        case (.char(let m), .varchar(let n)), (.varchar(let m), .varchar(let n)), (.varchar(let m), .char(let n)), (.char(let m), .char(let n)):
            return m <= n ? value.retyped(target) : emulated()
        case (.date, .timestamp), (.date, .timestamptz):
            return .binary("||", value, .literal(.text(" 00:00:00"), .varchar(length: 9)), type: target)
        case (.timestamp, .date), (.timestamptz, .date):
            return .call("substr", [value, .literal(.integer(1), .integer), .literal(.integer(10), .integer)], type: .date, nullable: value.nullable)
        case (.timestamp, .timestamptz), (.timestamptz, .timestamp):
            return value.retyped(target)  // session time zone is UTC
        default:
            return emulated()
        }
    }
}

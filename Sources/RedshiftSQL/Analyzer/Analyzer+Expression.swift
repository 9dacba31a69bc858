/// Expressions: literals, names, operators, predicates, CASE, casts, subqueries.
///
/// - Redshift: Expressions (r_expressions), Conditions (r_conditions), numeric computations
///   (r_numeric_computations201): integer division stays integer, division by zero is an error.
extension Analyzer {
    typealias Expr = Bound.Expression

    func bindExpression(_ expression: AST.Expression, scope: Scope, clause: Clause) throws -> Expr {
        let position = expression.position
        switch expression.kind {
        case .integer(let text):
            if let value = Int64(text) {
                return .literal(.integer(value), Int32(exactly: value) != nil ? .integer : .bigint)
            }
            let type = RedshiftType.decimal(precision: min(text.filter(\.isNumber).count, 38), scale: 0)
            return .literal(try ValueConversion.convert(.text(text), from: .unknown, to: type, explicit: false), type)
        case .decimal(let text):
            let digits = text.filter(\.isNumber)
            let scale = min(text.split(separator: ".", omittingEmptySubsequences: false).last.map { $0.count } ?? 0, 37)
            let type = RedshiftType.decimal(precision: min(max(digits.count, scale, 1), 38), scale: scale)
            return .literal(try ValueConversion.convert(.text(text), from: .unknown, to: type, explicit: false), type)
        case .float(let text):
            return .literal(.real(Double(text) ?? 0), .doublePrecision)
        case .string(let text):
            return .literal(.text(text), .unknown)
        case .boolean(let value):
            return .literal(.integer(value ? 1 : 0), .boolean)
        case .null:
            return .null
        case .interval(let text):
            return try intervalLiteral(text, position: position)
        case .parameter(let name) where name.hasPrefix("$") && functionArguments != nil:
            guard let n = Int(name.dropFirst()), let arguments = functionArguments, (1...max(arguments.count, 1)).contains(n), n <= arguments.count else {
                throw SQLError(code: "42P02", message: "there is no parameter \(name)", position: position)
            }
            return arguments[n - 1]
        case .parameter(let name) where name.hasPrefix("$"):
            guard let n = Int(name.dropFirst()), let arguments = positionalArguments, (1...arguments.count).contains(n) else {
                throw SQLError(code: "42P02", message: "there is no parameter \(name)", position: position)
            }
            return try bindExpression(arguments[n - 1], scope: scope, clause: clause)
        case .parameter(let name):
            guard let value = context.parameters[name] else {
                throw SQLError(code: "42P02", message: "no value specified for parameter \"\(name)\"", position: position)
            }
            return Expr(kind: .argument(.text(value)), type: .unknown, nullable: false)
        case .column(let name):
            return try resolveColumnOrSuperPath(name, scope: scope)
        case .star:
            throw SQLError.syntax(near: "*", at: position)
        case .unary(let op, let operand):
            let value = try bindExpression(operand, scope: scope, clause: clause)
            if op == "not" {
                let condition = try booleanOperand(value, op: "NOT", position: operand.position)
                return Expr(kind: .unary("NOT ", condition), type: .boolean, nullable: condition.nullable, hasAggregate: condition.hasAggregate, hasWindow: condition.hasWindow)
            }
            let number = value.type == .unknown ? try coerce(value, to: .integer) : value
            if number.type == .super { return op == "+" ? number : try bindSuperArithmetic("-", .literal(.integer(0), .integer), number) }
            guard number.type.isNumeric else {
                throw SQLError.undefinedFunction("operator does not exist: \(op) \(number.type.formatTypeName)", at: position)
            }
            if op == "+" { return number }
            if isWideDecimal(number.type) { return try wideNegation(number) }
            return Expr(kind: .unary("-", number), type: number.type, nullable: number.nullable, hasAggregate: number.hasAggregate, hasWindow: number.hasWindow)
        case .binary(let op, let l, let r):
            let left = try bindExpression(l, scope: scope, clause: clause)
            let right = try bindExpression(r, scope: scope, clause: clause)
            return try bindBinary(op, left, right, position: position)
        case .isNull(let operand, let negated):
            let value = try bindExpression(operand, scope: scope, clause: clause)
            return Expr(kind: .isNull(value, negated: negated), type: .boolean, nullable: false, hasAggregate: value.hasAggregate, hasWindow: value.hasWindow)
        case .isBoolean(let operand, let truth, let negated):
            let value = try coerce(try bindExpression(operand, scope: scope, clause: clause), to: .boolean)
            guard value.type == .boolean else {
                throw SQLError.datatype("argument of IS \(truth.map { $0 ? "TRUE" : "FALSE" } ?? "UNKNOWN") must be type boolean, not type \(value.type.formatTypeName)", at: position)
            }
            guard let truth else {
                return Expr(kind: .isNull(value, negated: negated), type: .boolean, nullable: false, hasAggregate: value.hasAggregate)
            }
            let literal = Expr.literal(.integer(truth ? 1 : 0), .boolean)
            return Expr(kind: .binary(negated ? "IS NOT" : "IS", value, literal), type: .boolean, nullable: false, hasAggregate: value.hasAggregate)
        case .between(let operand, let low, let high, let negated):
            var value = try bindExpression(operand, scope: scope, clause: clause)
            var lo = try bindExpression(low, scope: scope, clause: clause)
            var hi = try bindExpression(high, scope: scope, clause: clause)
            let target = try comparisonType([value, lo, hi], position: position)
            let aligned = try comparable([value, lo, hi], target: target)
            value = aligned[0]; lo = aligned[1]; hi = aligned[2]
            return Expr(kind: .between(value, lo, hi, negated: negated), type: .boolean, nullable: value.nullable || lo.nullable || hi.nullable,
                        hasAggregate: value.hasAggregate || lo.hasAggregate || hi.hasAggregate)
        case .inList(let operand, let items, let negated):
            let value = try bindExpression(operand, scope: scope, clause: clause)
            let list = try items.map { try bindExpression($0, scope: scope, clause: clause) }
            let target = try comparisonType([value] + list, position: position)
            let aligned = try comparable([value] + list, target: target)
            let coerced = Array(aligned.dropFirst())
            let left = aligned[0]
            return Expr(kind: .inList(left, coerced, negated: negated), type: .boolean, nullable: true,
                        hasAggregate: left.hasAggregate || coerced.contains { $0.hasAggregate })
        case .inQuery(let operand, let query, let negated):
            let value = try bindExpression(operand, scope: scope, clause: clause)
            let sub = try analyzeQuery(query, outer: scope)
            guard sub.columns.count == 1 else {
                throw SQLError(code: "42601", message: "subquery has too many columns", position: position)
            }
            let target = try comparisonType([value, Expr(kind: .literal(.null), type: sub.columns[0].type)], position: position)
            let (left, list) = target.isDecimal && value.type.isNumeric ? try decimalInQuery(value, sub) : (try coerce(value, to: target), sub)
            return Expr(kind: .inQuery(left, list, negated: negated), type: .boolean, nullable: true, hasAggregate: value.hasAggregate)
        case .quantified(let op, let operand, let quantifier, let query):
            if (op == "=" && quantifier == "any") || (op == "<>" && quantifier == "all") {
                return try bindExpression(AST.Expression(kind: .inQuery(operand, query, negated: op == "<>"), position: position), scope: scope, clause: clause)
            }
            throw SQLError.unsupported("\(op) \(quantifier.uppercased()) (subquery)", at: position)
        case .exists(let query):
            let sub = try analyzeQuery(query, outer: scope)
            return Expr(kind: .exists(sub), type: .boolean, nullable: false)
        case .subquery(let query):
            let sub = try analyzeQuery(query, outer: scope)
            guard sub.columns.count == 1 else {
                throw SQLError(code: "42601", message: "subquery must return only one column", position: position)
            }
            return Expr(kind: .subquery(sub), type: sub.columns[0].type, nullable: true)
        case .like(let operand, let pattern, let escape, let kind, let negated):
            let value = try textOperand(try bindExpression(operand, scope: scope, clause: clause))
            let p = try textOperand(try bindExpression(pattern, scope: scope, clause: clause))
            var args = [value, p]
            if let escape { args.append(try textOperand(try bindExpression(escape, scope: scope, clause: clause))) }
            let function = ["like": "rs_like", "ilike": "rs_ilike", "similar": "rs_similar_to"][kind]!
            let call = Expr.call(function, args, type: .boolean)
            return negated ? Expr(kind: .unary("NOT ", call), type: .boolean, nullable: call.nullable, hasAggregate: call.hasAggregate) : call
        case .regexMatch(let operand, let pattern, let negated):
            let call = Expr.call("rs_regexp_like", [try textOperand(try bindExpression(operand, scope: scope, clause: clause)),
                                                    try textOperand(try bindExpression(pattern, scope: scope, clause: clause))], type: .boolean)
            return negated ? Expr(kind: .unary("NOT ", call), type: .boolean, nullable: call.nullable, hasAggregate: call.hasAggregate) : call
        case .caseWhen(let operand, let whens, let otherwise):
            return try bindCase(operand: operand, whens: whens, otherwise: otherwise, scope: scope, clause: clause, position: position)
        case .cast(let operand, let typeName):
            let value = try bindExpression(operand, scope: scope, clause: clause)
            var target = typeName.type
            if typeName.lengthOmitted, case .varchar = target {
                if case .varchar(let n) = value.type { target = .varchar(length: n) } else if case .char(let n) = value.type { target = .varchar(length: n) } else { target = .varchar(length: 65535) }
            }
            return try cast(value, to: target, explicit: true)
        case .function(let call):
            return try bindFunction(call, scope: scope, clause: clause, position: position)
        }
    }

    /// A text operand for LIKE and string functions: numbers and dates are converted to text.
    func textOperand(_ value: Expr) throws -> Expr {
        if value.type.isCharacter || value.type == .unknown { return value }
        return try cast(value, to: .varchar(length: 256), explicit: true)
    }

    func booleanOperand(_ value: Expr, op: String, position: Int) throws -> Expr {
        if let truth = Self.integerLiteralTruth(value) { return truth }
        let coerced = value.type == .unknown ? try coerce(value, to: .boolean) : value
        guard coerced.type == .boolean else {
            throw SQLError.datatype("argument of \(op) must be type boolean, not type \(coerced.type.formatTypeName)", at: position)
        }
        return coerced
    }

    /// An integer literal in a boolean context (`WHERE 1 AND …`, as sqlalchemy-redshift's
    /// reflection writes against real clusters): nonzero is true. nil for anything else.
    static func integerLiteralTruth(_ value: Expr) -> Expr? {
        guard value.type.isInteger, case .integer(let n)? = value.literalValue else { return nil }
        return Expr.literal(.integer(n != 0 ? 1 : 0), .boolean).with(nullable: false)
    }

    /// `(A AND B) OR (A AND C)` as `A AND (B OR C)` (and `A OR (A AND B)` as `A`): both laws hold in
    /// SQL's three-valued logic, and a join condition repeated in every branch of an OR (TPC-H Q19)
    /// becomes one SQLite can use to join instead of testing every pair of rows.
    static func factoredOr(_ l: Expr, _ r: Expr) -> Expr {
        func conjuncts(_ e: Expr) -> [Expr] {
            if case .binary("AND", let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
            return [e]
        }
        func and(_ parts: [Expr]) -> Expr { parts.dropFirst().reduce(parts[0]) { .binary("AND", $0, $1, type: .boolean) } }
        let left = conjuncts(l), right = conjuncts(r)
        let common = left.filter { c in right.contains(c) && !c.hasWindow }
        guard !common.isEmpty else { return .binary("OR", l, r, type: .boolean) }
        let leftRest = left.filter { !common.contains($0) }, rightRest = right.filter { !common.contains($0) }
        if leftRest.isEmpty || rightRest.isEmpty { return and(common) }
        return .binary("AND", and(common), .binary("OR", and(leftRest), and(rightRest), type: .boolean), type: .boolean)
    }

    /// `values` converted for comparison with each other: to `target`, except that integers and
    /// DECIMALs compare as scaled integers at the largest scale (precision does not matter there).
    func comparable(_ values: [Expr], target: RedshiftType) throws -> [Expr] {
        guard target.isDecimal else { return try values.map { try coerce($0, to: target) } }
        return try decimalComparable(values)
    }

    /// The type values are compared as (unknown literals take the other side's type).
    func comparisonType(_ values: [Expr], position: Int?) throws -> RedshiftType {
        let known = values.map(\.type).filter { $0 != .unknown }
        guard let first = known.first else { return .unknown }
        if known.allSatisfy({ $0.isNumeric }) { return TypeRules.common(known) ?? first }
        if known.allSatisfy({ $0.isCharacter }) { return .varchar(length: 65535) }
        if let common = TypeRules.common(known) { return common }
        // Redshift: a non-DECIMAL number compared with a string compares as text (c_Supported_data_types).
        if known.allSatisfy({ $0.isNumeric || $0.isCharacter }) {
            let decimals = known.filter(\.isDecimal)
            return decimals.isEmpty ? .varchar(length: 65535) : .decimal(precision: 38, scale: decimals.map { scale(of: $0) }.max() ?? 0)
        }
        if known.allSatisfy({ $0.isDatetime || $0.isCharacter }) {
            return known.first(where: \.isDatetime)!
        }
        if known.allSatisfy({ $0 == .boolean || $0.isInteger }) { return .boolean }
        throw SQLError.undefinedFunction("operator does not exist: \(known[0].formatTypeName) = \(known.last!.formatTypeName)", at: position)
    }

    func bindComparison(_ op: String, _ left: Expr, _ right: Expr, position: Int?) throws -> Expr {
        if (left.type == .super) != (right.type == .super) { return try bindSuperComparison(op, left, right, position: position) }
        let target = try comparisonType([left, right], position: position)
        if target == .timestamp, let narrowed = try dateComparison(op, left, right) { return narrowed }
        if target == .interval {
            let l = Expr.call("rs_interval_key", [try coerce(left, to: .interval)], type: .bigint)
            let r = Expr.call("rs_interval_key", [try coerce(right, to: .interval)], type: .bigint)
            return .binary(op, l, r, type: .boolean)
        }
        if target.isDecimal {
            let aligned = try comparable([left, right], target: target)
            return .binary(op, aligned[0], aligned[1], type: .boolean)
        }
        var l = try coerce(left, to: target)
        var r = try coerce(right, to: target)
        if target.isCharacter, !isColumn(l), !isColumn(r) {
            // Trailing blanks are not significant in comparisons (r_Character_types); columns are declared COLLATE RTRIM.
            r = Expr(kind: .collate(r, "RTRIM"), type: r.type, nullable: r.nullable, hasAggregate: r.hasAggregate, hasWindow: r.hasWindow)
        }
        if target.isCharacter { l = l.retyped(target); r = r.retyped(target) }
        return .binary(op, l, r, type: .boolean)
    }

    private func isColumn(_ e: Expr) -> Bool { if case .column = e.kind { return true }; return false }

    /// A DATE compared with a midnight TIMESTAMP constant compares as dates, so the DATE column is
    /// not converted row by row (and its index stays usable). Nil when that does not apply.
    private func dateComparison(_ op: String, _ left: Expr, _ right: Expr) throws -> Expr? {
        func midnight(_ e: Expr) -> String? {
            guard e.type == .timestamp || e.type == .unknown, case .text(let t) = e.literalValue ?? .null,
                  let (value, _) = DateTimeValue.parse(t), value.hour == 0, value.minute == 0, value.second == 0, value.microsecond == 0 else { return nil }
            return value.dateText
        }
        if left.type == .date, let day = midnight(right) { return .binary(op, left, .literal(.text(day), .date), type: .boolean) }
        if right.type == .date, let day = midnight(left) { return .binary(op, .literal(.text(day), .date), right, type: .boolean) }
        return nil
    }

    func bindBinary(_ op: String, _ left: Expr, _ right: Expr, position: Int) throws -> Expr {
        if let bound = try bindVarbyteOperator(op, left, right, position: position) { return bound }
        if ["+", "-", "*", "/", "%"].contains(op), left.type == .super || right.type == .super { return try bindSuperArithmetic(op, left, right) }
        switch op {
        case "and", "or":
            let l = try booleanOperand(left, op: op.uppercased(), position: position)
            let r = try booleanOperand(right, op: op.uppercased(), position: position)
            if op == "or" { return Self.factoredOr(l, r) }
            return .binary(op.uppercased(), l, r, type: .boolean)
        case "=", "<>", "<", ">", "<=", ">=":
            return try bindComparison(op, left, right, position: position)
        case "is distinct from", "is not distinct from":
            // NULL-safe comparison: SQLite's IS NOT / IS (r_expressions; PostgreSQL semantics).
            return try bindComparison(op == "is distinct from" ? "IS NOT" : "IS", left, right, position: position).with(nullable: false)
        case "||":
            let l = try textOperand(left), r = try textOperand(right)
            func length(_ e: Expr) -> Int {
                switch e.type {
                case .varchar(let n), .char(let n): return n
                default: if case .text(let t) = e.literalValue ?? .null { return t.utf8.count }; return 256
                }
            }
            return .binary("||", l, r, type: .varchar(length: min(length(l) + length(r), 65535)))
        default:
            return try bindArithmetic(op, left, right, position: position)
        }
    }

    private func bindArithmetic(_ op: String, _ left: Expr, _ right: Expr, position: Int) throws -> Expr {
        var l = left, r = right
        if let joined = dateTimeConcatenation(op, l, r) { return joined }
        if l.type == .interval || r.type == .interval || (l.type.isDatetime && r.type.isDatetime && op == "-" && !(l.type == .date && r.type == .date)) {
            return try bindIntervalArithmetic(op, l, r, position: position)
        }
        if l.type == .unknown { l = try coerce(l, to: r.type == .unknown || !r.type.isNumeric ? .integer : r.type) }
        if r.type == .unknown { r = try coerce(r, to: l.type.isNumeric ? l.type : .integer) }
        // Date arithmetic: date ± integer → date; date − date → integer days.
        if l.type == .date, r.type.isInteger, op == "+" || op == "-" {
            let days = op == "+" ? r : Expr(kind: .unary("-", r), type: r.type, nullable: r.nullable)
            return .call("date", [l, .call("printf", [.literal(.text("%+d days"), .varchar(length: 8)), days], type: .varchar(length: 16))], type: .date)
        }
        if l.type.isInteger, r.type == .date, op == "+" { return try bindArithmetic("+", r, l, position: position) }
        if l.type == .date, r.type == .date, op == "-" {
            return Expr(kind: .cast(.binary("-", .call("julianday", [l], type: .doublePrecision), .call("julianday", [r], type: .doublePrecision), type: .doublePrecision), "INTEGER"), type: .integer, nullable: l.nullable || r.nullable)
        }
        if l.type.isCharacter, r.type.isCharacter, op == "+" {
            return .binary("||", l, r, type: .varchar(length: 65535))
        }
        guard l.type.isNumeric, r.type.isNumeric else {
            throw SQLError.undefinedFunction("operator does not exist: \(l.type.formatTypeName) \(op) \(r.type.formatTypeName)", at: position)
        }
        if op == "^" {
            return .call("rs_power", [try coerce(l, to: .doublePrecision), try coerce(r, to: .doublePrecision)], type: .doublePrecision)
        }
        let type = TypeRules.arithmetic(op, l.type, r.type)
        if type.isFloat {
            // A DECIMAL operand becomes a double first (its stored value is scaled).
            l = try coerce(l, to: .doublePrecision).retyped(l.type.isFloat ? l.type : .doublePrecision)
            r = try coerce(r, to: .doublePrecision).retyped(r.type.isFloat ? r.type : .doublePrecision)
        } else if type.isDecimal {
            return try bindDecimalArithmetic(op, l, r, type: type)
        }
        if op == "/" || op == "%" {
            // Division by zero is an error in Redshift; SQLite would return NULL.
            if let value = r.literalValue, value != .integer(0), value != .real(0), value != .null {} else {
                r = .call("rs_nonzero", [r], type: r.type)
            }
            if op == "%" && !(l.type.isInteger && r.type.isInteger) {
                return .call("rs_mod", [l, r], type: type)
            }
            return .binary(op, l, r, type: type)
        }
        if let a = l.literalValue, let b = r.literalValue, case .integer(let x) = a, case .integer(let y) = b, type.isInteger {
            // Constant integer arithmetic folds now (with Redshift's range check).
            let (value, overflow) = op == "+" ? x.addingReportingOverflow(y) : op == "-" ? x.subtractingReportingOverflow(y) : x.multipliedReportingOverflow(by: y)
            if overflow { throw ValueConversion.outOfRange(type) }
            return .literal(try ValueConversion.convert(.integer(value), from: .bigint, to: type, explicit: false), type)
        }
        return checked(.binary(op, l, r, type: type))
    }

    private func bindCase(operand: AST.Expression?, whens: [AST.When], otherwise: AST.Expression?, scope: Scope, clause: Clause, position: Int) throws -> Expr {
        let subject = try operand.map { try bindExpression($0, scope: scope, clause: clause) }
        var conditions: [Expr] = []
        var results: [Expr] = []
        for when in whens {
            let condition = try bindExpression(when.condition, scope: scope, clause: clause)
            if let subject {
                conditions.append(try bindComparison("=", subject, condition, position: when.condition.position))
            } else {
                conditions.append(try booleanOperand(condition, op: "CASE/WHEN", position: when.condition.position))
            }
            results.append(try bindExpression(when.result, scope: scope, clause: clause))
        }
        let elseValue = try otherwise.map { try bindExpression($0, scope: scope, clause: clause) }
        let all = results + (elseValue.map { [$0] } ?? [])
        guard let type = TypeRules.common(all.map(\.type)) else {
            let types = all.map(\.type).filter { $0 != .unknown }
            throw SQLError.datatype("CASE types \(types.first!.formatTypeName) and \(types.last!.formatTypeName) cannot be matched", at: position)
        }
        let resultType = type == .unknown ? RedshiftType.varchar(length: 256) : type
        let pairs = try zip(conditions, results).map { Bound.Pair(condition: $0, result: try coerce($1, to: resultType)) }
        let elseBound = try elseValue.map { try coerce($0, to: resultType) }
        let parts = conditions + results + (elseBound.map { [$0] } ?? [])
        return Expr(kind: .caseWhen(operand: nil, whens: pairs, otherwise: elseBound), type: resultType,
                    nullable: elseBound == nil || parts.contains { $0.nullable },
                    hasAggregate: parts.contains { $0.hasAggregate } || (subject?.hasAggregate ?? false),
                    hasWindow: parts.contains { $0.hasWindow })
    }
}

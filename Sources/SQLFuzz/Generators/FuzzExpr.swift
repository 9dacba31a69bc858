/// A generated SQL expression as a tree, so a mismatch can be shrunk by replacing a node with a
/// simpler one of the same family.
///
/// A leaf's `template` is its SQL text as is; an inner node's template names its arguments `$0`…`$9`.
/// For example, `FuzzExpr("($0 + $1)", .number, [a, b])` renders as `(t.c1 + 1)`.
public struct FuzzExpr: Sendable, CustomStringConvertible {
    public var template: String
    public var family: FuzzType.Family
    public var args: [FuzzExpr]

    public init(_ template: String, _ family: FuzzType.Family, _ args: [FuzzExpr] = []) {
        self.template = template
        self.family = family
        self.args = args
    }

    public static func leaf(_ sql: String, _ family: FuzzType.Family) -> FuzzExpr { FuzzExpr(sql, family) }

    /// The SQL text.
    public var sql: String {
        guard !args.isEmpty else { return template }
        var out = ""
        var chars = template[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "$", let d = chars.first, let index = d.wholeNumberValue, index < args.count {
                chars = chars.dropFirst()
                out += args[index].sql
            } else {
                out.append(c)
            }
        }
        return out
    }

    public var description: String { sql }

    /// How many nodes: the size a shrink reduces.
    public var size: Int { 1 + args.reduce(0) { $0 + $1.size } }

    /// Every expression one step simpler: a node replaced by one of its same-family children or by
    /// NULL (a boolean node also by TRUE and FALSE).
    public func simplifications() -> [FuzzExpr] {
        var out: [FuzzExpr] = []
        if !args.isEmpty {
            out += args.filter { $0.family == family }
            out.append(.leaf("NULL", family))
            if family == .boolean { out += [.leaf("TRUE", .boolean), .leaf("FALSE", .boolean)] }
        }
        for (i, arg) in args.enumerated() {
            for simpler in arg.simplifications() {
                var copy = self
                copy.args[i] = simpler
                out.append(copy)
            }
        }
        return out
    }
}

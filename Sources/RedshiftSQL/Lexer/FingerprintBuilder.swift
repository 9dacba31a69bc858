/// Builds the normalized text of `SQLFingerprint` token by token, as the lexer produces them.
///
/// Literals become `?`, words come lower-cased (the lexer folds them), quoted identifiers and
/// parameters stay as written, comments and runs of whitespace become one space, a list of only
/// literals `(?, ?, ?)` becomes `(?)`, a row of `VALUES` that repeats the row before it is dropped
/// (`VALUES (?, :p), (?, :p)` → `VALUES (?, :p)`), trailing `;` are dropped.
struct FingerprintBuilder {
    /// An open `(`: where it starts, whether only literals and commas followed so far, and the
    /// row of VALUES it may repeat.
    private struct Group {
        var start: Int
        var isRow: Bool
        var onlyLiterals = true
        var values = 0
        var expectingValue = true
        var sibling: Range<Int>?
    }

    private var bytes: [UInt8] = []
    /// Where the previous token ended (0-based scalar offset).
    private var previousEnd = 0
    private var pendingSpace = false
    private var open: [Group] = []
    /// The row of VALUES closed last, while nothing but a `,` followed it.
    private var closed: Range<Int>?
    private var commaAfterClosed = false
    private var afterValues = false

    mutating func add(_ token: Token, source: [Unicode.Scalar]) {
        if token.position - 1 > previousEnd { pendingSpace = true }
        previousEnd = max(previousEnd, token.end)
        switch token.kind {
        case .end: return
        case .comment: pendingSpace = true; return
        default: break
        }
        if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
        pendingSpace = false
        // One-character symbols are told apart by their scalar (cheaper than comparing strings).
        let symbol: Unicode.Scalar? = token.kind == .symbol && token.end == token.position ? source[token.position - 1] : nil
        if symbol == "(" {
            openGroup()
        } else if symbol == ")" {
            closeGroup()
        } else {
            let isComma = symbol == ","
            switch token.kind {
            case .string, .number: bytes.append(0x3F)  // ?
            case .quotedIdentifier, .parameter: append(source, token)
            default: bytes.append(contentsOf: token.text.utf8)
            }
            if let last = open.indices.last { Self.update(&open[last], literal: token.kind == .string || token.kind == .number, comma: isComma) }
            if isComma, closed != nil, !commaAfterClosed { commaAfterClosed = true } else { closed = nil; commaAfterClosed = false }
            afterValues = token.kind == .word && token.text.utf8.count == 6 && token.text == "values"
        }
    }

    /// The fingerprint, without trailing `;` and spaces.
    mutating func finish() -> String {
        while let last = bytes.last, last == 0x20 || last == 0x3B { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func openGroup() {
        if let last = open.indices.last { open[last].onlyLiterals = false }
        let sibling = commaAfterClosed ? closed : nil
        open.append(Group(start: bytes.count, isRow: afterValues || sibling != nil, sibling: sibling))
        closed = nil
        commaAfterClosed = false
        afterValues = false
        bytes.append(0x28)
    }

    private mutating func closeGroup() {
        closed = nil
        commaAfterClosed = false
        afterValues = false
        guard let group = open.popLast() else { bytes.append(0x29); return }
        if group.onlyLiterals, group.values > 0, !group.expectingValue {
            bytes.removeSubrange(group.start...)
            bytes.append(contentsOf: [0x28, 0x3F, 0x29])  // (?)
        } else {
            bytes.append(0x29)
        }
        guard group.isRow else { return }
        if let sibling = group.sibling, bytes[sibling].elementsEqual(bytes[group.start...]) {
            bytes.removeSubrange(sibling.upperBound...)
            closed = sibling
        } else {
            closed = group.start..<bytes.count
        }
    }

    /// Tracks whether an open group holds only literals separated by commas.
    private static func update(_ group: inout Group, literal: Bool, comma: Bool) {
        guard group.onlyLiterals else { return }
        if literal, group.expectingValue {
            group.values += 1
            group.expectingValue = false
        } else if comma, !group.expectingValue {
            group.expectingValue = true
        } else {
            group.onlyLiterals = false
        }
    }

    /// The token as written.
    private mutating func append(_ source: [Unicode.Scalar], _ token: Token) {
        let start = min(max(token.position - 1, 0), source.count), end = min(max(token.end, start), source.count)
        for scalar in source[start..<end] {
            if scalar.value < 0x80 { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
        }
    }
}

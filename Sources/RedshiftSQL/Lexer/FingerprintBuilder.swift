/// Builds the normalized text of `SQLFingerprint` token by token, as the lexer produces them.
///
/// Literals become `?`, words come lower-cased (the lexer folds them), quoted identifiers and
/// parameters stay as written, comments and runs of whitespace become one space, a list of
/// literals `(?, ?, ?)` becomes `(?)` and repeats of it (`VALUES (?), (?)`) are dropped, trailing
/// `;` are dropped.
struct FingerprintBuilder {
    private var bytes: [UInt8] = []
    /// Where the previous token ended (0-based scalar offset).
    private var previousEnd = 0
    private var pendingSpace = false
    /// A `(` whose contents so far are only literals and commas.
    private var list: (start: Int, values: Int, expectingValue: Bool, repeatOf: Int?)?
    /// The length of the text right after the last collapsed `(?)`, while only a `,` followed it.
    private var afterList: Int?
    private var commaAfterList = false

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
        switch token.kind {
        case .string, .number:
            bytes.append(0x3F)  // ?
            if let open = list, open.expectingValue {
                list = (open.start, open.values + 1, false, open.repeatOf)
            } else {
                list = nil
            }
            afterList = nil
        case .symbol where token.text == "(":
            let repeatOf = commaAfterList ? afterList : nil
            afterList = nil
            commaAfterList = false
            list = (bytes.count, 0, true, repeatOf)
            bytes.append(0x28)
        case .symbol where token.text == ",":
            bytes.append(0x2C)
            if let open = list {
                list = open.expectingValue ? nil : (open.start, open.values, true, open.repeatOf)
                afterList = nil
            } else if afterList != nil, !commaAfterList {
                commaAfterList = true
                return
            } else {
                afterList = nil
            }
        case .symbol where token.text == ")":
            if let open = list, !open.expectingValue, open.values > 0 {
                if let repeatOf = open.repeatOf {
                    bytes.removeSubrange(repeatOf...)
                } else {
                    bytes.removeSubrange(open.start...)
                    bytes.append(contentsOf: [0x28, 0x3F, 0x29])  // (?)
                }
                list = nil
                afterList = bytes.count
                commaAfterList = false
                return
            }
            bytes.append(0x29)
            list = nil
            afterList = nil
        case .quotedIdentifier, .parameter:
            append(source, token)
            list = nil
            afterList = nil
        default:
            bytes.append(contentsOf: token.text.utf8)
            list = nil
            afterList = nil
        }
        commaAfterList = false
    }

    /// The fingerprint, without trailing `;` and spaces.
    mutating func finish() -> String {
        while let last = bytes.last, last == 0x20 || last == 0x3B { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The token as written.
    private mutating func append(_ source: [Unicode.Scalar], _ token: Token) {
        let start = min(max(token.position - 1, 0), source.count), end = min(max(token.end, start), source.count)
        for scalar in source[start..<end] {
            if scalar.value < 0x80 { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
        }
    }
}

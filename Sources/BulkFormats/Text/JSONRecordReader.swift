import ObjectStore

/// Reads COPY's JSON input: top-level objects one after the other (white space between them, or
/// none), each mapped to the loaded columns by name ('auto', 'auto ignorecase') or by JSONPaths.
///
/// - Redshift: copy-usage_notes-copy-from-json (JSON 'auto': keys match column names; 'auto
///   ignorecase': in any case; a JSONPaths file: `{"jsonpaths": ["$.a", "$['b']", "$.c[0]"]}`, one
///   expression per column). Objects and arrays load into SUPER columns as JSON text; a missing key
///   or a JSON null loads NULL. line_number is the object's last line (r_STL_LOAD_ERRORS).
public final class JSONRecordReader: TextRecordSource {
    /// How fields are found in an object.
    public enum Mapping: Sendable {
        case names([String], ignoringCase: Bool)
        case paths([[JSONPathStep]])
    }

    /// One step of a JSONPath: a member name or an array index.
    public enum JSONPathStep: Equatable, Sendable {
        case member(String)
        case index(Int)
    }

    private let lines: ByteSourceScanner
    private let mapping: Mapping
    private var fields: [[UInt8]?] = []
    private var raw: [UInt8] = []
    public private(set) var lineNumber = 0
    public private(set) var recordError: DelimitedRecordReader.RecordError?

    public init(_ source: any ByteReader, mapping: Mapping) {
        lines = ByteSourceScanner(source)
        self.mapping = mapping
    }

    public func next() throws -> Bool {
        recordError = nil
        guard let object = try lines.nextTopLevelValue() else { return false }
        raw = Array(object.prefix(DelimitedRecordReader.rawLineLimit))
        lineNumber = lines.line
        let count: Int
        switch mapping {
        case .names(let names, _): count = names.count
        case .paths(let paths): count = paths.count
        }
        guard let node = JSONNodeParser.parse(object), case .object = node else {
            fields = Array(repeating: nil, count: count)
            recordError = .init(code: 1224, reason: "Invalid JSONPath format or input JSON: not a JSON object")
            return true
        }
        switch mapping {
        case .names(let names, let ignoringCase):
            fields = names.map { Self.text(node.member($0, ignoringCase: ignoringCase)) }
        case .paths(let paths):
            fields = paths.map { path in
                var current: JSONNode? = node
                for step in path {
                    switch step {
                    case .member(let key): current = current?.member(key)
                    case .index(let i):
                        if case .array(let items)? = current, i >= 0, i < items.count { current = items[i] } else { current = nil }
                    }
                }
                return Self.text(current)
            }
        }
        return true
    }

    private static func text(_ node: JSONNode?) -> [UInt8]? {
        switch node {
        case nil, .null?: return nil
        case .string(let s)?: return Array(s.utf8)
        case .number(let n)?: return Array(n.utf8)
        case .bool(let b)?: return Array((b ? "true" : "false").utf8)
        case let other?: return Array(other.jsonText.utf8)
        }
    }

    public func skipLines(_ count: Int) throws {}
    public var fieldCount: Int { fields.count }
    public func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try (fields[index] ?? []).withUnsafeBufferPointer(body)
    }
    /// JSON strings are never NULL AS matches: they count as quoted.
    public func isQuoted(_ index: Int) -> Bool { true }
    public func isNull(_ index: Int) -> Bool { fields[index] == nil }
    public var rawLine: [UInt8] { raw }

    /// Parses a JSONPaths file (`{"jsonpaths": ["$.a", "$['b']", "$.c[0]"]}`); nil when malformed.
    public static func paths(fromJSONPathsFile bytes: [UInt8]) -> [[JSONPathStep]]? {
        guard let root = JSONNodeParser.parse(bytes), case .array(let items)? = root.member("jsonpaths") else { return nil }
        var result: [[JSONPathStep]] = []
        for item in items {
            guard case .string(let expression) = item, let steps = parsePath(expression) else { return nil }
            result.append(steps)
        }
        return result
    }

    static func parsePath(_ expression: String) -> [JSONPathStep]? {
        var chars = Array(expression)[...]
        guard chars.first == "$" else { return nil }
        chars = chars.dropFirst()
        var steps: [JSONPathStep] = []
        while let c = chars.first {
            if c == "." {
                chars = chars.dropFirst()
                let name = chars.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.member(String(name)))
                chars = chars.dropFirst(name.count)
            } else if c == "[" {
                chars = chars.dropFirst()
                guard let close = chars.firstIndex(of: "]") else { return nil }
                let inside = String(chars[chars.startIndex..<close]).trimmingCharacters(in: [" "])
                if inside.hasPrefix("'") || inside.hasPrefix("\"") {
                    guard inside.count >= 2 else { return nil }
                    steps.append(.member(String(inside.dropFirst().dropLast())))
                } else {
                    guard let i = Int(inside) else { return nil }
                    steps.append(.index(i))
                }
                chars = chars[chars.index(after: close)...]
            } else {
                return nil
            }
        }
        return steps
    }
}

/// Splits a byte stream into top-level JSON values by tracking braces, brackets and strings,
/// without holding more than one value.
final class ByteSourceScanner {
    private let source: any ByteReader
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// The line the last value ended on.
    private(set) var line = 1

    init(_ source: any ByteReader) { self.source = source }

    private func nextByte() throws -> UInt8? {
        if position == buffer.count {
            if atEnd { return nil }
            buffer = try source.read(maxLength: 1 << 20)
            position = 0
            if buffer.isEmpty { atEnd = true; return nil }
        }
        position += 1
        return buffer[position - 1]
    }

    func nextTopLevelValue() throws -> [UInt8]? {
        var value: [UInt8] = []
        var depth = 0, inString = false, escaped = false
        while let byte = try nextByte() {
            if byte == 10 { line += 1 }
            if value.isEmpty && depth == 0 && (byte == 32 || byte == 9 || byte == 10 || byte == 13) { continue }
            value.append(byte)
            if value.count > DelimitedRecordReader.maximumRecordBytes { throw RecordTooLong(line: line) }
            if inString {
                if escaped { escaped = false } else if byte == 92 { escaped = true } else if byte == 34 { inString = false }
                continue
            }
            switch byte {
            case 34: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 { return value }
            default:
                if depth == 0 && (byte == 10) { return value }
            }
        }
        return value.isEmpty ? nil : value
    }
}

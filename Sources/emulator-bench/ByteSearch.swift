import Glibc

/// The little parsing the load generator does: byte searches over a response body, no JSON decoder.
enum ByteSearch {
    /// The first index of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        let n = needle.count
        guard n > 0, haystack.count - from >= n, let base = haystack.baseAddress else { return nil }
        let first = Int32(needle[0])
        var position = from
        return needle.withUnsafeBytes { needleBytes -> Int? in
            while position <= haystack.count - n {
                guard let hit = memchr(base + position, first, haystack.count - n + 1 - position) else { return nil }
                let index = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + index, needleBytes.baseAddress!, n) == 0 { return index }
                position = index + 1
            }
            return nil
        }
    }

    /// The first index of `lowercaseNeedle` in `haystack`, comparing ASCII letters without case.
    static func findIgnoringCase(_ lowercaseNeedle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        let n = lowercaseNeedle.count
        guard n > 0, haystack.count >= n else { return nil }
        outer: for start in 0...(haystack.count - n) {
            for offset in 0..<n {
                var c = haystack[start + offset]
                if c >= 65 && c <= 90 { c += 32 }
                if c != lowercaseNeedle[offset] { continue outer }
            }
            return start
        }
        return nil
    }

    /// The string value of the first `"Key"` member: tolerates whitespace around the colon (moto's
    /// `json.dumps` writes `"Id": "…"`); does not unescape (ids, statuses and tokens need none).
    static func stringValue(of quotedKey: [UInt8], in body: UnsafeRawBufferPointer) -> String? {
        guard var index = find(quotedKey, in: body) else { return nil }
        index += quotedKey.count
        while index < body.count, body[index] == 32 || body[index] == 58 { index += 1 }   // ' ' and ':'
        guard index < body.count, body[index] == 34 else { return nil }                      // '"'
        let start = index + 1
        var end = start
        while end < body.count, body[end] != 34 {
            end += body[end] == 92 ? 2 : 1                                                  // skip escapes
        }
        guard end <= body.count else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: body[start..<end]), as: UTF8.self)
    }

    /// The integer value of the first `"Key"` member, if it is a number.
    static func intValue(of quotedKey: [UInt8], in body: UnsafeRawBufferPointer) -> Int? {
        guard var index = find(quotedKey, in: body) else { return nil }
        index += quotedKey.count
        while index < body.count, body[index] == 32 || body[index] == 58 { index += 1 }
        var value = 0
        var digits = 0
        while index < body.count, body[index] >= 48 && body[index] <= 57 {
            value = value * 10 + Int(body[index]) - 48
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Rows in a GetStatementResult page: the arrays opened directly inside `"Records":[ … ]`,
    /// found by one pass over the bytes that tracks nesting and skips string contents.
    static func countJSONRecords(in body: UnsafeRawBufferPointer) -> Int {
        guard let key = find(recordsKey, in: body) else { return 0 }
        var index = key + recordsKey.count
        while index < body.count, body[index] != 91 { index += 1 }   // the '[' of Records
        var depth = 0
        var rows = 0
        var inString = false
        while index < body.count {
            let c = body[index]
            if inString {
                if c == 92 { index += 1 } else if c == 34 { inString = false }
            } else {
                switch c {
                case 34: inString = true
                case 91, 123:                                       // '[' '{'
                    depth += 1
                    if depth == 2 && c == 91 { rows += 1 }
                case 93, 125:                                       // ']' '}'
                    depth -= 1
                    if depth == 0 { return rows }
                default: break
                }
            }
            index += 1
        }
        return rows
    }

    /// Occurrences of `needle` (non-overlapping) — e.g. the escaped `\r\n` ending each CSV record.
    static func count(_ needle: [UInt8], in body: UnsafeRawBufferPointer) -> Int {
        var total = 0
        var position = 0
        while let hit = find(needle, in: body, from: position) {
            total += 1
            position = hit + needle.count
        }
        return total
    }

    static let recordsKey = Array(#""Records""#.utf8)
    static let idKey = Array(#""Id""#.utf8)
    static let statusKey = Array(#""Status""#.utf8)
    static let nextTokenKey = Array(#""NextToken""#.utf8)
    static let totalNumRowsKey = Array(#""TotalNumRows""#.utf8)
    static let errorKey = Array(#""Error""#.utf8)
    static let escapedCRLF = Array(#"\r\n"#.utf8)
}

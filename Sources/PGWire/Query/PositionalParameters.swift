import Engine
import RedshiftSQL

/// Extended-query parameters: `$1`, `$2` … in the SQL become the engine's named parameters
/// (`:pg_1`, …), found with the SQL front end's lexer (never inside literals or comments), and the
/// text values are bound by name, never spliced into the SQL.
///
/// A parameter Parse gave a type is cast to it (`CAST(:pg_1 AS BIGINT)`), so that `SELECT $1`
/// answers that type as PostgreSQL does; one without a type stays untyped and takes its type from
/// its context. A NULL value becomes the keyword `NULL` (cast likewise): the only text spliced in
/// is a constant keyword and a type name, never a client's value.
enum PositionalParameters {
    /// The SQL with `$n` rewritten, and the bound values. `types` are Parse's OIDs (missing or 0:
    /// unspecified); a `$n` beyond `values` is left as `:pg_n`, which the engine reports unbound.
    static func rewrite(_ sql: String, values: [String?], types: [Int32] = []) -> (sql: String, parameters: [StatementParameter]) {
        let rewritten = rewriteMapped(sql, values: values, types: types)
        return (rewritten.sql, rewritten.parameters)
    }

    /// `rewrite`, and how to find an error position of the rewritten SQL in the client's.
    static func rewriteMapped(_ sql: String, values: [String?], types: [Int32] = [])
        -> (sql: String, parameters: [StatementParameter], positions: PositionMap) {
        let tokens = SQLTokens(sql)
        var bytes: [UInt8] = []
        var cursor = 0
        var used = Set<Int>()
        var map = PositionMap(original: tokens.utf8)
        for token in tokens.tokens where token.kind == .positionalParameter {
            guard let index = Int(token.text.dropFirst()), index >= 1 else { continue }
            bytes += tokens.utf8[cursor..<token.utf8Range.lowerBound]
            let oid = index <= types.count ? types[index - 1] : PGTypeOID.unspecified
            let text: String
            if index > values.count {
                text = ":pg_\(index)"
            } else if let value = values[index - 1] {
                used.insert(index)
                text = PGTypeOID.isBinaryString(oid)
                    ? "FROM_HEX(:pg_\(index))"
                    : cast(":pg_\(index)", to: PGTypeOID.castType(of: oid, value: value))
            } else {
                text = cast("NULL", to: PGTypeOID.castType(of: oid, value: nil))
            }
            map.replacements.append(.init(rewritten: bytes.count..<(bytes.count + text.utf8.count), original: token.utf8Range))
            bytes += Array(text.utf8)
            cursor = token.utf8Range.upperBound
        }
        bytes += tokens.utf8[cursor...]
        let parameters = values.enumerated().compactMap { offset, value -> StatementParameter? in
            guard let value, used.contains(offset + 1) else { return nil }
            let oid = offset < types.count ? types[offset] : PGTypeOID.unspecified
            return StatementParameter(name: "pg_\(offset + 1)",
                                      value: PGTypeOID.isBinaryString(oid) ? PGTypeOID.hexDigits(ofByteaText: value) : value)
        }
        map.rewritten = bytes
        return (String(decoding: bytes, as: UTF8.self), parameters, map)
    }

    /// Error positions (1-based characters, ErrorResponse's `P`) of the rewritten SQL read back
    /// in the SQL the client sent: a position inside a replaced `$n` is that `$n`'s.
    struct PositionMap: Sendable {
        struct Replacement: Sendable {
            var rewritten: Range<Int>
            var original: Range<Int>
        }

        let original: [UInt8]
        var rewritten: [UInt8] = []
        var replacements: [Replacement] = []

        init(original: [UInt8]) {
            self.original = original
        }

        func originalPosition(_ position: Int) -> Int {
            guard !replacements.isEmpty, position >= 1 else { return position }
            let byte = Self.byteOffset(ofCharacter: position - 1, in: rewritten)
            var mapped = byte
            for replacement in replacements {
                if byte >= replacement.rewritten.upperBound {
                    mapped = byte - replacement.rewritten.upperBound + replacement.original.upperBound
                } else if byte >= replacement.rewritten.lowerBound {
                    mapped = replacement.original.lowerBound
                    break
                } else {
                    break
                }
            }
            let prefix = original.prefix(min(mapped, original.count))
            return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
        }

        /// The UTF-8 offset of the n-th (0-based) character of `bytes`.
        private static func byteOffset(ofCharacter n: Int, in bytes: [UInt8]) -> Int {
            var seen = 0
            for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                if seen == n { return offset }
                seen += 1
            }
            return bytes.count
        }
    }

    private static func cast(_ placeholder: String, to type: String?) -> String {
        type.map { "CAST(\(placeholder) AS \($0))" } ?? placeholder
    }

    /// How many parameters the SQL takes: the highest `$n`, except in PREPARE, whose `$n` are
    /// its body's (bound by EXECUTE), not the statement's.
    static func count(in sql: String) -> Int {
        let tokens = SQLTokens(sql)
        return tokens.leadingWord?.lowercased() == "prepare" ? 0 : tokens.highestPositionalParameter
    }
}

import Engine
import Foundation
import RedshiftSQL

/// The NoticeResponse Redshift sends for `DROP TABLE IF EXISTS` / `DROP VIEW IF EXISTS` of a
/// relation that does not exist (Developer Guide › DROP TABLE: IF EXISTS makes "no changes and
/// return[s] a message that the table doesn't exist, rather than terminating with an error"), worded
/// as PostgreSQL words it: `table "x" does not exist, skipping` (SQLSTATE 00000).
enum DropNotices {
    /// What a `DROP TABLE|VIEW IF EXISTS name[, name…]` names: the object kind and, per relation,
    /// its spelling (to probe it) and its unqualified name (for the message). nil for other statements.
    static func targets(of sql: String) -> (kind: String, relations: [(spelling: String, name: String)])? {
        guard mentionsExists(sql) else { return nil }   // most statements: no lexing
        let all = SQLTokens(sql)
        let tokens = all.tokens.filter { $0.kind != .comment }
        guard tokens.count >= 5, tokens[0].kind == .word, tokens[0].text == "drop",
              tokens[1].kind == .word, ["table", "view"].contains(tokens[1].text),
              tokens[2].kind == .word, tokens[2].text == "if", tokens[3].kind == .word, tokens[3].text == "exists" else {
            return nil
        }
        var relations: [(String, String)] = []
        var index = 4
        while index < tokens.count {
            // name [. name [. name]]
            var parts: [SQLTokens.Token] = []
            while index < tokens.count, tokens[index].kind == .word || tokens[index].kind == .quotedIdentifier,
                  !tokens[index].isMalformed {
                parts.append(tokens[index])
                index += 1
                guard index < tokens.count, tokens[index].kind == .symbol, tokens[index].text == "." else { break }
                index += 1
            }
            guard let first = parts.first, let last = parts.last else { return nil }
            let spelling = String(decoding: all.utf8[first.utf8Range.lowerBound..<last.utf8Range.upperBound], as: UTF8.self)
            relations.append((spelling, last.text))
            guard index < tokens.count else { break }
            if tokens[index].kind == .symbol, tokens[index].text == "," { index += 1; continue }
            if tokens[index].kind == .word, ["cascade", "restrict"].contains(tokens[index].text) { index += 1 }
            if index < tokens.count, tokens[index].kind == .symbol, tokens[index].text == ";" { index += 1 }
            guard index == tokens.count else { return nil }
        }
        return (tokens[1].text, relations)
    }

    /// The notices for the named relations that do not exist in the session now (asked before
    /// the DROP runs; a relation the user may not read is not reported missing).
    /// Whether `sql` holds the letters `exists` in any case (ASCII): a byte scan, no Foundation search.
    static func mentionsExists(_ sql: String) -> Bool {
        let word: [UInt8] = Array("exists".utf8)
        var matched = 0
        for byte in sql.utf8 {
            let lower = byte | 0x20   // ASCII letters to lower case; other bytes never match a letter below
            if lower == word[matched] {
                matched += 1
                if matched == word.count { return true }
            } else {
                matched = lower == word[0] ? 1 : 0
            }
        }
        return false
    }

    static func missing(in sql: String, engine: RedshiftEngine, sessionId: String) async -> [BackendMessage.Notice] {
        guard let (kind, relations) = targets(of: sql) else { return [] }
        var notices: [BackendMessage.Notice] = []
        for relation in relations {
            do {
                _ = try await engine.describeColumns(Translator.parse("SELECT 1 FROM \(relation.spelling)"),
                                                     inSession: sessionId, parameters: nil, probe: true)
            } catch let error as SQLError where error.code == "42P01" {
                notices.append(.init(severity: "NOTICE", code: "00000",
                                     message: "\(kind) \"\(relation.name)\" does not exist, skipping"))
            } catch {
                continue
            }
        }
        return notices
    }
}

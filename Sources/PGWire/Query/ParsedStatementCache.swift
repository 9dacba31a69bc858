import Engine
import RedshiftSQL
import Synchronization

/// A connection's recent parses (and command tag words) by statement text: a client that repeats a query (a prepared
/// statement, a polling loop) is not lexed and parsed again. A parse depends on nothing but the
/// text (`Translator.parse`), so an entry never goes stale; what the text means in the catalog
/// (grants, policies, tables) is decided later, by the translation of every run.
final class ParsedStatementCache: Sendable {
    static let capacity = 64
    private let parses = Mutex(RecentlyUsed<String, ParsedStatement>(capacity: ParsedStatementCache.capacity))
    private let words = Mutex(RecentlyUsed<String, [String]>(capacity: ParsedStatementCache.capacity))

    /// `Translator.parse(sql)`, from the cache when the text was parsed before.
    func parse(_ sql: String) -> ParsedStatement {
        if let parsed = parses.withLock({ $0.value(for: sql) }) { return parsed }
        let parsed = Translator.parse(sql)
        parses.withLock { $0.store(parsed, for: sql) }
        return parsed
    }

    /// `CommandTag.leadingWords(of:)` of the text, kept like the parses.
    func commandWords(of sql: String) -> [String] {
        if let words = words.withLock({ $0.value(for: sql) }) { return words }
        let words = CommandTag.leadingWords(of: sql)
        self.words.withLock { $0.store(words, for: sql) }
        return words
    }
}

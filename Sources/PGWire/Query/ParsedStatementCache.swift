import Engine
import RedshiftSQL
import Synchronization

/// A connection's recent parses by statement text: a client that repeats a query (a prepared
/// statement, a polling loop) is not lexed and parsed again. A parse depends on nothing but the
/// text (`Translator.parse`), so an entry never goes stale; what the text means in the catalog
/// (grants, policies, tables) is decided later, by the translation of every run.
final class ParsedStatementCache: Sendable {
    static let capacity = 64
    private let parses = Mutex(RecentlyUsed<String, ParsedStatement>(capacity: ParsedStatementCache.capacity))

    /// `Translator.parse(sql)`, from the cache when the text was parsed before.
    func parse(_ sql: String) -> ParsedStatement {
        if let parsed = parses.withLock({ $0.value(for: sql) }) { return parsed }
        let parsed = Translator.parse(sql)
        parses.withLock { $0.store(parsed, for: sql) }
        return parsed
    }
}

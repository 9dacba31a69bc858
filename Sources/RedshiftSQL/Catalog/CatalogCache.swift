import Foundation

/// Decoded catalog entries shared by every connection of the process, keyed by catalog generation.
///
/// `PhysicalLayout.generationSteps` keeps a random token in `_rs_generation` (and, per connection,
/// in `temp._rs_temp_generation`) that triggers replace whenever a meta table changes; the token is
/// read in the same SQLite statement as the rows it guards, so a token names exactly one catalog
/// state, across connections, transactions and rollbacks. An entry stored under a token therefore
/// never goes stale: a changed catalog has a new token and simply misses.
final class CatalogCache: Sendable {
    static let shared = CatalogCache()

    /// One table lookup: the generation it was read under, and the (schema, name) asked for.
    struct Key: Hashable, Sendable {
        var token: Int64
        var schema: String
        var name: String
    }

    private struct Entries: Sendable {
        var tables: [Key: TableDefinition?] = [:]
        var schemas: [Int64: Set<String>] = [:]
    }

    /// Bounds memory: past this many entries the cache starts over (old generations die with it).
    private let capacity = 4096
    private let entries = Locked(Entries())

    /// `.some(nil)` is a cached "no such table".
    func table(_ key: Key) -> TableDefinition?? {
        entries.withLock { $0.tables[key] }
    }

    func store(_ table: TableDefinition?, for key: Key) {
        entries.withLock {
            if $0.tables.count >= capacity { $0.tables.removeAll(keepingCapacity: true) }
            $0.tables[key] = .some(table)
        }
    }

    func schemas(_ token: Int64) -> Set<String>? {
        entries.withLock { $0.schemas[token] }
    }

    func store(schemas names: Set<String>, for token: Int64) {
        entries.withLock {
            if $0.schemas.count >= 64 { $0.schemas.removeAll(keepingCapacity: true) }
            $0.schemas[token] = names
        }
    }
}

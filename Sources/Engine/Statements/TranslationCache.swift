import Foundation
import RedshiftSQL

/// A connection's translations of the queries it runs again and again (dashboards, polling,
/// benchmarks), reused while nothing was written (`WriteGeneration`).
///
/// A translation's inputs are the text and parameters, the user, the session's settings, search
/// path and catalog (changed only by writes: every statement that is not read-only bumps the
/// generation, and the cache is emptied when it moves), the session's last COPY/UNLOAD figures
/// (in the key) and the statement's clock. The clock is the one input that changes with no write,
/// so a query is kept only after a second translation of it with a clock a day later came out the
/// same (it does not read the clock); that probe is made the second time a text is seen, so a
/// statement run once costs no extra translation. Only queries are kept (`kind == .query`).
struct TranslationCache {
    struct Key: Hashable {
        var sql: String
        var parameters: [String: String]?
        var user: String
        var isSuperuser: Bool
        var lastUnloadCount: Int64
        var lastUnloadId: Int64
        var lastCopyCount: Int64
        var lastCopyId: Int64
    }

    static let capacity = 64
    private var generation: UInt64?
    /// Queries translated once at this generation, not yet probed.
    private var seen = RecentlyUsed<Key, Bool>(capacity: TranslationCache.capacity)
    private var kept = RecentlyUsed<Key, Translation>(capacity: TranslationCache.capacity)

    /// The kept translation of `key`, if nothing was written since it was made.
    mutating func translation(for key: Key, at generation: UInt64) -> Translation? {
        guard self.generation == generation else { return nil }
        return kept.value(for: key)
    }

    /// Records `translation`, made at `generation`; the second time, keeps it when `translateLater`
    /// (the same translation with a later clock) comes out the same.
    mutating func learn(_ translation: Translation, for key: Key, at generation: UInt64,
                        translateLater: () throws -> Translation) {
        guard case .query = translation.kind, translation.externalWrite == nil else { return }
        if self.generation != generation {
            self.generation = generation
            seen = RecentlyUsed(capacity: Self.capacity)
            kept = RecentlyUsed(capacity: Self.capacity)
        }
        guard seen.value(for: key) != nil else {
            seen.store(true, for: key)
            return
        }
        seen.removeValue(for: key)
        guard let later = try? translateLater(), Self.same(translation, later) else { return }
        kept.store(translation, for: key)
    }

    private static func same(_ a: Translation, _ b: Translation) -> Bool {
        a.kind == b.kind && a.steps == b.steps && a.resultColumns == b.resultColumns
            && a.engineRelations == b.engineRelations && a.externalScans == b.externalScans
            && a.appliedPolicies == b.appliedPolicies && a.appliedMasking == b.appliedMasking
    }
}

/// A small, fast, deterministic random number generator (SplitMix64) for `--seed` runs.
///
/// Every simulated quantity (latencies, fault probabilities) draws from one of these, so the same seed
/// gives the same run. A value type: copying it forks the sequence.
///
/// For example:
/// ```swift
/// var random = SeededRandom(seed: 42)
/// let jitter = Int.random(in: 50...150, using: &random)      // the same every run with seed 42
/// var perStatement = SeededRandom(seed: 42, stream: "01HZX…") // independent of interleaving
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    /// Starts the sequence for `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one named stream of `seed` (e.g. a statement id), so that the values a statement
    /// draws do not depend on how concurrent statements interleave.
    public init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325              // FNV-1a 64, stable across runs and platforms
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var mixer = SeededRandom(seed: seed ^ hash)
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform value in `[0, 1)` with 53 bits of precision.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

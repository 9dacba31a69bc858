/// A Redshift aggregate the generator emits as an `rs_<name>(...)` aggregate call; the engine
/// registers each on every SQLite connection (next to the scalar `EmulatedFunction`s).
///
/// SQLite calls `step` once per input row of a group and `finish` once per group (also for an
/// empty group, on a fresh accumulator). Bodies throw `SQLError` for Redshift runtime errors.
public struct EmulatedAggregate: Sendable {
    /// The SQLite function name, `rs_…`.
    public let name: String
    /// nil = variadic.
    public let argumentCount: Int?
    /// Makes the state of one group.
    public let makeAccumulator: @Sendable () -> any AggregateAccumulator

    public init(_ name: String, argumentCount: Int?, makeAccumulator: @escaping @Sendable () -> any AggregateAccumulator) {
        self.name = name
        self.argumentCount = argumentCount
        self.makeAccumulator = makeAccumulator
    }
}

/// The running state of one aggregate over one group.
public protocol AggregateAccumulator: AnyObject {
    /// Takes one input row's arguments.
    func step(_ arguments: [SQLiteValue]) throws
    /// The aggregate's value for the rows seen so far.
    func finish() throws -> SQLiteValue
}

/// Every emulated aggregate. Each area adds its list here (as `EmulatedFunctions.all` does).
public enum EmulatedAggregates {
    public static var all: [EmulatedAggregate] { statisticalAggregates + WideDecimalAggregates.all + hllAggregates }

    private static let byName: [String: EmulatedAggregate] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The aggregate named `name`, for tests and tools.
    public static func named(_ name: String) -> EmulatedAggregate? { byName[name] }
}

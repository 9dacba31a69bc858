import Synchronization

/// A process-wide count of the statements that may have changed stored state (anything not
/// read-only, every transaction end, a snapshot restore), bumped once what they wrote is committed
/// or rolled back.
///
/// What a connection derived from stored state while the count stood still (the principal log it
/// read, the columns a statement was described with) is still true: nothing was written since.
enum WriteGeneration {
    private static let count = Atomic<UInt64>(0)

    static var current: UInt64 { count.load(ordering: .sequentiallyConsistent) }

    static func bump() {
        count.add(1, ordering: .sequentiallyConsistent)
    }
}

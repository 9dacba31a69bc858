import Engine
import Foundation

/// What the console shows that the engine does not keep: the last statements that ended (both
/// doors and the console's own), the cluster-endpoint connections open now, and WLM's queues
/// sampled once a second over the last ten minutes. Fed as an event sink; one lock.
public final class ConsoleActivity: StatementEventSink, @unchecked Sendable {   // every var under `lock`
    /// One ended statement, numbered in the order it ended.
    struct Ended {
        var sequence: Int64
        var event: StatementEvent
    }

    /// One queue at one instant.
    struct QueueSample: Codable {
        var time: Date
        var target: String
        var queue: String
        var slots: Int?
        var inUse: Int
        var running: Int
        var waiting: Int
    }

    private let lock = NSLock()
    private var ended: RingBuffer<Ended>
    private var nextSequence: Int64 = 1
    private var connections: [String: ConnectionEvent] = [:]
    private var samples: [QueueSample] = []
    let capacity: Int
    static let sampleWindow: TimeInterval = 600

    public init(capacity: Int = 5_000) {
        self.capacity = max(1, capacity)
        ended = RingBuffer(capacity: self.capacity)
    }

    public func statementEnded(_ event: StatementEvent) {
        var event = event
        event.result = nil   // the rows stay with the engine
        lock.withLock {
            ended.append(Ended(sequence: nextSequence, event: event))
            nextSequence += 1
        }
    }

    public func connectionChanged(_ event: ConnectionEvent) {
        lock.withLock {
            switch event.kind {
            case .connect: connections[event.sessionId] = event
            case .disconnect: connections[event.sessionId] = nil
            }
        }
    }

    /// The ended statements that `include` accepts, newest first, at most `limit`.
    func recent(limit: Int, where include: (StatementEvent) -> Bool) -> [Ended] {
        lock.withLock {
            var found: [Ended] = []
            for entry in ended.newestFirst where include(entry.event) {
                found.append(entry)
                if found.count == limit { break }
            }
            return found
        }
    }

    func ended(id: String) -> StatementEvent? {
        lock.withLock { ended.last { $0.event.statementId == id }?.event }
    }

    /// The open cluster-endpoint connection of a session, if it is one.
    func connection(session id: String) -> ConnectionEvent? {
        lock.withLock { connections[id] }
    }

    /// Records every queue of every cluster now, and forgets samples older than the window.
    public func sample(_ engine: RedshiftEngine, at time: Date = Date()) {
        let states = engine.workloadStates()
        lock.withLock {
            for (target, state) in states {
                for queue in state.serviceClasses {
                    samples.append(QueueSample(time: time, target: target.name, queue: queue.name, slots: queue.slots,
                                               inUse: queue.slotsInUse, running: queue.executing, waiting: queue.queued))
                }
            }
            let horizon = time.addingTimeInterval(-Self.sampleWindow)
            if let keep = samples.firstIndex(where: { $0.time >= horizon }), keep > 0 { samples.removeFirst(keep) }
        }
    }

    func queueSamples() -> [QueueSample] { lock.withLock { samples } }
}

import Engine
import Foundation
import Prometheus

/// The server's Prometheus metrics (`GET /metrics`): statements by door, status and queue; their
/// duration and WLM queue wait per service class; rows and bytes returned; rows loaded and unloaded;
/// HTTP requests by operation; and, read at each scrape, sessions, connections and the process's
/// memory, file descriptors and threads.
public final class ServerMetrics: StatementEventSink, Sendable {
    let registry = PrometheusCollectorRegistry()
    private let openConnections: Gauge
    private let sessions: Gauge
    private let residentBytes: Gauge
    private let openFileDescriptors: Gauge
    private let threads: Gauge

    /// Durations from half a millisecond to five minutes.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
    ]

    public init() {
        openConnections = registry.makeGauge(descriptor: Self.emulatord(
            "postgresql", unit: "connections", "Open connections to the cluster endpoint (PostgreSQL protocol)."))
        sessions = registry.makeGauge(descriptor: Self.emulatord(
            "open", unit: "sessions", "Open sessions: Data API sessions and cluster-endpoint connections."))
        residentBytes = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "resident_memory", unitName: "bytes", helpText: "Resident memory size in bytes."))
        openFileDescriptors = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "open", unitName: "fds", helpText: "Number of open file descriptors."))
        threads = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "os", unitName: "threads", helpText: "Number of operating-system threads."))
    }

    /// The metrics of one kind of statement end, looked up once per label values (the registry's
    /// own lookup builds its keys anew on every call).
    private struct StatementKey: Hashable {
        var door: StatementDoor
        var status: String
        var queue: String
    }
    private struct StatementMetrics {
        var count: Counter
        var duration: DurationHistogram
        var queueWait: DurationHistogram
        /// Rows and bytes returned through the key's door.
        var resultRows: Counter
        var resultBytes: Counter
    }
    private struct RequestKey: Hashable {
        var operation: String
        var status: Int
    }
    private let statementMetrics = ReadMostlyCache<StatementKey, StatementMetrics>()
    private let requestMetrics = ReadMostlyCache<RequestKey, RequestMetrics>()
    private struct RequestMetrics {
        var count: Counter
        var duration: DurationHistogram
    }

    private func metrics(for key: StatementKey) -> StatementMetrics {
        statementMetrics.value(for: key) {
            StatementMetrics(
                count: registry.makeCounter(descriptor: Self.statements,
                                            labels: [("door", key.door.rawValue), ("status", key.status.lowercased()), ("queue", key.queue)]),
                duration: registry.makeDurationHistogram(descriptor: Self.statementDuration, labels: [("service_class", key.queue)],
                                                         buckets: Self.durationBuckets),
                queueWait: registry.makeDurationHistogram(descriptor: Self.queueWait, labels: [("service_class", key.queue)],
                                                          buckets: Self.durationBuckets),
                resultRows: registry.makeCounter(descriptor: Self.resultRows, labels: [("door", key.door.rawValue)]),
                resultBytes: registry.makeCounter(descriptor: Self.resultBytes, labels: [("door", key.door.rawValue)]))
        }
    }

    public func statementEnded(_ event: StatementEvent) {
        let queue = event.queue ?? "none"
        let metrics = metrics(for: StatementKey(door: event.door, status: event.status, queue: queue))
        metrics.count.increment()
        metrics.duration.record(Duration.nanoseconds(Int64(max(0, event.endedAt.timeIntervalSince(event.submittedAt)) * 1e9)))
        metrics.queueWait.record(.microseconds(event.queueWaitMicros))
        guard event.status == StatementStatus.finished.rawValue else { return }
        switch event.statementClass {
        case .copy:
            registry.makeCounter(descriptor: Self.rowsLoaded).increment(by: max(0, event.resultRows))
        case .unload:
            registry.makeCounter(descriptor: Self.rowsUnloaded).increment(by: max(0, event.resultRows))
        default:
            guard event.result != nil else { return }
            metrics.resultRows.increment(by: max(0, event.resultRows))
            metrics.resultBytes.increment(by: max(0, event.resultBytes))
        }
    }

    public func connectionChanged(_ event: ConnectionEvent) {
        switch event.kind {
        case .connect: openConnections.increment()
        case .disconnect: openConnections.decrement()
        }
    }

    /// One HTTP request answered: its Data API operation (or `other`) and status code.
    func requestAnswered(operation: String, status: Int, duration: Duration) {
        let key = RequestKey(operation: operation, status: status)
        let metrics = requestMetrics.value(for: key) {
            RequestMetrics(count: registry.makeCounter(descriptor: Self.httpRequests, labels: [("operation", operation), ("code", String(status))]),
                           duration: registry.makeDurationHistogram(descriptor: Self.httpDuration, labels: [("operation", operation)],
                                                                    buckets: Self.durationBuckets))
        }
        metrics.count.increment()
        metrics.duration.record(duration)
    }

    /// The exposition text (Prometheus text format 0.0.4), with the gauges read now.
    func exposition(engine: RedshiftEngine) -> [UInt8] {
        sessions.set(Double(engine.sessionSnapshots().count { $0.status != .closed }))
        let process = ProcessStatistics.current()
        residentBytes.set(Double(process.residentBytes))
        openFileDescriptors.set(Double(process.openFileDescriptors))
        threads.set(Double(process.threads))
        return registry.emitToBuffer()
    }

    // The metrics' names and help texts.
    static func emulatord(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "emulatord", metricName: name, unitName: unit, helpText: help)
    }
    static var statements: MetricNameDescriptor { emulatord("statements", unit: "total", "Statements ended, by door, final status and WLM queue.") }
    static var statementDuration: MetricNameDescriptor {
        emulatord("statement_duration", unit: "seconds", "Statement duration from submission to end (queue wait included), per service class.")
    }
    static var queueWait: MetricNameDescriptor { emulatord("statement_queue_wait", unit: "seconds", "Time statements waited in their WLM queue, per service class.") }
    static var rowsLoaded: MetricNameDescriptor { emulatord("rows_loaded", unit: "total", "Rows loaded by COPY.") }
    static var rowsUnloaded: MetricNameDescriptor { emulatord("rows_unloaded", unit: "total", "Rows written to S3 by UNLOAD.") }
    static var resultRows: MetricNameDescriptor { emulatord("result_rows", unit: "total", "Rows returned by statements with a result set.") }
    static var resultBytes: MetricNameDescriptor { emulatord("result_bytes", unit: "total", "Bytes of the result sets returned.") }
    static var httpRequests: MetricNameDescriptor { emulatord("http_requests", unit: "total", "HTTP requests answered, by Data API operation and status code.") }
    static var httpDuration: MetricNameDescriptor { emulatord("http_request_duration", unit: "seconds", "HTTP request handling time, by Data API operation.") }
}

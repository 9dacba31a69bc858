import Foundation

/// What the recording proxy learned about one ExecuteStatement or BatchExecuteStatement call:
/// filled from the call's request and answer, then from DescribeStatement answers.
struct ProxyCall {
    var receivedAt: RecordingTime
    var sessionId: String = ""
    var answered = false
    var lastUpdate: RecordingTime
    /// The statement id (the batch's for a batch).
    var id: String?
    /// One per statement (per sub-statement for a batch).
    var statements: [RecordedStatement] = []
    var isBatch = false
    /// A retry (same ClientToken) answered with an id already recorded: written once, not twice.
    var duplicate = false

    var isComplete: Bool { duplicate || answered && statements.allSatisfy { $0.status.map(ProxyRecorder.terminal.contains) ?? false } }
}

/// The recording side of `emulatord record`: turns the calls the proxy forwards into recorded
/// statements, in the order the client submitted them, each written once its outcome is known
/// (from the DescribeStatement answers the client asked for, or from the proxy's own polling).
final class ProxyRecorder: @unchecked Sendable {
    static let terminal: Set<String> = ["FINISHED", "FAILED", "ABORTED"]
    private let writer: RecordingWriter
    private let lock = NSLock()
    /// Calls by arrival number, written from the lowest while complete.
    private var calls: [Int: ProxyCall] = [:]
    private var nextSlot = 0
    private var nextToWrite = 0
    private var slotById: [String: Int] = [:]
    private var sequences: [String: Int] = [:]

    init(writer: RecordingWriter) { self.writer = writer }

    /// Reserves the submission position of an Execute or BatchExecute call as it arrives.
    func arrived() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let slot = nextSlot
        nextSlot += 1
        let now = RecordingTime.now()
        calls[slot] = ProxyCall(receivedAt: now, lastUpdate: now)
        return slot
    }

    /// The upstream answered an Execute/BatchExecute call (or could not be reached: `response` nil).
    func answered(slot: Int, operation: String, accessKeyId: String, request: Data, response: UpstreamResponse?) {
        let input = (try? JSONSerialization.jsonObject(with: request)) as? [String: Any] ?? [:]
        let output = response.flatMap { (try? JSONSerialization.jsonObject(with: $0.body)) as? [String: Any] } ?? [:]
        lock.lock()
        defer { lock.unlock() }
        guard var call = calls[slot] else { return }
        call.answered = true
        call.lastUpdate = .now()
        let user = Self.string(output["DbUser"]) ?? Self.string(input["DbUser"]) ?? (Self.string(input["SecretArn"]).map { "secret:\($0)" }) ?? "IAM:\(accessKeyId)"
        let database = Self.string(output["Database"]) ?? Self.string(input["Database"]) ?? ""
        let cluster = Self.string(output["ClusterIdentifier"]) ?? Self.string(input["ClusterIdentifier"])
        let workgroup = Self.string(output["WorkgroupName"]) ?? Self.string(input["WorkgroupName"])
        call.sessionId = Self.string(output["SessionId"]) ?? Self.string(input["SessionId"])
            ?? "caller:\(accessKeyId)/\(user)@\(workgroup.map { "workgroup:\($0)" } ?? "cluster:\(cluster ?? "")")/\(database)"
        call.isBatch = operation == "BatchExecuteStatement"
        let sqls = call.isBatch ? (input["Sqls"] as? [Any] ?? []).compactMap(Self.string) : [Self.string(input["Sql"]) ?? ""]
        let ok = response.map { (200..<300).contains($0.status) } ?? false
        let id = ok ? Self.string(output["Id"]) : nil
        if let id, slotById[id] != nil {
            call.duplicate = true
            calls[slot] = call
            drain()
            return
        }
        call.id = id
        for (index, sql) in sqls.enumerated() {
            let statementId = id.map { call.isBatch ? "\($0):\(index + 1)" : $0 } ?? "rejected-\(slot)-\(index + 1)"
            var statement = RecordedStatement(eventId: statementId, sessionId: call.sessionId, sequence: 0, user: user,
                                              database: database, sql: sql, submittedAt: call.receivedAt)
            statement.clusterIdentifier = cluster
            statement.workgroupName = workgroup
            statement.accessKeyId = accessKeyId.isEmpty ? nil : accessKeyId
            statement.statementName = Self.string(input["StatementName"])
            if call.isBatch {
                statement.batchId = id
                statement.batchIndex = index + 1
                statement.transactionId = id
            }
            if let parameters = input["Parameters"] as? [[String: Any]], !parameters.isEmpty {
                statement.parameters = parameters.map {
                    RecordedParameter(name: Self.string($0["name"]) ?? "", value: Self.string($0["value"]) ?? "")
                }
            }
            if !ok {
                statement.status = "FAILED"
                statement.endedAt = call.lastUpdate
                if let response {
                    statement.errorCode = Self.errorCode(output, response: response)
                    statement.error = Self.string(output["message"]) ?? Self.string(output["Message"])
                } else {
                    statement.errorCode = "UpstreamUnreachable"
                }
            }
            statement.durationMicros = nil
            call.statements.append(statement)
        }
        calls[slot] = call
        if let id { slotById[id] = slot }
        drain()
    }

    /// The client (or the proxy's poller) read a DescribeStatement answer.
    func described(_ body: Data) {
        guard let output = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let id = Self.string(output["Id"]) else { return }
        lock.lock()
        defer { lock.unlock() }
        let parentId = id.split(separator: ":").first.map(String.init) ?? id
        guard let slot = slotById[id] ?? slotById[parentId], var call = calls[slot] else { return }
        call.lastUpdate = .now()
        if call.isBatch {
            let subs = output["SubStatements"] as? [[String: Any]] ?? (id.contains(":") ? [output] : [])
            for sub in subs {
                guard let subId = Self.string(sub["Id"]),
                      let index = call.statements.firstIndex(where: { $0.eventId == subId }) else { continue }
                Self.apply(sub, to: &call.statements[index], parent: output)
            }
        } else if !call.statements.isEmpty {
            Self.apply(output, to: &call.statements[0], parent: nil)
        }
        calls[slot] = call
        drain()
    }

    /// Statement ids still waiting for their outcome, whose last news is older than `age` µs.
    func stale(olderThan age: Int64) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let now = RecordingTime.now().microsecondsSinceEpoch
        return calls.values.filter { $0.answered && !$0.isComplete && now - $0.lastUpdate.microsecondsSinceEpoch > age }
            .compactMap(\.id)
    }

    /// Writes everything still pending, complete or not (at shutdown).
    func flushAll() {
        lock.lock()
        defer { lock.unlock() }
        while nextToWrite < nextSlot {
            if let call = calls.removeValue(forKey: nextToWrite) { write(call) }
            nextToWrite += 1
        }
    }

    private func drain() {
        while let call = calls[nextToWrite], call.isComplete {
            calls[nextToWrite] = nil
            write(call)
            nextToWrite += 1
        }
    }

    private func write(_ call: ProxyCall) {
        guard !call.duplicate else { return }
        if let id = call.id { slotById[id] = nil }
        for var statement in call.statements {
            let sequence = (sequences[statement.sessionId] ?? 0) + 1
            sequences[statement.sessionId] = sequence
            statement.sequence = sequence
            writer.write(.statement(statement))
        }
    }

    /// Copies a DescribeStatement (or SubStatementData) answer into the statement.
    static func apply(_ data: [String: Any], to statement: inout RecordedStatement, parent: [String: Any]?) {
        guard let status = string(data["Status"]) else { return }
        statement.status = status
        guard terminal.contains(status) else { return }
        if let duration = int(data["Duration"]), duration >= 0 {
            var submitted = statement.submittedAt
            if let parent, let parentCreated = double(parent["CreatedAt"]), let created = double(data["CreatedAt"]) {
                submitted = submitted.adding(microseconds: Int64(((created - parentCreated) * 1_000_000).rounded()))
                statement.submittedAt = submitted
            }
            statement.durationMicros = duration / 1000
            statement.endedAt = submitted.adding(microseconds: duration / 1000)
        } else if let updated = double(data["UpdatedAt"]) {
            statement.endedAt = max(RecordingTime(Date(timeIntervalSince1970: updated)), statement.submittedAt)
        } else {
            statement.endedAt = .now()
        }
        statement.error = string(data["Error"])
        if let rows = int(data["ResultRows"]), rows >= 0 { statement.resultRows = rows }
        if let size = int(data["ResultSize"]), size >= 0 { statement.resultBytes = size }
        if let query = int(data["RedshiftQueryId"]), query > 0 { statement.redshiftQueryId = query }
        if let pid = int((parent ?? data)["RedshiftPid"]), pid > 0 { statement.redshiftPid = pid }
        if let query = string(data["QueryString"]), statement.sql.isEmpty { statement.sql = query }
    }

    static func errorCode(_ output: [String: Any], response: UpstreamResponse) -> String? {
        if let type = string(output["__type"]) {
            return String(type.split(separator: "#").last ?? "").split(separator: ":").first.map(String.init)
        }
        return response.headers.first { $0.0.lowercased() == "x-amzn-errortype" }
            .map { String($0.1.split(separator: ":").first ?? "") } ?? "HTTP\(response.status)"
    }

    static func string(_ value: Any?) -> String? { value as? String }
    static func int(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }
    static func double(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
}

import DataAPIClient
import DataAPIModel
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
        let input = SubmittedCall(operation: operation, body: request)
        let ok = response.map { (200..<300).contains($0.status) } ?? false
        let output = ok ? response.flatMap { SubmittedAnswer(operation: operation, body: $0.body) } : nil
        lock.lock()
        defer { lock.unlock() }
        guard var call = calls[slot] else { return }
        call.answered = true
        call.lastUpdate = .now()
        let user = output?.dbUser ?? input.dbUser ?? input.secretArn.map { "secret:\($0)" } ?? "IAM:\(accessKeyId)"
        let database = output?.database ?? input.database ?? ""
        let cluster = output?.clusterIdentifier ?? input.clusterIdentifier
        let workgroup = output?.workgroupName ?? input.workgroupName
        call.sessionId = output?.sessionId ?? input.sessionId
            ?? "caller:\(accessKeyId)/\(user)@\(workgroup.map { "workgroup:\($0)" } ?? "cluster:\(cluster ?? "")")/\(database)"
        call.isBatch = operation == "BatchExecuteStatement"
        let sqls = input.sqls
        let id = output?.id
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
            statement.statementName = input.statementName
            if call.isBatch {
                statement.batchId = id
                statement.batchIndex = index + 1
                statement.transactionId = id
            }
            if let parameters = input.parameters, !parameters.isEmpty {
                statement.parameters = parameters.map { RecordedParameter(name: $0.name ?? "", value: $0.value ?? "") }
            }
            if !ok {
                statement.status = "FAILED"
                statement.endedAt = call.lastUpdate
                if let response {
                    let (code, message) = DataAPIClient.codeAndMessage(of: DataAPIClient.error(from: response))
                    statement.errorCode = code
                    statement.error = message
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
        guard let output = try? AWSJSON.decoder.decode(DescribeStatementResponse.self, from: body) else { return }
        let id = output.id
        lock.lock()
        defer { lock.unlock() }
        let parentId = id.split(separator: ":").first.map(String.init) ?? id
        guard let slot = slotById[id] ?? slotById[parentId], var call = calls[slot] else { return }
        call.lastUpdate = .now()
        if call.isBatch {
            let parent = DescribedOutcome(output)
            let subs = output.subStatements.map { $0.map(DescribedOutcome.init) } ?? (id.contains(":") ? [parent] : [])
            for sub in subs {
                guard let index = call.statements.firstIndex(where: { $0.eventId == sub.id }) else { continue }
                Self.apply(sub, to: &call.statements[index], parent: parent)
            }
        } else if !call.statements.isEmpty {
            Self.apply(DescribedOutcome(output), to: &call.statements[0], parent: nil)
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
    static func apply(_ data: DescribedOutcome, to statement: inout RecordedStatement, parent: DescribedOutcome?) {
        guard let status = data.status else { return }
        statement.status = status
        guard terminal.contains(status) else { return }
        if let duration = data.duration, duration >= 0 {
            var submitted = statement.submittedAt
            if let parentCreated = parent?.createdAt, let created = data.createdAt {
                let offset = created.timeIntervalSince1970 - parentCreated.timeIntervalSince1970
                submitted = submitted.adding(microseconds: Int64((offset * 1_000_000).rounded()))
                statement.submittedAt = submitted
            }
            statement.durationMicros = duration / 1000
            statement.endedAt = submitted.adding(microseconds: duration / 1000)
        } else if let updated = data.updatedAt {
            statement.endedAt = max(RecordingTime(updated), statement.submittedAt)
        } else {
            statement.endedAt = .now()
        }
        statement.error = data.error
        if let rows = data.resultRows, rows >= 0 { statement.resultRows = rows }
        if let size = data.resultSize, size >= 0 { statement.resultBytes = size }
        if let query = data.redshiftQueryId, query > 0 { statement.redshiftQueryId = query }
        if let pid = (parent ?? data).redshiftPid, pid > 0 { statement.redshiftPid = pid }
        if let query = data.queryString, statement.sql.isEmpty { statement.sql = query }
    }
}

/// The members the recorder reads of an Execute/BatchExecuteStatement request, decoded with the
/// generated shapes (an unreadable body reads as empty).
struct SubmittedCall {
    var sqls: [String] = [""]
    var dbUser, secretArn, database, clusterIdentifier, workgroupName, sessionId, statementName: String?
    var parameters: [SqlParameter]?

    init(operation: String, body: Data) {
        if operation == "BatchExecuteStatement" {
            guard let input = try? AWSJSON.decoder.decode(BatchExecuteStatementInput.self, from: body) else { sqls = []; return }
            sqls = input.sqls ?? []
            (dbUser, secretArn, database, clusterIdentifier, workgroupName, sessionId, statementName, parameters) =
                (input.dbUser, input.secretArn, input.database, input.clusterIdentifier, input.workgroupName,
                 input.sessionId, input.statementName, input.parameters)
        } else {
            guard let input = try? AWSJSON.decoder.decode(ExecuteStatementInput.self, from: body) else { return }
            sqls = [input.sql ?? ""]
            (dbUser, secretArn, database, clusterIdentifier, workgroupName, sessionId, statementName, parameters) =
                (input.dbUser, input.secretArn, input.database, input.clusterIdentifier, input.workgroupName,
                 input.sessionId, input.statementName, input.parameters)
        }
    }
}

/// The members the recorder reads of a successful Execute/BatchExecuteStatement answer.
struct SubmittedAnswer {
    var id: String?
    var dbUser, database, clusterIdentifier, workgroupName, sessionId: String?

    init?(operation: String, body: Data) {
        if operation == "BatchExecuteStatement" {
            guard let output = try? AWSJSON.decoder.decode(BatchExecuteStatementOutput.self, from: body) else { return nil }
            (id, dbUser, database, clusterIdentifier, workgroupName, sessionId) =
                (output.id, output.dbUser, output.database, output.clusterIdentifier, output.workgroupName, output.sessionId)
        } else {
            guard let output = try? AWSJSON.decoder.decode(ExecuteStatementOutput.self, from: body) else { return nil }
            (id, dbUser, database, clusterIdentifier, workgroupName, sessionId) =
                (output.id, output.dbUser, output.database, output.clusterIdentifier, output.workgroupName, output.sessionId)
        }
    }
}

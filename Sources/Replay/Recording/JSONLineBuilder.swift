import DataAPI
import DataAPIModel
import Engine
import Foundation

/// Builds one JSON object as UTF-8 bytes, fast: recordings are written at the rate statements run
/// (or lines are imported), where `JSONEncoder` would cost more than everything else.
///
/// Optional members are omitted when nil. Keys are written in call order.
struct JSONLineBuilder {
    private(set) var bytes: [UInt8] = []
    private var first = true

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// The finished object (without a newline).
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func key(_ key: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        appendString(value)
    }

    mutating func field<I: BinaryInteger>(_ name: String, _ value: I?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func field(_ name: String, _ value: Double?) {
        guard let value, value.isFinite else { return }
        key(name)
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func field(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func field(_ name: String, _ value: RecordingTime?) {
        guard let value else { return }
        field(name, value.iso8601)
    }

    mutating func field(_ name: String, _ values: [String]?) {
        guard let values else { return }
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func field(_ name: String, _ parameters: [RecordedParameter]?) {
        guard let parameters else { return }
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var inner = JSONLineBuilder(capacity: 64)
            inner.field("name", parameter.name)
            inner.field("value", parameter.value)
            bytes.append(contentsOf: inner.finish())
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func appendString(_ text: String) {
        JSONWriter.appendString(text, to: &bytes)
    }
}

extension RecordingHeader {
    /// The header as one JSON object (no newline).
    func jsonBytes() -> [UInt8] {
        var json = JSONLineBuilder()
        json.field("format", format)
        json.field("version", version)
        json.field("source", source.rawValue)
        json.field("cluster", cluster)
        json.field("workgroup", workgroup)
        json.field("captureStart", captureStart)
        json.field("captureEnd", captureEnd)
        json.field("tool", tool)
        json.field("createdAt", createdAt)
        json.field("statements", statements)
        json.field("malformedLines", malformedLines)
        json.field("skippedStatements", skippedStatements)
        json.field("redactedLiterals", redactedLiterals)
        json.field("inputs", inputs)
        json.field("replaySpeed", replaySpeed)
        json.field("driftP50Micros", driftP50Micros)
        json.field("driftP99Micros", driftP99Micros)
        json.field("driftMaxMicros", driftMaxMicros)
        return json.finish()
    }
}

extension RecordedStatement {
    /// The statement as one JSON line (no newline).
    func jsonBytes() -> [UInt8] {
        var json = JSONLineBuilder(capacity: 256 + sql.utf8.count)
        json.field("kind", "statement")
        json.field("eventId", eventId)
        json.field("sessionId", sessionId)
        json.field("sequence", sequence)
        json.field("user", user)
        json.field("database", database)
        json.field("clusterIdentifier", clusterIdentifier)
        json.field("workgroupName", workgroupName)
        json.field("accessKeyId", accessKeyId)
        json.field("queryGroup", queryGroup)
        json.field("transactionId", transactionId)
        json.field("batchId", batchId)
        json.field("batchIndex", batchIndex)
        json.field("statementName", statementName)
        json.field("sql", sql)
        json.field("parameters", parameters)
        json.field("submittedAt", submittedAt)
        json.field("startedAt", startedAt)
        json.field("endedAt", endedAt)
        json.field("durationMicros", durationMicros)
        json.field("status", status)
        json.field("error", error)
        json.field("errorCode", errorCode)
        json.field("resultRows", resultRows)
        json.field("resultBytes", resultBytes)
        json.field("resultFingerprint", resultFingerprint)
        json.field("redshiftQueryId", redshiftQueryId)
        json.field("redshiftPid", redshiftPid)
        json.field("driftMicros", driftMicros)
        return json.finish()
    }
}

extension RecordedSession {
    /// The session as one JSON line (no newline).
    func jsonBytes() -> [UInt8] {
        var json = JSONLineBuilder()
        json.field("kind", "session")
        json.field("sessionId", sessionId)
        json.field("user", user)
        json.field("database", database)
        json.field("startedAt", startedAt)
        json.field("endedAt", endedAt)
        json.field("redshiftPid", redshiftPid)
        json.field("applicationName", applicationName)
        json.field("remoteHost", remoteHost)
        json.field("authMethod", authMethod)
        json.field("event", event)
        json.field("clusterIdentifier", clusterIdentifier)
        json.field("workgroupName", workgroupName)
        return json.finish()
    }
}

extension RecordedUserEvent {
    /// The user change as one JSON line (no newline).
    func jsonBytes() -> [UInt8] {
        var json = JSONLineBuilder(capacity: 256)
        json.field("kind", "user")
        json.field("time", time)
        json.field("userId", userId)
        json.field("user", user)
        json.field("oldUser", oldUser)
        json.field("action", action)
        json.field("createdb", createdb)
        json.field("superuser", superuser)
        json.field("catupdate", catupdate)
        json.field("validUntil", validUntil)
        json.field("pid", pid)
        json.field("xid", xid)
        return json.finish()
    }
}

extension RecordingLine {
    func jsonBytes() -> [UInt8] {
        switch self {
        case .statement(let statement): return statement.jsonBytes()
        case .session(let session): return session.jsonBytes()
        case .user(let user): return user.jsonBytes()
        }
    }
}

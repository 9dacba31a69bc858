import Foundation

/// The input formats of `emulatord import`.
public enum ImportFormat: String, CaseIterable, Sendable {
    case useractivitylog, connectionlog, userlog
    case sysQueryHistory = "sys_query_history"
    case stlQuery = "stl_query"

    var source: RecordingSource {
        switch self {
        case .useractivitylog: return .useractivitylog
        case .connectionlog: return .connectionlog
        case .userlog: return .userlog
        case .sysQueryHistory: return .sysQueryHistory
        case .stlQuery: return .stlQuery
        }
    }
}

/// What an import wrote.
public struct ImportSummary: Sendable, Equatable {
    public var statements: Int
    public var sessions: Int
    public var malformedLines: Int
    public var skippedStatements: Int
    /// User lines (user log).
    public var users = 0
}

/// One `emulatord import`: reads the inputs with the importer of `format` and writes a recording
/// (header, session lines when a connection log is known, user lines when a user log is, then
/// statements), redacting literals
/// when asked. Malformed lines go to `diagnostics`; only unreadable input throws.
public struct ImportJob {
    public var format: ImportFormat
    public var inputs: [String]
    public var output: String
    /// Connection logs for `useractivitylog` (sessions with their lifetimes; pid reuse resolved).
    public var connectionLogs: [String] = []
    /// User logs for `useractivitylog` (user lines before the statements).
    public var userLogs: [String] = []
    /// SYS_QUERY_TEXT / STL_QUERYTEXT exports for the query-history formats.
    public var queryTexts: [String] = []
    public var options = ImportOptions()

    public init(format: ImportFormat, inputs: [String], output: String) {
        self.format = format
        self.inputs = inputs
        self.output = output
    }

    public func run(diagnostics: ImportDiagnostics = ImportDiagnostics()) throws -> ImportSummary {
        for path in inputs + connectionLogs + userLogs + queryTexts {
            guard FileManager.default.isReadableFile(atPath: path) else { throw InputError(path: path, message: "cannot be read") }
        }
        var options = options
        if options.cluster == nil && options.workgroup == nil { options.cluster = Self.clusterFromS3Names(inputs) }
        var header = RecordingHeader(source: format.source)
        header.cluster = options.cluster
        header.workgroup = options.workgroup
        header.inputs = inputs + connectionLogs + userLogs + queryTexts
        header.redactedLiterals = options.redactLiterals ? true : nil
        let writer = try RecordingWriter(path: output, header: header)
        let redactor = options.redactLiterals ? LiteralRedactor() : nil
        var statements = 0
        var sessionCount = 0
        var userCount = 0
        func writeUsers(_ paths: [String]) throws {
            let users = try UserLogImporter().read(paths: UserActivityLogImporter.orderedPaths(paths), diagnostics: diagnostics)
            for user in users { writer.write(.user(user)) }
            userCount += users.count
        }
        func emit(_ statement: RecordedStatement) {
            var statement = statement
            if let redactor {
                let (sql, parameters) = redactor.redact(statement.sql, parameters: statement.parameters ?? [])
                statement.sql = sql
                statement.parameters = parameters.isEmpty ? nil : parameters
            }
            statements += 1
            writer.write(.statement(statement))
        }
        do {
            switch format {
            case .useractivitylog:
                let ordered = UserActivityLogImporter.orderedPaths(connectionLogs)
                let sessions = try ConnectionLogImporter().read(paths: ordered, diagnostics: diagnostics)
                for session in sessions { writer.write(.session(session)) }
                sessionCount = sessions.count
                try writeUsers(userLogs)
                var importer = UserActivityLogImporter(options: options, sessions: SessionResolver(sessions: sessions))
                try importer.read(paths: UserActivityLogImporter.orderedPaths(inputs), diagnostics: diagnostics, emit: emit)
            case .connectionlog:
                let sessions = try ConnectionLogImporter().read(paths: UserActivityLogImporter.orderedPaths(inputs), diagnostics: diagnostics)
                for session in sessions { writer.write(.session(session)) }
                sessionCount = sessions.count
            case .userlog:
                try writeUsers(inputs)
            case .sysQueryHistory, .stlQuery:
                let importer = QueryHistoryImporter(flavor: format == .stlQuery ? .stlQuery : .sysQueryHistory, options: options)
                for statement in try importer.read(paths: inputs, textPaths: queryTexts, diagnostics: diagnostics) { emit(statement) }
            }
        } catch {
            try? writer.close()
            throw error
        }
        writer.updateHeader {
            $0.malformedLines = diagnostics.malformedLines
            $0.skippedStatements = diagnostics.skippedStatements
        }
        try writer.close()
        return ImportSummary(statements: statements, sessions: sessionCount, malformedLines: diagnostics.malformedLines,
                             skippedStatements: diagnostics.skippedStatements, users: userCount)
    }

    /// The cluster named by S3-delivered audit log files
    /// (`<account>_redshift_<region>_<cluster>_<logtype>_<time>.gz`), when they all name the same one.
    static func clusterFromS3Names(_ paths: [String]) -> String? {
        let clusters = Set(paths.map { path -> String? in
            let parts = (path as NSString).lastPathComponent.split(separator: "_")
            guard parts.count == 6, parts[1] == "redshift",
                  ["useractivitylog", "connectionlog", "userlog"].contains(String(parts[4])) else { return nil }
            return String(parts[3])
        })
        guard clusters.count == 1, let cluster = clusters.first else { return nil }
        return cluster
    }
}

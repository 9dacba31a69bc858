import Engine
import RedshiftSQL

/// ParameterDescription's types for a prepared statement: the ones Parse gave; else inferred from
/// the parameter's context as PostgreSQL infers them — a cast (`$1::date`, `CAST($1 AS int)`), a
/// comparison with a column (`id = $1`), an IN list, an INSERT's target column (`VALUES ($1, …)`),
/// LIMIT/OFFSET — by describing a probe statement in the session (nothing runs); else varchar
/// (1043), a documented default.
enum ParameterTypes {
    static let defaultOID = PGTypeOID.varchar

    /// Parse's types, with the default for the ones it left unspecified.
    static func described(_ statement: ConnectionStateMachine.PreparedStatement) -> [Int32] {
        declared(statement).map { $0 == nil ? defaultOID : $0! }
    }

    /// Parse's types (nil: unspecified) for every parameter the statement takes.
    static func declared(_ statement: ConnectionStateMachine.PreparedStatement) -> [Int32?] {
        let count = max(statement.parameterTypes.count, PositionalParameters.count(in: statement.query))
        return (0..<count).map { index in
            let given = index < statement.parameterTypes.count ? statement.parameterTypes[index] : 0
            return given == 0 || given == PGTypeOID.unknown || given == -1 ? nil : given
        }
    }

    /// The described types, the unspecified ones inferred where their context tells.
    static func inferred(_ statement: ConnectionStateMachine.PreparedStatement, engine: RedshiftEngine,
                         sessionId: String) async -> [Int32] {
        var types = declared(statement)
        guard types.contains(nil) else { return types.map { $0! } }
        let context = ParameterContext(statement.query)
        for index in types.indices where types[index] == nil {
            guard let probe = context.probe(forParameter: index + 1) else { continue }
            // The probe's own `$n` are NULLs of the types known so far.
            let known = types.map { $0 ?? PGTypeOID.unspecified }
            let sql = PositionalParameters.rewrite(probe.sql, values: known.map { _ in nil }, types: known).sql
            guard let columns = try? await engine.describeColumns(Translator.parse(sql), inSession: sessionId,
                                                                  parameters: nil, probe: true),
                  probe.column < columns.count, columns[probe.column].type != .unknown else { continue }
            types[index] = BackendMessage.Field.wireType(of: columns[probe.column].type).0
        }
        return types.map { $0 ?? defaultOID }
    }
}

/// ParameterDescription's types for a prepared statement: the ones Parse gave, else varchar
/// (a documented default, since the statement is not analysed for parameter types here).
enum ParameterTypes {
    static let defaultOID = PGTypeOID.varchar

    static func described(_ statement: ConnectionStateMachine.PreparedStatement) -> [Int32] {
        let count = max(statement.parameterTypes.count, PositionalParameters.count(in: statement.query))
        return (0..<count).map { index in
            let given = index < statement.parameterTypes.count ? statement.parameterTypes[index] : 0
            return given == 0 || given == PGTypeOID.unknown || given == -1 ? defaultOID : given
        }
    }
}

/// Values stored into columns: defaults and Redshift's assignment conversion.
///
/// - Redshift: Character types (r_Character_types): a too-long string is an error unless the excess
///   is blanks; numeric types (r_Numeric_types201): decimals round to the column scale, integers
///   reject out-of-range values.
extension Analyzer {
    /// Converts `value` for storage in `column` (of `table`).
    func assignment(_ value: Expr, to column: ColumnDefinition, table: TableDefinition, position: Int? = nil) throws -> Expr {
        let target = column.type
        let source = value.type
        if target == .super { return try cast(value, to: .super, explicit: false) }  // a string stores a SUPER string (Analyzer+Super.swift)
        if source == target || source == .unknown { return try singleByteChecked(try cast(value, to: target, explicit: false)) }
        if case .literal = value.kind, source.isNumeric && target.isNumeric || target.isCharacter || source.isVarbyte && target.isVarbyte {
            return try singleByteChecked(try cast(value, to: target, explicit: false))  // constants convert now, with the same rules
        }
        let compatible = (source.isNumeric && target.isNumeric) || target.isCharacter || source.isCharacter
            || (source.isDatetime && target.isDatetime) || (source == .boolean && target.isInteger) || (source.isInteger && target == .boolean)
            || target == .super || (source.isVarbyte && target.isVarbyte)
        guard compatible else {
            throw SQLError.datatype("column \"\(column.name)\" is of type \(target.formatTypeName) but expression is of type \(source.formatTypeName)", at: position)
        }
        switch (source, target) {
        case (.varchar(let m), .varchar(let n)) where m <= n, (.char(let m), .varchar(let n)) where m <= n, (.char(let m), .char(let n)) where m <= n,
             (.varbyte(let m), .varbyte(let n)) where m <= n:
            return value.retyped(target)
        case _ where source.isInteger && target.isInteger && TypeRules.arithmetic("+", source, target) == target:
            return value.retyped(target)
        case _ where source.isNumeric && target.isFloat:
            return try cast(value, to: target, explicit: false)
        case _ where (source.isInteger || source.isDecimal) && target.isDecimal:
            return try cast(value, to: target, explicit: false)  // native when exact, else rs_cast (rounds, checks precision)
        default:
            return .call("rs_assign", [value, .literal(.text(target.catalogText), .varchar(length: 32)), .literal(.text(source.catalogText), .varchar(length: 32))],
                         type: target, nullable: value.nullable)
        }
    }

    /// A constant stored into a CHAR column holds single-byte characters only (runtime values:
    /// `rs_assign`); other values pass unchanged.
    ///
    /// - Redshift: Character types (r_Character_types), multi-byte-character-load-errors.
    private func singleByteChecked(_ value: Expr) throws -> Expr {
        guard case .char = value.type else { return value }
        switch value.kind {
        case .literal(let constant), .argument(let constant): try ValueConversion.requireSingleByte(constant)
        default: break
        }
        return value
    }

    /// The value a column gets when none is given: its DEFAULT, else NULL (identity columns: NULL, filled by a trigger).
    func defaultValue(for column: ColumnDefinition, table: TableDefinition) throws -> Expr {
        guard let text = column.defaultExpression, column.identity == nil else {
            return Expr.null.retyped(column.type)
        }
        var parser = try Parser(text)
        let expression = try parser.parseExpression()
        let bound = try bindExpression(expression, scope: Scope(parent: nil), clause: .values)
        return try assignment(bound, to: column, table: table)
    }

    /// Finds the table a DML statement writes to; views are read-only.
    func targetTable(_ name: AST.Name, verb: String) throws -> TableDefinition {
        let table = try lookupTable(name)
        if table.kind == .view {
            throw SQLError(code: "0A000", message: "cannot \(verb) a view \"\(table.name)\"", position: name.position)
        }
        if table.isMaterializedView {
            throw SQLError(code: "0A000", message: "cannot \(verb) a materialized view \"\(table.name)\"", position: name.position)
        }
        if verb == "truncate" || verb == "alter" { try checkOwnership(table, position: name.position) }
        return table
    }

    func column(_ name: String, of table: TableDefinition, position: Int?) throws -> ColumnDefinition {
        guard let column = table.columns.first(where: { $0.name == name }) else {
            throw SQLError(code: "42703", message: "column \"\(name)\" of relation \"\(table.name)\" does not exist", position: position)
        }
        return column
    }

    /// A scope holding the DML target under its alias; the caller's masked columns read masked (t_ddm).
    func targetScope(_ table: TableDefinition, alias: String) throws -> Scope {
        let scope = Scope(parent: nil)
        // Reading the target's columns (WHERE, SET values, ON) needs SELECT on them: "UPDATE
        // operations also require the SELECT privilege, because they must reference table columns
        // to determine which rows to update" (r_GRANT; likewise DELETE).
        let unreadable: Set<String>
        do {
            unreadable = try checkTablePrivilege(table, "SELECT", position: nil)
        } catch let error as SQLError where error.code == "42501" {
            unreadable = Set(table.columns.map(\.name))
        }
        scope.relations.append(Scope.Relation(name: alias, sqliteAlias: alias, columns: table.columns.map {
            Scope.Column(name: $0.name, type: $0.type, nullable: $0.nullable, sqliteName: $0.name, schemaName: table.schema, tableName: table.name)
        }, deniedColumns: unreadable, masked: try maskedReads(table, sqliteAlias: alias)))
        return scope
    }
}

import Testing
@testable import RedshiftSQL

/// The meta-table changes (SQLiteGenerator+Catalog.swift): values are always arguments.
struct SQLiteGeneratorCatalogTests {
    static let table = TableDefinition(schema: "s", name: "t", columns: [ColumnDefinition(name: "a", type: .integer, nullable: true, ordinal: 1)], owner: "u")

    @Test func relationRows() {
        let steps = SQLiteGenerator.steps([.catalog(.insertRelation(Self.table)), .catalog(.insertColumns(Self.table, Self.table.columns)), .catalog(.deleteRelation(Self.table))])
        #expect(steps.map(\.sql) == [
            "INSERT INTO _rs_tables (schema_name, table_name, kind, diststyle, distkey, sortkey_style, sortkeys, backup, constraints, view_query, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "INSERT INTO _rs_columns (schema_name, table_name, ordinal, column_name, type, nullable, default_expr, identity_seed, identity_step, identity_by_default, encoding, is_distkey, sortkey_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "DELETE FROM _rs_tables WHERE schema_name = ? AND table_name = ?",
            "DELETE FROM _rs_columns WHERE schema_name = ? AND table_name = ?",
        ])
        #expect(steps[0].arguments == [.text("s"), .text("t"), .text("table"), .text("AUTO"), .null, .text("AUTO"), .text(""), .integer(1), .text(""), .null, .text("u")])
        #expect(steps[1].arguments.prefix(6) == [.text("s"), .text("t"), .integer(1), .text("a"), .text("int4"), .integer(1)])
    }

    @Test func temporaryRelationsUseTheTempMetaTables() {
        var temp = Self.table
        temp.kind = .temporary
        let steps = SQLiteGenerator.steps([.catalog(.renameRelation(temp, to: "u"))])
        #expect(steps.map(\.sql) == ["UPDATE temp._rs_temp_tables SET table_name = ? WHERE schema_name = ? AND table_name = ?",
                                     "UPDATE temp._rs_temp_columns SET table_name = ? WHERE schema_name = ? AND table_name = ?"])
        #expect(SQLiteGenerator.steps([.catalog(.bootstrapTemporary)]).map(\.sql) == PhysicalLayout.tempBootstrap.map(\.sql))
    }

    @Test func columnsAndSchemas() {
        let steps = SQLiteGenerator.steps([.catalog(.deleteColumn(Self.table, Self.table.columns[0])), .catalog(.createSchema(name: "s", owner: "u")), .catalog(.dropSchema(name: "s"))])
        #expect(steps.map(\.sql) == [
            "DELETE FROM _rs_columns WHERE schema_name = ? AND table_name = ? AND column_name = ?",
            "UPDATE _rs_columns SET ordinal = -(ordinal - 1) WHERE schema_name = ? AND table_name = ? AND ordinal > ?",
            "UPDATE _rs_columns SET ordinal = -ordinal WHERE schema_name = ? AND table_name = ? AND ordinal < 0",
            "INSERT INTO _rs_schemas (name, owner, is_system) VALUES (?, ?, 0)",
            "DELETE FROM _rs_schemas WHERE name = ?",
        ])
        #expect(steps[3].arguments == [.text("s"), .text("u")])
    }
}

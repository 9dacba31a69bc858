/// Prints syntax trees as one-line S-expressions, deterministically, for tests and debugging: every
/// node is `(head child …)`, names are dotted (`s.t`), literals as written (`1`, `'x'`), optional
/// parts appear only when present; positions are left out.
///
/// `select a, count(*) from t where b = 1 group by a` prints as
/// `(select (a (call count *)) (from t) (where (= b 1)) (group-by a))`.
enum ASTPrinter {
    /// `(head parts…)`, leaving out nil parts.
    static func node(_ head: String, _ parts: String?...) -> String { node(head, parts.compactMap { $0 }) }

    static func node(_ head: String, _ parts: [String]) -> String {
        parts.isEmpty ? "(\(head))" : "(\(head) \(parts.joined(separator: " ")))"
    }

    /// `(items…)`, a list without a head.
    static func group(_ items: [String]) -> String { "(" + items.joined(separator: " ") + ")" }

    /// `(head items…)`, or nil when there are no items.
    static func optional(_ head: String, _ items: [String]) -> String? { items.isEmpty ? nil : node(head, items) }

    /// `word` when `flag` is true.
    static func flag(_ flag: Bool, _ word: String) -> String? { flag ? word : nil }

    /// A string literal, quotes doubled.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

extension AST.Statement: CustomDebugStringConvertible {
    /// The tree as an S-expression (`ASTPrinter`).
    var debugDescription: String { tree }

    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .query(let query): return query.tree
        case .explain(let inner): return P.node("explain", inner.tree)
        case .insert(let insert): return insert.tree
        case .update(let update): return update.tree
        case .delete(let delete):
            return P.node("delete", delete.table.tree, delete.alias.map { P.node("alias", $0) },
                          P.optional("using", delete.using.map(\.tree)), delete.whereClause.map { P.node("where", $0.tree) })
        case .merge(let merge): return merge.tree
        case .createTable(let create): return create.tree
        case .createTableAs(let create):
            return P.node("create-table-as", [create.name.tree] + [P.flag(create.temporary, "temporary"), P.flag(create.ifNotExists, "if-not-exists"),
                          P.optional("columns", create.columnNames)].compactMap { $0 } + create.options.parts + [create.query.tree])
        case .dropTable(let names, let ifExists, let cascade): return Self.drop("drop-table", names.map(\.tree), ifExists, cascade)
        case .truncate(let name): return P.node("truncate", name.tree)
        case .createSchema(let name, let ifNotExists, _): return P.node("create-schema", name, P.flag(ifNotExists, "if-not-exists"))
        case .dropSchema(let names, let ifExists, let cascade, _): return Self.drop("drop-schema", names, ifExists, cascade)
        case .createView(let view):
            return P.node("create-view", view.name.tree, P.flag(view.orReplace, "or-replace"), P.optional("columns", view.columns),
                          view.query.tree, P.flag(view.noSchemaBinding, "no-schema-binding"))
        case .dropView(let names, let ifExists, let cascade): return Self.drop("drop-view", names.map(\.tree), ifExists, cascade)
        case .alterTable(let alter): return P.node("alter-table", alter.name.tree, alter.action.tree)
        case .transaction(let control): return P.node("\(control)")
        case .set(let name, let value): return value.map { P.node("set", name, P.quoted($0)) } ?? P.node("reset", name)
        case .show(let name): return P.node("show", name)
        case .noOp(let name): return P.node("no-op", name)
        case .createMaterializedView(let view):
            return P.node("create-materialized-view", [view.name.tree] + view.options.parts
                          + [view.autoRefresh.map { P.node("auto-refresh", $0 ? "yes" : "no") }, view.query.tree].compactMap { $0 })
        case .refreshMaterializedView(let name): return P.node("refresh-materialized-view", name.tree)
        case .dropMaterializedView(let names, let ifExists, let cascade):
            return Self.drop("drop-materialized-view", names.map(\.tree), ifExists, cascade)
        case .prepare(let name, let types, let statement, _):
            return P.node("prepare", name, P.optional("types", types.map(\.tree)), statement.tree)
        case .execute(let name, let arguments, _): return P.node("execute", [name] + arguments.map(\.tree))
        case .deallocate(let name, _): return P.node("deallocate", name ?? "all")
        case .security(let statement): return statement.tree
        case .cursor(let statement): return statement.tree
        case .unload(let unload): return unload.tree
        case .copy(let copy):
            let options = copy.options.map { option -> String in
                switch option.argument {
                case .string(let text)?: return P.node(option.name.lowercased(), P.quoted(text))
                case .number(let value)?: return P.node(option.name.lowercased(), String(value))
                case .word(let word)?: return P.node(option.name.lowercased(), word)
                case nil: return P.node(option.name.lowercased())
                }
            }
            return P.node("copy", [copy.table.tree, P.optional("columns", copy.columns), P.quoted(copy.source)].compactMap { $0 } + options)
        case .external(let statement): return P.node("external", P.quoted(String(describing: statement)))
        case .database(let command): return P.node("database", "\(command)")
        case .procedure(let statement): return P.node("procedure", P.quoted("\(statement)"))
        }
    }

    private static func drop(_ head: String, _ names: [String], _ ifExists: Bool, _ cascade: Bool) -> String {
        ASTPrinter.node(head, names + [ASTPrinter.flag(ifExists, "if-exists"), ASTPrinter.flag(cascade, "cascade")].compactMap { $0 })
    }
}

extension AST.Insert {
    var tree: String {
        typealias P = ASTPrinter
        let source: String
        switch self.source {
        case .values(let rows):
            source = P.node("values", rows.map { row in P.node("row", row.map { $0?.tree ?? "default" }) })
        case .query(let query): source = query.tree
        case .defaultValues: source = "default-values"
        }
        return P.node("insert", table.tree, P.optional("columns", columns), source)
    }
}

extension AST.Update {
    var tree: String {
        typealias P = ASTPrinter
        let set = P.node("set", assignments.map { P.node("=", $0.column, $0.value?.tree ?? "default") })
        return P.node("update", table.tree, alias.map { P.node("alias", $0) }, set, P.optional("from", from.map(\.tree)),
                      whereClause.map { P.node("where", $0.tree) })
    }
}

extension AST.Merge {
    var tree: String {
        typealias P = ASTPrinter
        var matchedTree: String?
        switch matched {
        case .update(let assignments):
            matchedTree = P.node("when-matched", P.node("update", assignments.map { P.node("=", $0.column, $0.value?.tree ?? "default") }))
        case .delete: matchedTree = P.node("when-matched", "(delete)")
        case nil: matchedTree = nil
        }
        let notMatchedTree = notMatched.map {
            P.node("when-not-matched", P.node("insert", P.optional("columns", $0.columns), P.node("values", $0.values.map { $0?.tree ?? "default" })))
        }
        return P.node("merge", target.tree, alias.map { P.node("alias", $0) }, P.node("using", source.tree), P.node("on", condition.tree),
                      matchedTree, notMatchedTree)
    }
}

extension AST.CreateTable {
    var tree: String {
        typealias P = ASTPrinter
        var parts = [name.tree]
        parts += [P.flag(temporary, "temporary"), P.flag(ifNotExists, "if-not-exists")].compactMap { $0 }
        parts += columns.map(\.tree)
        parts += constraints.map { P.node("constraint", P.quoted($0)) }
        parts += options.parts
        if let like { parts.append(P.node("like", like.0.tree, P.flag(like.includingDefaults, "including-defaults"))) }
        return P.node("create-table", parts)
    }
}

extension AST.ColumnSpec {
    var tree: String {
        typealias P = ASTPrinter
        return P.node("column", name, type.tree, P.flag(!nullable, "not-null"), defaultExpression.map { P.node("default", $0.tree) },
                      identity.map { P.node("identity", "\($0.seed)", "\($0.step)", P.flag($0.byDefault, "by-default")) },
                      encoding.map { P.node("encode", $0) }, P.flag(distKey, "distkey"), P.flag(sortKey, "sortkey"),
                      P.flag(primaryKey, "primary-key"), P.flag(unique, "unique"), references.map { P.node("references", $0) })
    }
}

extension AST.TableOptions {
    /// The options given, each a node.
    var parts: [String] {
        typealias P = ASTPrinter
        return [distStyle.map { P.node("diststyle", $0) }, distKey.map { P.node("distkey", $0) },
                sortKeys.isEmpty && sortKeyStyle == nil ? nil : P.node("sortkey", [sortKeyStyle].compactMap { $0 } + sortKeys),
                P.flag(!backup, "(backup no)")].compactMap { $0 }
    }
}

extension AST.AlterTable.Action {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .renameTable(let name): return P.node("rename-to", name)
        case .renameColumn(let old, let new): return P.node("rename-column", old, new)
        case .addColumn(let column): return P.node("add-column", column.tree)
        case .dropColumn(let name): return P.node("drop-column", name)
        case .alterColumnType(let name, let type): return P.node("alter-column-type", name, type.tree)
        case .ignored(let what): return P.node("ignored", P.quoted(what))
        }
    }
}

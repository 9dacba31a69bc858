/// A top-level field of a file (a column as COPY sees it): a primitive column, or a nested
/// group, list or map whose leaves are read together and rendered as JSON text.
enum ParquetField {
    case flat(ColumnDescriptor)
    case nested(NestedField)

    var column: ParquetColumn {
        switch self {
        case .flat(let descriptor): return descriptor.column
        case .nested(let field): return field.column
        }
    }

    /// The leaf columns (column chunks) the field reads.
    var leafCount: Int {
        switch self {
        case .flat: return 1
        case .nested(let field): return field.leaves.count
        }
    }

    /// The top-level fields of a schema tree.
    static func fields(of root: SchemaNode) throws -> [ParquetField] {
        try root.children.map { node in
            if node.isLeaf && node.repetition != .repeated {
                return .flat(try ColumnDescriptor(leaf: node.element, name: node.element.name,
                                                  nullable: node.repetition == .optional,
                                                  maxDefinitionLevel: node.repetition == .optional ? 1 : 0,
                                                  maxRepetitionLevel: 0))
            }
            return .nested(try NestedField(node))
        }
    }
}

/// A nested top-level field: its schema subtree and its leaves with their levels.
struct NestedField {
    let node: SchemaNode
    let column: ParquetColumn
    /// The field's leaves, in column chunk order.
    let leaves: [ColumnDescriptor]

    init(_ node: SchemaNode) throws {
        self.node = node
        column = ParquetColumn(name: node.element.name, type: .json, nullable: node.repetition != .required)
        var leaves: [ColumnDescriptor] = []
        func collect(_ node: SchemaNode, path: String, definition: Int, repetition: Int) throws {
            let definition = definition + (node.repetition == .required ? 0 : 1)
            let repetition = repetition + (node.repetition == .repeated ? 1 : 0)
            if node.children.isEmpty {
                leaves.append(try ColumnDescriptor(leaf: node.element, name: path, nullable: true,
                                                   maxDefinitionLevel: definition, maxRepetitionLevel: repetition))
            }
            for child in node.children {
                try collect(child, path: path + "." + child.element.name, definition: definition, repetition: repetition)
            }
        }
        try collect(node, path: node.element.name, definition: 0, repetition: 0)
        self.leaves = leaves
    }
}

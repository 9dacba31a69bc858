/// A leaf (primitive) column of the schema: its public description and what decoding its pages
/// needs.
struct ColumnDescriptor {
    let column: ParquetColumn
    let physical: PhysicalType
    /// FIXED_LEN_BYTE_ARRAY's length (0 for other types).
    let typeLength: Int
    /// The optional and repeated nodes on the leaf's path: 1 for an optional flat column (a
    /// definition level per row), 0 for a required one.
    let maxDefinitionLevel: Int
    /// The repeated nodes on the leaf's path: 0 for a flat column.
    let maxRepetitionLevel: Int
    let converter: ValueConverter

    init(leaf element: SchemaElement, name: String, nullable: Bool, maxDefinitionLevel: Int, maxRepetitionLevel: Int) throws {
        guard let physical = element.type else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: column \(name) has no type")
        }
        let converter = try ValueConverter(element)
        let typeLength = Int(element.typeLength ?? 0)
        if physical == .fixedLenByteArray && typeLength <= 0 {
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: column \(name) has no fixed length")
        }
        column = ParquetColumn(name: name, type: converter.valueType, nullable: nullable)
        self.physical = physical
        self.typeLength = typeLength
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        self.converter = converter
    }
}

/// A node of the schema tree (the footer lists it flattened, depth first).
final class SchemaNode {
    let element: SchemaElement
    var children: [SchemaNode] = []
    /// The leaves under this node (itself for a leaf), as indices in depth-first leaf order,
    /// which is the order of a row group's column chunks.
    var leaves: Range<Int> = 0..<0

    init(_ element: SchemaElement) { self.element = element }

    var isLeaf: Bool { children.isEmpty && element.type != nil }
    var repetition: Repetition { element.repetition ?? .optional }

    /// The tree of a flattened schema; throws `.corruptMetadata` when the child counts do not
    /// match the elements.
    static func tree(of schema: [SchemaElement]) throws -> SchemaNode {
        guard let first = schema.first else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: the schema is empty")
        }
        var position = 1
        var leafCount = 0
        func build(_ element: SchemaElement, depth: Int) throws -> SchemaNode {
            let node = SchemaNode(element)
            let start = leafCount
            let count = Int(element.numChildren ?? 0)
            guard count >= 0, count <= schema.count - position, depth < 100 else {
                throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: the schema's child counts do not match its elements")
            }
            if count == 0 {
                guard element.type != nil else {
                    throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: column \(element.name) has no type")
                }
                leafCount += 1
            }
            for _ in 0..<count {
                let child = schema[position]
                position += 1
                node.children.append(try build(child, depth: depth + 1))
            }
            node.leaves = start..<leafCount
            return node
        }
        let root = try build(first, depth: 0)
        guard position == schema.count else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: the schema's root has \(root.children.count) children but more elements follow")
        }
        return root
    }
}

/// A leaf column of a flat schema: its public description and what decoding its pages needs.
struct ColumnDescriptor {
    let column: ParquetColumn
    let physical: PhysicalType
    /// FIXED_LEN_BYTE_ARRAY's length (0 for other types).
    let typeLength: Int
    /// 1 for an optional column (a definition level per row), 0 for a required one.
    let maxDefinitionLevel: Int
    let converter: ValueConverter

    /// The leaf columns of a schema (its root's children), which must all be primitive and not
    /// repeated: nested groups, lists and maps throw `.unsupported`.
    static func flatColumns(of schema: [SchemaElement]) throws -> [ColumnDescriptor] {
        guard let root = schema.first else {
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: the schema is empty")
        }
        let children = Int(root.numChildren ?? 0)
        guard children == schema.count - 1 else {
            let nested = schema.dropFirst().first { ($0.numChildren ?? 0) > 0 }
            if let nested {
                throw ParquetError(.unsupported, "Parquet column \(nested.name) is a nested group (struct, list or map); only flat schemas of primitive columns are supported")
            }
            throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: the schema's root has \(children) children but \(schema.count - 1) elements follow")
        }
        return try schema.dropFirst().map { element in
            guard (element.numChildren ?? 0) == 0, element.type != nil else {
                throw ParquetError(.unsupported, "Parquet column \(element.name) is a nested group (struct, list or map); only flat schemas of primitive columns are supported")
            }
            let repetition = element.repetition ?? .optional
            guard repetition != .repeated else {
                throw ParquetError(.unsupported, "Parquet column \(element.name) is repeated; only flat schemas of primitive columns are supported")
            }
            let converter = try ValueConverter(element)
            let physical = element.type!
            let typeLength = Int(element.typeLength ?? 0)
            if physical == .fixedLenByteArray && typeLength <= 0 {
                throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: column \(element.name) has no fixed length")
            }
            return ColumnDescriptor(
                column: ParquetColumn(name: element.name, type: converter.valueType, nullable: repetition == .optional),
                physical: physical, typeLength: typeLength,
                maxDefinitionLevel: repetition == .optional ? 1 : 0, converter: converter)
        }
    }
}

/// One value slot of a nested leaf: its repetition and definition levels, and its value when
/// the definition level is the maximum.
struct LeafEntry {
    var repetition: Int
    var definition: Int
    var value: BulkValue?
}

/// Reads a nested leaf column record by record: the entries from one repetition level 0 to
/// the next.
final class LeafRecordCursor {
    let descriptor: ColumnDescriptor
    private let chunk: ColumnChunkCursor
    private var page: LeveledPage?
    private var position = 0
    private var valueIndex = 0

    init(descriptor: ColumnDescriptor, chunk: ColumnChunkCursor) {
        self.descriptor = descriptor
        self.chunk = chunk
    }

    /// The next record's entries.
    func nextRecord() throws -> [LeafEntry] {
        guard try loadPage() else {
            throw ParquetError(.corruptPage, "Parquet column \(descriptor.column.name) has fewer records than its row group's rows")
        }
        var entries = [try take()]
        guard entries[0].repetition == 0 else {
            throw ParquetError(.corruptPage, "Parquet column \(descriptor.column.name): a record does not start at repetition level 0")
        }
        while try loadPage(), let page, (page.repetitionLevels?[position] ?? 0) > 0 {
            entries.append(try take())
        }
        return entries
    }

    /// Whether an entry is available, reading the next data page when the current one is done.
    private func loadPage() throws -> Bool {
        while position >= (page.map(count) ?? 0) {
            guard let next = try chunk.nextLeveledPage() else { return false }
            page = next
            position = 0
            valueIndex = 0
        }
        return true
    }

    private func count(_ page: LeveledPage) -> Int {
        page.definitionLevels?.count ?? page.repetitionLevels?.count ?? page.values.count
    }

    private func take() throws -> LeafEntry {
        guard let page else { throw ParquetError(.corruptPage, "Parquet column \(descriptor.column.name) ends early") }
        let repetition = Int(page.repetitionLevels?[position] ?? 0)
        let definition = Int(page.definitionLevels?[position] ?? UInt32(descriptor.maxDefinitionLevel))
        guard repetition <= descriptor.maxRepetitionLevel, definition <= descriptor.maxDefinitionLevel else {
            throw ParquetError(.corruptPage, "Parquet column \(descriptor.column.name) has a level above its maximum")
        }
        position += 1
        var value: BulkValue?
        if definition == descriptor.maxDefinitionLevel {
            guard valueIndex < page.values.count else {
                throw ParquetError(.corruptPage, "Parquet column \(descriptor.column.name) has fewer values than levels")
            }
            value = page.values[valueIndex]
            valueIndex += 1
        }
        return LeafEntry(repetition: repetition, definition: definition, value: value)
    }
}

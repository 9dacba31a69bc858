import BulkFormats
import ObjectStore

extension ObjectStore {
    /// Writes `rows` as one Parquet object at `location` (a test's input file).
    func writeParquet(at location: S3Location, columns: [ParquetWriterColumn], rows: [[BulkValue]],
                      options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        let output = try writer(for: location)
        let writer = try ParquetWriter(columns: columns, output: output, options: options)
        for row in rows { try writer.append(row) }
        try writer.close()
        try output.finish()
    }
}

import BulkFormats
import ObjectStore
import RedshiftSQL

/// GZIP, BZIP2 and ZSTD for UNLOAD's text files (r_UNLOAD › BZIP2, GZIP, ZSTD): the object's
/// bytes go through BulkFormats' compressing writer.
enum UnloadCompression {
    static func wrap(_ writer: any ObjectWriter, _ compression: UnloadOptions.Compression) throws -> any ObjectWriter {
        let format: CompressionFormat
        switch compression {
        case .none: return writer
        case .gzip: format = .gzip
        case .bzip2: format = .bzip2
        case .zstd: format = .zstd
        }
        do {
            return try format.writer(compressingInto: writer)
        } catch {
            writer.abort()
            throw error
        }
    }
}

import ObjectStore
import RedshiftSQL

/// GZIP, BZIP2 and ZSTD for UNLOAD's text files (r_UNLOAD › BZIP2, GZIP, ZSTD).
enum UnloadCompression {
    static func wrap(_ writer: any ObjectWriter, _ compression: UnloadOptions.Compression) throws -> any ObjectWriter {
        switch compression {
        case .none: return writer
        case .gzip, .bzip2, .zstd:
            writer.abort()
            throw SQLError.unsupportedCompression(compression.rawValue.uppercased())
        }
    }
}

extension SQLError {
    static func unsupportedCompression(_ name: String) -> SQLError {
        SQLError(code: "0A000", message: "UNLOAD with \(name) is not supported yet by the emulator")
    }
}

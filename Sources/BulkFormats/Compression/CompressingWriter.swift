import ObjectStore

/// An `ObjectWriter` that compresses what it is given into another writer: UNLOAD's GZIP, BZIP2
/// and ZSTD outputs.
///
/// Input is compressed 64 KB at a time and what the compressor produces is written through at
/// once, so memory stays bounded whatever the size of one `write`. `finish()` ends the
/// compressed stream and finishes the destination; `abort()` aborts it.
///
/// For example:
///
///     let file = try CompressionFormat.gzip.writer(compressingInto: store.writer(for: location))
///     try file.write(Array("1|a\n".utf8))
///     try file.finish()
public final class CompressingWriter: ObjectWriter {
    private let destination: any ObjectWriter
    private let compressor: any StreamCompressor
    private static let sliceSize = 64 * 1024

    init(destination: any ObjectWriter, compressor: any StreamCompressor) {
        self.destination = destination
        self.compressor = compressor
    }

    public func write(_ bytes: [UInt8]) throws {
        var start = 0
        while start < bytes.count {
            let end = min(start + Self.sliceSize, bytes.count)
            let compressed = try bytes[start..<end].withUnsafeBytes { try compressor.compress($0) }
            if !compressed.isEmpty { try destination.write(compressed) }
            start = end
        }
    }

    @discardableResult public func finish() throws -> ObjectInfo {
        let trailer = try compressor.finish()
        if !trailer.isEmpty { try destination.write(trailer) }
        return try destination.finish()
    }

    public func abort() { destination.abort() }
}

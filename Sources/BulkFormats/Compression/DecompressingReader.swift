import ObjectStore

/// A `ByteReader` that decompresses another one as it is read: COPY's GZIP, BZIP2 and ZSTD inputs.
///
/// Memory stays bounded: the compressed input is read 64 KB at a time and each `read` returns
/// at most 1 MB. Concatenated streams (gzip members, bzip2 streams, zstd frames) are read one
/// after another, as the command-line tools do; input that ends inside a stream throws
/// `CompressionError(.truncated)`, and invalid data throws `.corrupt`. An empty input reads as empty.
///
/// For example:
///
///     let rows = try CompressionFormat.gzip.reader(decompressing: store.reader(for: location))
///     while case let chunk = try rows.read(maxLength: 65_536), !chunk.isEmpty { … }
public final class DecompressingReader: ByteReader {
    private let source: any ByteReader
    private let decompressor: any StreamDecompressor
    private let inputChunkSize: Int
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var sourceEnded = false
    /// Part of the current stream has been read but not its end.
    private var insideStream = false
    /// A stream ended; the next input byte starts another one.
    private var streamEnded = false
    private var finished = false

    static let maximumReadLength = 1 << 20

    init(source: any ByteReader, decompressor: any StreamDecompressor, inputChunkSize: Int = 64 * 1024) {
        self.source = source
        self.decompressor = decompressor
        self.inputChunkSize = inputChunkSize
    }

    public func read(maxLength: Int) throws -> [UInt8] {
        guard maxLength > 0, !finished else { return [] }
        var output = [UInt8](repeating: 0, count: min(maxLength, Self.maximumReadLength))
        var produced = 0
        while produced < output.count, !finished {
            if inputPosition == input.count && !sourceEnded {
                input = try source.read(maxLength: inputChunkSize)
                inputPosition = 0
                if input.isEmpty { sourceEnded = true }
                continue
            }
            let hasInput = inputPosition < input.count
            if streamEnded {
                guard hasInput, decompressor.readsConcatenatedStreams else { finished = true; break }
                try decompressor.startNextStream()
                streamEnded = false
            }
            if !hasInput && !insideStream { finished = true; break }
            let step = try input[inputPosition...].withUnsafeBytes { inputBytes in
                try output[produced...].withUnsafeMutableBytes { outputBytes in
                    try decompressor.step(input: inputBytes, output: outputBytes)
                }
            }
            inputPosition += step.consumed
            produced += step.produced
            if step.consumed > 0 { insideStream = true }
            if step.streamEnded {
                insideStream = false
                streamEnded = true
            } else if step.consumed == 0 && step.produced == 0 {
                // No progress with output room left: the input must have ended mid-stream.
                if !hasInput { throw decompressor.truncatedError }
                throw CompressionError(.corrupt, "\(decompressor.formatName): invalid compressed data")
            }
        }
        return produced == output.count ? output : Array(output[0..<produced])
    }

    /// Everything left, read to the end: for blocks and tests, not for whole files.
    func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        while true {
            let chunk = try read(maxLength: Self.maximumReadLength)
            if chunk.isEmpty { return result }
            result.append(contentsOf: chunk)
        }
    }
}

import Foundation
import ObjectStore
import Testing
@testable import BulkFormats

/// Files people COPY come from the `gzip`, `bzip2` and `zstd` tools, and what UNLOAD writes must
/// open with them. Each test runs the real tool (present here; `.ci/run` installs zstd).
@Suite struct CommandLineInteropTests {
    static let tools: [(CompressionFormat, String)] = [(.gzip, "gzip"), (.bzip2, "bzip2"), (.zstd, "zstd")]

    /// Runs `/usr/bin/<tool> arguments` with `input` on stdin; returns stdout.
    static func run(_ tool: String, _ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("in"), outputFile = directory.appendingPathComponent("out")
        try Data(input).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CompressionError(.library, "\(tool) \(arguments) exited with \(process.terminationStatus)")
        }
        return Array(try Data(contentsOf: outputFile))
    }

    static func toolExists(_ tool: String) -> Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)") }

    @Test(arguments: [0, 1, 300_000])
    func decompressesWhatTheToolsCompress(size: Int) throws {
        let input = TestData.bytes(size)
        for (format, tool) in Self.tools {
            try #require(Self.toolExists(tool), "\(tool) is missing: .ci/run installs it")
            let compressed = try Self.run(tool, ["-c"], input: input)
            let output = try TestData.readAll(format.reader(decompressing: ArrayByteReader(compressed)))
            #expect(output == input, "\(tool)")
        }
    }

    @Test(arguments: [0, 1, 300_000])
    func theToolsDecompressWhatWeCompress(size: Int) throws {
        let input = TestData.bytes(size)
        for (format, tool) in Self.tools {
            try #require(Self.toolExists(tool), "\(tool) is missing: .ci/run installs it")
            let compressed = try StreamingCompressionTests.compress(input, format)
            #expect(try Self.run(tool, ["-dc"], input: compressed) == input, "\(tool)")
        }
    }

    @Test func decompressesMembersTheToolsAppended() throws {
        let first = TestData.bytes(80_000, seed: 7), second = TestData.bytes(90_000, seed: 8)
        for (format, tool) in Self.tools {
            try #require(Self.toolExists(tool), "\(tool) is missing: .ci/run installs it")
            let compressed = try Self.run(tool, ["-c"], input: first) + Self.run(tool, ["-c"], input: second)
            #expect(try TestData.readAll(format.reader(decompressing: ArrayByteReader(compressed))) == first + second, "\(tool)")
        }
    }

    // Parquet's GZIP pages are gzip streams: a block the tool writes decompresses as a block.
    @Test func gzipBlocksFromTheTool() throws {
        let input = TestData.bytes(20_000)
        let compressed = try Self.run("gzip", ["-c", "-9"], input: input)
        #expect(try BlockCodec.gzip.decompress(compressed, uncompressedSize: input.count) == input)
        #expect(try Self.run("zstd", ["-dc"], input: BlockCodec.zstd.compress(input)) == input)
    }
}

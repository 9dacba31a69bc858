import Testing
@testable import BulkFormats

@Suite struct CompressionFormatTests {
    // r_COPY / copy-parameters-file-compression: the keywords are GZIP, BZIP2, LZOP and ZSTD.
    @Test func keywordsNameTheFormats() {
        #expect(CompressionFormat(keyword: "gzip") == .gzip)
        #expect(CompressionFormat(keyword: "BZIP2") == .bzip2)
        #expect(CompressionFormat(keyword: "Zstd") == .zstd)
        #expect(CompressionFormat(keyword: "LZOP") == .lzop)
        #expect(CompressionFormat(keyword: "ZIP") == nil)
    }

    // r_UNLOAD: "the file extension .gz, .bz2 or .zst" is added to compressed files.
    @Test func unloadExtensions() {
        #expect(CompressionFormat.gzip.fileExtension == ".gz")
        #expect(CompressionFormat.bzip2.fileExtension == ".bz2")
        #expect(CompressionFormat.zstd.fileExtension == ".zst")
        #expect(CompressionFormat.none.fileExtension == "")
    }
}

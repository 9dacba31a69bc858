/// How a COPY input or an UNLOAD output is compressed (COPY's and UNLOAD's GZIP, BZIP2, ZSTD and
/// LZOP keywords; Redshift decides by the keyword, not by the file's name).
public enum CompressionFormat: String, Sendable, CaseIterable {
    case none, gzip, bzip2, zstd, lzop

    /// The format a COPY or UNLOAD keyword names (case-insensitive), nil for other words.
    public init?(keyword: String) {
        switch keyword.uppercased() {
        case "GZIP": self = .gzip
        case "BZIP2": self = .bzip2
        case "ZSTD": self = .zstd
        case "LZOP": self = .lzop
        default: return nil
        }
    }

    /// The extension UNLOAD adds to the files it writes in this format (r_UNLOAD: `.gz`, `.bz2`,
    /// `.zst`), "" for none.
    public var fileExtension: String {
        switch self {
        case .none: return ""
        case .gzip: return ".gz"
        case .bzip2: return ".bz2"
        case .zstd: return ".zst"
        case .lzop: return ".lzo"
        }
    }
}

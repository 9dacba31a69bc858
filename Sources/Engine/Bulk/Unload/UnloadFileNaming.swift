import Foundation
import ObjectStore
import RedshiftSQL

/// The names UNLOAD gives its files.
///
/// - Redshift: r_UNLOAD › TO (`<name-prefix><slice-number>_part_<part-number>`, the manifest at
///   `<name-prefix>manifest`), PARALLEL (serially: `key000`, `key001` …), PARTITION BY (Hive-style
///   `column=value/` folders, a `/` added to the prefix when needed, NULL as
///   `__HIVE_DEFAULT_PARTITION__`), BZIP2/GZIP/ZSTD (`.bz2`, `.gz`, `.zst` appended), EXTENSION;
///   r_UNLOAD_command_examples (`0000_part_00.parquet`).
/// - The emulated cluster has one slice (STV_SLICES, SVV_TABLE_INFO): PARALLEL ON writes
///   `<prefix>0000_part_00`, then `_part_01` … past MAXFILESIZE.
struct UnloadFileNaming {
    var prefix: S3Location
    var parallel: Bool
    /// Appended to every data file: `.csv`, `.gz`, `.parquet` … or "".
    var suffix: String

    init(prefix: S3Location, options: UnloadOptions) {
        var prefix = prefix
        if !options.partitionBy.isEmpty, !prefix.key.isEmpty, !prefix.key.hasSuffix("/") { prefix.key += "/" }
        self.prefix = prefix
        parallel = options.parallel
        if let ext = options.fileExtension, !ext.isEmpty {
            suffix = "." + ext
        } else if options.format == .parquet {
            suffix = ".parquet"
        } else {
            switch options.compression {
            case .none: suffix = ""
            case .gzip: suffix = ".gz"
            case .bzip2: suffix = ".bz2"
            case .zstd: suffix = ".zst"
            }
        }
    }

    /// The `part`-th file (from 0) of a partition folder (`""` without PARTITION BY).
    func file(_ part: Int, folder: String = "") -> S3Location {
        let name = parallel ? "0000_part_" + Self.pad(part, 2) : Self.pad(part, 3)
        return prefix.appending(folder + name + suffix)
    }

    /// `<prefix>manifest` (r_UNLOAD › MANIFEST).
    var manifest: S3Location { prefix.appending("manifest") }

    /// `a=1/b=x/` for these partition values (nil: NULL).
    static func folder(_ columns: [String], _ values: [String?]) -> String {
        zip(columns, values).map { column, value in "\(column)=\(value.map(escapeValue) ?? "__HIVE_DEFAULT_PARTITION__")/" }.joined()
    }

    /// A partition value as Hive writes it in a path: `/`, `=`, `%` and control characters %-encoded.
    static func escapeValue(_ value: String) -> String {
        var text = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "/", "=", "%", "\\", "#", "?", "\"", "'", ":", "*", "[", "]", "^", "{":
                text += "%" + String(format: "%02X", scalar.value)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                text += "%" + String(format: "%02X", scalar.value)
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

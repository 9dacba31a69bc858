/// Why a Parquet file could not be read or written.
///
/// The messages name the file's problem plainly; the engine wraps them in Redshift's COPY error.
/// Redshift's own texts for a corrupt file are not documented word for word, so these are ours.
public struct ParquetError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Not a Parquet file: the `PAR1` magic is missing at the start or the end.
        case notParquet
        /// The file ends before the footer or a column chunk it describes.
        case truncated
        /// The footer or a page header does not decode, or contradicts itself.
        case corruptMetadata
        /// A page's bytes do not decode (bad compression, bad encoding, too few values).
        case corruptPage
        /// A valid file using something this reader does not read (nested columns, an encoding).
        case unsupported
        /// A row handed to the writer does not fit its schema.
        case invalidValue
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

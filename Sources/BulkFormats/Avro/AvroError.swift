/// Why an Avro file could not be read: not an object container file, a schema this reader does
/// not understand, a truncated or corrupt block, or an unsupported codec.
///
/// COPY reports `message` as the statement's error (Redshift's own wording for these cases is
/// not documented).
public struct AvroError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The file is not Avro, or its header, a block or a value is malformed.
        case corrupt
        /// The file ends inside its header, a block or a value.
        case truncated
        /// The schema is invalid or its top-level type is not a record.
        case schema
        /// A codec this reader does not implement (`xz`, or an unknown name).
        case unsupported
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

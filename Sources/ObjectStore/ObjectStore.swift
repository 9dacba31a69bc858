import Foundation

/// Where `s3://bucket/key` objects live: a local directory, or an S3 API endpoint.
///
/// COPY, UNLOAD and Spectrum read and write through this protocol only. Its calls block the
/// calling thread (statements run on their connection's serial queue, never on a cooperative
/// thread); keys are compared as S3 compares them, by their UTF-8 bytes.
public protocol ObjectStore: Sendable {
    /// The objects whose key starts with `prefix` (every object of the bucket for ""), in key
    /// order, as S3's ListObjectsV2 returns them. A missing bucket throws `.noSuchBucket`.
    func list(bucket: String, prefix: String) throws -> [ObjectInfo]
    /// The object's size and time, or nil when there is no such key.
    func head(_ location: S3Location) throws -> ObjectInfo?
    /// The object's bytes from the start, read in chunks. A missing key throws `.noSuchKey`.
    func reader(for location: S3Location) throws -> any ByteReader
    /// `length` bytes from `offset` (fewer at the end): Parquet footers and column chunks.
    func read(_ location: S3Location, offset: Int64, length: Int) throws -> [UInt8]
    /// A new object, written in chunks; it appears at `finish()` and never half written.
    func writer(for location: S3Location) throws -> any ObjectWriter
    /// Removes the objects (missing ones are not an error, as in S3's DeleteObjects).
    func delete(_ locations: [S3Location]) throws
    /// What `GET /health` and the logs say about the store: its root directory or endpoint.
    var summary: String { get }
}

/// A sequential reader of bytes: an object, or a decompressed view of one.
public protocol ByteReader: AnyObject {
    /// Up to `maxLength` next bytes; an empty array at the end.
    func read(maxLength: Int) throws -> [UInt8]
}

/// A sequential writer of an object's bytes.
public protocol ObjectWriter: AnyObject {
    func write(_ bytes: [UInt8]) throws
    /// Makes the object visible with everything written; returns what was stored.
    @discardableResult func finish() throws -> ObjectInfo
    /// Drops what was written; the object does not appear.
    func abort()
}

/// One stored object.
public struct ObjectInfo: Hashable, Sendable {
    public var location: S3Location
    public var size: Int64
    public var lastModified: Date?

    public init(location: S3Location, size: Int64, lastModified: Date? = nil) {
        self.location = location
        self.size = size
        self.lastModified = lastModified
    }
}

/// Why a store call failed; the engine turns each kind into Redshift's error text.
public struct ObjectStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case noSuchBucket, noSuchKey, accessDenied, invalidKey, unreachable, other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

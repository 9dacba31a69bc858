/// An `s3://bucket/key` address. The key may be empty (a bucket) or a prefix.
public struct S3Location: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var bucket: String
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://bucket/key` (the scheme is case-insensitive, as Redshift accepts `S3://`);
    /// nil for anything else or an empty bucket.
    public init?(url: String) {
        guard url.count > 5, url.prefix(5).lowercased() == "s3://" else { return nil }
        let rest = url.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        self.key = String(rest.dropFirst(bucket.count + 1))
    }

    /// The same bucket with `suffix` appended to the key.
    public func appending(_ suffix: String) -> S3Location { S3Location(bucket: bucket, key: key + suffix) }

    public var description: String { "s3://\(bucket)/\(key)" }

    /// S3's order: by bucket, then by the key's UTF-8 bytes.
    public static func < (lhs: S3Location, rhs: S3Location) -> Bool {
        if lhs.bucket != rhs.bucket { return lhs.bucket.utf8.lexicographicallyPrecedes(rhs.bucket.utf8) }
        return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }
}

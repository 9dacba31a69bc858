/// The configuration file's `s3:` section: where `s3://` lives.
///
/// ```yaml
/// s3: {endpoint: "http://127.0.0.1:5000", region: us-east-1}   # an S3 API (moto, LocalStack, MinIO, AWS)
/// s3: {root: /var/lib/emulatord/s3}                            # or a directory: s3://bucket/key is root/bucket/key
/// ```
public struct S3Settings: Codable, Sendable, Equatable {
    public var endpoint: String?
    public var region: String?
    public var root: String?

    public init(endpoint: String? = nil, region: String? = nil, root: String? = nil) {
        self.endpoint = endpoint
        self.region = region
        self.root = root
    }
}

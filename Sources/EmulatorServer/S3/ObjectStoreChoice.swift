import Engine
import Foundation

/// Where `s3://` lives for one server, decided from the options before anything is opened.
///
/// Precedence: `--s3-root`/`--s3-endpoint` over the `AWS_ENDPOINT_URL_S3` environment variable over
/// the configuration file's `s3:` section. A directory root and an endpoint asked for together is a
/// configuration error. Without any S3 option the store is `<data-dir>/s3` with `--data-dir`, else a
/// private temporary directory removed at exit.
public enum ObjectStoreChoice: Equatable, Sendable {
    /// `s3://bucket/key` is the file `root/bucket/key`; `temporary`: removed when the server stops.
    case directory(root: String, temporary: Bool)
    /// An S3 API at `endpoint`, path-style, signed for `region`.
    case endpoint(url: String, region: String)

    /// The choice made by `configuration`'s flags, `environment` and configuration file.
    public static func resolve(_ configuration: EmulatorConfiguration) throws -> ObjectStoreChoice {
        let file = configuration.configFile.s3 ?? S3Settings()
        let environment = configuration.environment
        let endpoint: (url: String, source: String)? =
            configuration.s3Endpoint.map { ($0, "--s3-endpoint") }
            ?? environment["AWS_ENDPOINT_URL_S3"].flatMap { $0.isEmpty ? nil : ($0, "AWS_ENDPOINT_URL_S3") }
            ?? file.endpoint.map { ($0, "the configuration file's s3.endpoint") }
        if let endpoint {
            if configuration.s3Root != nil {
                throw ConfigError("--s3-root cannot be used with an S3 endpoint (\(endpoint.source) is \(endpoint.url)): choose a directory or an endpoint")
            }
            if file.root != nil && endpoint.source.hasPrefix("the configuration") {
                throw ConfigError("the configuration file's s3 section has both root and endpoint: choose one")
            }
            try validate(endpoint: endpoint.url, source: endpoint.source)
            let region = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 }
                ?? environment["AWS_DEFAULT_REGION"].flatMap { $0.isEmpty ? nil : $0 }
                ?? file.region ?? "us-east-1"
            return .endpoint(url: endpoint.url, region: region)
        }
        if let root = configuration.s3Root ?? file.root { return .directory(root: root, temporary: false) }
        if let dataDirectory = configuration.dataDirectory {
            return .directory(root: URL(fileURLWithPath: dataDirectory).appendingPathComponent("s3").path, temporary: false)
        }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("emulatord-s3-\(UUID().uuidString.lowercased())")
        return .directory(root: temporary.path, temporary: true)
    }

    private static func validate(endpoint: String, source: String) throws {
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw ConfigError("\(source): \(endpoint.debugDescription) is not an http:// or https:// URL")
        }
    }

    /// What `GET /health` says about the store.
    var health: [String: Any] {
        switch self {
        case .directory(let root, let temporary):
            return ["store": "directory", "root": root, "temporary": temporary]
        case .endpoint(let url, let region):
            return ["store": "endpoint", "endpoint": url, "region": region]
        }
    }
}

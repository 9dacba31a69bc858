import Engine
import Foundation
import ObjectStore
import S3Store

extension ObjectStoreChoice {
    /// Opens the chosen store: creates the directory (a temporary one is removed at exit with the
    /// engine's own temporary storage), or addresses the endpoint with the credentials in `environment`
    /// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`; unsigned without them).
    func makeStore(environment: [String: String]) throws -> any ObjectStore {
        switch self {
        case .directory(let root, let temporary):
            do {
                let store = try LocalObjectStore(root: root)
                if temporary { TemporaryStorage.register(URL(fileURLWithPath: root)) }
                return store
            } catch let error as ObjectStoreError {
                throw ConfigError("--s3-root: \(error.message)")
            }
        case .endpoint(let url, let region):
            do {
                let endpoint = try S3Endpoint(url: url, region: region, credentials: .fromEnvironment(environment))
                return S3ObjectStore(endpoint: endpoint)
            } catch let error as ObjectStoreError {
                throw ConfigError(error.message)
            }
        }
    }
}

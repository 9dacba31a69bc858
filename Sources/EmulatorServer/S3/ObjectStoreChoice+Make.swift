import Engine
import Foundation
import ObjectStore

extension ObjectStoreChoice {
    /// Opens the chosen store: creates the directory (a temporary one is removed at exit with the
    /// engine's own temporary storage).
    func makeStore() throws -> any ObjectStore {
        switch self {
        case .directory(let root, let temporary):
            do {
                let store = try LocalObjectStore(root: root)
                if temporary { TemporaryStorage.register(URL(fileURLWithPath: root)) }
                return store
            } catch let error as ObjectStoreError {
                throw ConfigError("--s3-root: \(error.message)")
            }
        case .endpoint:
            throw ConfigError("S3 endpoints are not supported yet; use --s3-root")
        }
    }
}

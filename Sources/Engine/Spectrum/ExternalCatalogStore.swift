import Foundation
import RedshiftSQL

/// A cluster's data catalog (Spectrum's external databases, tables and schemas), shared by the
/// cluster's databases as the AWS Glue Data Catalog is; kept in `external-catalog.json` in the
/// cluster's directory when the server is durable (`--data-dir`).
///
/// Changes are not transactional: each applies at once, as a Glue catalog call does.
final class ExternalCatalogStore: Sendable {
    private let state: Locked<ExternalCatalog>
    private let file: URL?

    /// - Parameter file: where the catalog persists; nil keeps it in memory.
    /// - Parameter source: where it is read from at start (default: `file`; a restored snapshot's
    ///   catalog in memory too).
    init(file: URL?, loadingFrom source: URL? = nil) {
        self.file = file
        var loaded = ExternalCatalog()
        if let file = source ?? file, let data = try? Data(contentsOf: file), let decoded = try? JSONDecoder().decode(ExternalCatalog.self, from: data) {
            loaded = decoded
        }
        state = Locked(loaded)
    }

    /// The catalog as it is now.
    var snapshot: ExternalCatalog { state.withLock { $0 } }

    /// Applies `change` and saves the catalog; on any error nothing changes.
    func apply(_ change: ExternalCatalogChange) throws {
        try state.withLock { catalog in
            var updated = catalog
            try change.apply(to: &updated)
            if let file {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                try encoder.encode(updated).write(to: file, options: .atomic)
            }
            catalog = updated
        }
    }
}

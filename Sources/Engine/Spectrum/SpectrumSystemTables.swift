import Foundation
import RedshiftSQL

/// The engine's system tables with the Spectrum catalog views (SVV_EXTERNAL_*) answered from the
/// cluster's data catalog; every other relation comes from `base`.
struct SpectrumSystemTables: SystemTableSource {
    let base: any SystemTableSource
    let catalog: ExternalCatalog

    func rows(of relation: SystemRelation, for identity: StatementIdentity) -> [[SQLiteValue]] {
        SpectrumCatalogViews.rows(of: relation, catalog: catalog, database: identity.database) ?? base.rows(of: relation, for: identity)
    }
}

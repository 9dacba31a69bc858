import RedshiftSQL

extension RedshiftEngine {
    /// The data catalog (Spectrum's external databases, tables and schemas) of a cluster or
    /// workgroup, as it is now: what the Data API's metadata operations list besides local objects.
    public func externalCatalog(of target: Target) throws -> ExternalCatalog {
        try registry.cluster(for: target).externalCatalog.snapshot
    }
}

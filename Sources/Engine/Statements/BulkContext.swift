import ObjectStore

/// What COPY and UNLOAD need beyond the connection they run on: the store behind `s3://`, the
/// statement's Redshift query id (STL_LOAD_ERRORS.query, STL_UNLOAD_LOG.query …), and the cluster's
/// logs they write to.
struct BulkContext {
    /// nil: the server has no object store, and a statement that needs one fails.
    var objectStore: (any ObjectStore)?
    /// The statement's query id (0 outside the statement lifecycle, e.g. `--init-sql`).
    var queryId: Int64 = 0
    /// Where COPY logs its rejected rows and loads (STL_LOAD_ERRORS, SYS_LOAD_HISTORY …), and for
    /// which cluster or workgroup; nil outside an engine (nothing is logged).
    var loadLog: LoadLog?
    var target = Target(kind: .cluster, name: "")
    /// The cluster's data catalog (Spectrum); nil outside a cluster (e.g. `--init-sql`).
    var externalCatalog: ExternalCatalogStore?
}

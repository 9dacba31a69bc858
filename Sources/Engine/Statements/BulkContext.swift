import Foundation
import ObjectStore

/// What COPY and UNLOAD need beyond the connection they run on: the store behind `s3://`, the
/// statement's Redshift query id (STL_LOAD_ERRORS.query, STL_UNLOAD_LOG.query …), and the cluster's
/// logs they write to.
struct BulkContext {
    /// nil: the server has no object store, and a statement that needs one fails.
    var objectStore: (any ObjectStore)?
    /// The statement's query id (0 outside the statement lifecycle, e.g. `--init-sql`).
    var queryId: Int64 = 0
    /// The cluster or workgroup the statement runs on, its transaction and its clock: the logs' columns.
    var target = Target(kind: .cluster, name: "")
    var transactionId: Int64 = 0
    var clock: @Sendable () -> Date = { Date() }
    /// Where COPY logs its rejected rows and loads (STL_LOAD_ERRORS, SYS_LOAD_HISTORY …); nil outside
    /// an engine (nothing is logged, e.g. `--init-sql`).
    var loadLog: LoadLog?
    /// Where UNLOAD logs the files it wrote (STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY …); nil: not logged.
    var unloadLog: UnloadLog?
    /// The cluster's data catalog (Spectrum); nil outside a cluster (e.g. `--init-sql`).
    var externalCatalog: ExternalCatalogStore?
    /// Where external table scans are logged (SVL_S3QUERY_SUMMARY); nil: not logged.
    var spectrumLog: SpectrumScanLog?
    /// True once the statement is cancelled or timed out: COPY and UNLOAD poll it between rows.
    var isInterrupted: @Sendable () -> Bool = { false }
}

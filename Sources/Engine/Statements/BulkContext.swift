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
    /// Where UNLOAD logs what it wrote (nil: not logged, e.g. `--init-sql`), for which target, in
    /// which transaction.
    var unloadLog: UnloadLog?
    var target = Target(kind: .cluster, name: "")
    var transactionId: Int64 = 0
    /// The statement's clock for the logs' times.
    var clock: @Sendable () -> Date = { Date() }
}

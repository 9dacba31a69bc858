import Foundation
import ObjectStore

/// One file an UNLOAD wrote: a row of STL_UNLOAD_LOG and an entry of the manifest.
struct UnloadedFile: Sendable {
    var location: S3Location
    /// Bytes stored (STL_UNLOAD_LOG.transfer_size, the manifest's `content_length`).
    var size: Int64
    /// Data rows (STL_UNLOAD_LOG.line_count).
    var rows: Int64
    /// Records including the header line (MANIFEST VERBOSE's `record_count`: "If the HEADER option
    /// is specified, the row count includes the header line").
    var records: Int64
    var start: Date
    var end: Date
}

/// What an UNLOAD did.
struct UnloadResult: Sendable {
    var files: [UnloadedFile]
    var rows: Int64
    var manifest: S3Location?
}

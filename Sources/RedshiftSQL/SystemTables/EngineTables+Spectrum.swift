/// Spectrum's monitoring tables: one row per external table scan of a query.
///
/// - Redshift: r_SVL_S3QUERY_SUMMARY, r_SVL_S3PARTITION_SUMMARY (the columns clients read most;
///   the emulated cluster has one segment per scan).
extension EngineTables {
    static var spectrum: [SystemRelation] { [svlS3QuerySummary, svlS3PartitionSummary] }

    static let svlS3QuerySummary = SystemRelation.engine("svl_s3query_summary", [
        SystemColumn("userid", .integer), SystemColumn("query", .integer), SystemColumn("xid", .bigint), SystemColumn("pid", .integer),
        SystemColumn("segment", .integer), SystemColumn("step", .integer), SystemColumn("starttime", .timestamp),
        SystemColumn("endtime", .timestamp), SystemColumn("elapsed", .integer), SystemColumn("aborted", .integer),
        SystemColumn("external_table_name", .char(length: 136)), SystemColumn("file_format", .char(length: 16)),
        SystemColumn("is_partitioned", .char(length: 1)), SystemColumn("s3_scanned_rows", .bigint),
        SystemColumn("s3_scanned_bytes", .bigint), SystemColumn("s3query_returned_rows", .bigint),
        SystemColumn("s3query_returned_bytes", .bigint), SystemColumn("files", .bigint),
    ])

    static let svlS3PartitionSummary = SystemRelation.engine("svl_s3partition_summary", [
        SystemColumn("query", .integer), SystemColumn("segment", .integer), SystemColumn("min_starttime", .timestamp),
        SystemColumn("max_endtime", .timestamp), SystemColumn("total_partitions", .integer), SystemColumn("qualified_partitions", .integer),
    ])
}

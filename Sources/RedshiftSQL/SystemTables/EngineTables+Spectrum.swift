/// Spectrum's monitoring tables: one row per external table scan of a query.
///
/// - Redshift: r_SVL_S3QUERY_SUMMARY, r_SVL_S3PARTITION_SUMMARY (the columns clients read most;
///   the emulated cluster has one segment per scan), SYS_EXTERNAL_QUERY_DETAIL (every column).
extension EngineTables {
    static var spectrum: [SystemRelation] { [svlS3QuerySummary, svlS3PartitionSummary, sysExternalQueryDetail] }

    static let sysExternalQueryDetail = SystemRelation.engine("sys_external_query_detail", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .bigint), SystemColumn("transaction_id", .bigint),
        SystemColumn("child_query_sequence", .integer), SystemColumn("segment_id", .integer), SystemColumn("source_type", .char(length: 32)),
        SystemColumn("start_time", .timestamp), SystemColumn("end_time", .timestamp), SystemColumn("duration", .bigint),
        SystemColumn("total_partitions", .integer), SystemColumn("qualified_partitions", .integer), SystemColumn("scanned_files", .bigint),
        SystemColumn("returned_rows", .bigint), SystemColumn("returned_bytes", .bigint), SystemColumn("file_format", .systemText),
        SystemColumn("file_location", .systemText), SystemColumn("external_query_text", .systemText),
        SystemColumn("warning_message", .char(length: 4000)), SystemColumn("table_name", .char(length: 136)),
        SystemColumn("is_recursive", .char(length: 1)), SystemColumn("is_nested", .char(length: 1)), SystemColumn("s3list_time", .bigint),
        SystemColumn("get_partition_time", .bigint), SystemColumn("query_uuid", .char(length: 36)),
    ])

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

/// COPY's logs: the rows it rejected (STL_LOAD_ERRORS, SYS_LOAD_ERROR_DETAIL) and the loads it
/// committed (STL_LOAD_COMMITS per file, SYS_LOAD_HISTORY per COPY).
extension EngineTables {
    static var load: [SystemRelation] { [stlLoadErrors, sysLoadErrorDetail, stlLoadCommits, sysLoadHistory] }

    /// - Redshift: r_STL_LOAD_ERRORS (every user sees their own rows; superusers all).
    static let stlLoadErrors = SystemRelation.engine("stl_load_errors", [
        SystemColumn("userid", .integer), SystemColumn("slice", .integer), SystemColumn("tbl", .integer),
        SystemColumn("starttime", .timestamp), SystemColumn("session", .integer), SystemColumn("query", .integer),
        SystemColumn("filename", .char(length: 256)), SystemColumn("line_number", .bigint),
        SystemColumn("colname", .char(length: 127)), SystemColumn("type", .char(length: 10)),
        SystemColumn("col_length", .char(length: 10)), SystemColumn("position", .integer),
        SystemColumn("raw_line", .char(length: 1024)), SystemColumn("raw_field_value", .char(length: 1024)),
        SystemColumn("err_code", .integer), SystemColumn("err_reason", .char(length: 100)),
        SystemColumn("is_partial", .integer), SystemColumn("start_offset", .bigint), SystemColumn("copy_job_id", .bigint),
    ])

    /// - Redshift: SYS_LOAD_ERROR_DETAIL.
    static let sysLoadErrorDetail = SystemRelation.engine("sys_load_error_detail", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .bigint), SystemColumn("transaction_id", .bigint),
        SystemColumn("session_id", .integer), SystemColumn("database_name", .char(length: 64)),
        SystemColumn("table_id", .integer), SystemColumn("start_time", .timestamp),
        SystemColumn("file_name", .char(length: 256)), SystemColumn("line_number", .bigint),
        SystemColumn("column_name", .char(length: 127)), SystemColumn("column_type", .char(length: 10)),
        SystemColumn("column_length", .char(length: 10)), SystemColumn("position", .integer),
        SystemColumn("error_code", .integer), SystemColumn("error_message", .char(length: 512)),
    ])

    /// - Redshift: r_STL_LOAD_COMMITS: one row per file a committed COPY loaded.
    static let stlLoadCommits = SystemRelation.engine("stl_load_commits", [
        SystemColumn("userid", .integer), SystemColumn("query", .integer), SystemColumn("slice", .integer),
        SystemColumn("name", .char(length: 256)), SystemColumn("filename", .char(length: 256)),
        SystemColumn("byte_offset", .integer), SystemColumn("lines_scanned", .integer), SystemColumn("errors", .integer),
        SystemColumn("curtime", .timestamp), SystemColumn("status", .integer), SystemColumn("file_format", .char(length: 16)),
        SystemColumn("is_partial", .integer), SystemColumn("start_offset", .bigint), SystemColumn("copy_job_id", .bigint),
    ])

    /// - Redshift: SYS_LOAD_HISTORY: one row per COPY (status `completed` or `aborted`).
    static let sysLoadHistory = SystemRelation.engine("sys_load_history", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .bigint), SystemColumn("transaction_id", .bigint),
        SystemColumn("session_id", .integer), SystemColumn("database_name", .systemText), SystemColumn("status", .systemText),
        SystemColumn("table_name", .systemText), SystemColumn("start_time", .timestamp), SystemColumn("end_time", .timestamp),
        SystemColumn("duration", .bigint), SystemColumn("data_source", .systemText), SystemColumn("file_format", .systemText),
        SystemColumn("loaded_rows", .bigint), SystemColumn("loaded_bytes", .bigint), SystemColumn("source_file_count", .integer),
        SystemColumn("source_file_bytes", .bigint), SystemColumn("file_count_scanned", .integer),
        SystemColumn("file_bytes_scanned", .bigint), SystemColumn("error_count", .bigint), SystemColumn("copy_job_id", .bigint),
    ])
}

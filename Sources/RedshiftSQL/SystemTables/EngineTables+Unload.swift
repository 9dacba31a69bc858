/// The UNLOADs: one row per file written (STL_UNLOAD_LOG, SYS_UNLOAD_DETAIL), one per statement
/// (SYS_UNLOAD_HISTORY).
extension EngineTables {
    static var unloads: [SystemRelation] { [stlUnloadLog, sysUnloadHistory, sysUnloadDetail] }

    /// - Redshift: SYS_UNLOAD_DETAIL (one row per file; regular users see their own rows).
    static let sysUnloadDetail = SystemRelation.engine("sys_unload_detail", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .integer), SystemColumn("session_id", .integer),
        SystemColumn("transaction_id", .bigint), SystemColumn("file_name", .char(length: 1280)),
        SystemColumn("start_time", .timestamp), SystemColumn("end_time", .timestamp), SystemColumn("line_count", .bigint),
        SystemColumn("transfer_size", .bigint), SystemColumn("file_format", .char(length: 10)),
    ])

    /// - Redshift: r_STL_UNLOAD_LOG (regular users see their own rows).
    static let stlUnloadLog = SystemRelation.engine("stl_unload_log", [
        SystemColumn("userid", .integer), SystemColumn("query", .integer), SystemColumn("slice", .integer),
        SystemColumn("pid", .integer), SystemColumn("path", .char(length: 1280)), SystemColumn("start_time", .timestamp),
        SystemColumn("end_time", .timestamp), SystemColumn("line_count", .bigint), SystemColumn("transfer_size", .bigint),
        SystemColumn("file_format", .char(length: 10)),
    ])

    /// - Redshift: SYS_UNLOAD_HISTORY (status `completed` or `aborted`; duration in microseconds).
    static let sysUnloadHistory = SystemRelation.engine("sys_unload_history", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .bigint), SystemColumn("transaction_id", .bigint),
        SystemColumn("session_id", .integer), SystemColumn("database_name", .systemText), SystemColumn("status", .systemText),
        SystemColumn("start_time", .timestamp), SystemColumn("end_time", .timestamp), SystemColumn("duration", .bigint),
        SystemColumn("file_format", .systemText), SystemColumn("compression_type", .systemText),
        SystemColumn("unloaded_location", .systemText), SystemColumn("unloaded_rows", .bigint),
        SystemColumn("unloaded_files_count", .bigint), SystemColumn("unloaded_files_size", .bigint),
        SystemColumn("error_message", .systemText),
    ])
}

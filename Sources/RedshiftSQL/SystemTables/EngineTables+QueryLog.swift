/// Query logs: what ran, when, as whom (STL_QUERY, STL_QUERYTEXT, SVL_QLOG, STV_RECENTS,
/// STV_INFLIGHT, SYS_QUERY_HISTORY, SYS_QUERY_DETAIL).
extension EngineTables {
    static var queryLog: [SystemRelation] {
        [stlQuery, stlQueryText, svlQLog, stvRecents, stvInflight, sysQueryHistory, sysQueryDetail]
    }

    /// - Redshift: r_STL_QUERY (queries only: no DDL or utility statements).
    static let stlQuery = SystemRelation.engine("stl_query", [
        SystemColumn("userid", .integer), SystemColumn("query", .integer), SystemColumn("label", .char(length: 320)),
        SystemColumn("xid", .bigint), SystemColumn("pid", .integer), SystemColumn("database", .char(length: 32)),
        SystemColumn("querytxt", .char(length: 4000)), SystemColumn("starttime", .timestamp),
        SystemColumn("endtime", .timestamp), SystemColumn("aborted", .integer), SystemColumn("insert_pristine", .integer),
        SystemColumn("concurrency_scaling_status", .integer),
    ])

    /// - Redshift: r_STL_QUERYTEXT (the text in 200-character pieces ordered by `sequence`).
    static let stlQueryText = SystemRelation.engine("stl_querytext", [
        SystemColumn("userid", .integer), SystemColumn("xid", .bigint), SystemColumn("pid", .integer),
        SystemColumn("query", .integer), SystemColumn("sequence", .integer), SystemColumn("text", .char(length: 200)),
    ])

    /// - Redshift: r_SVL_QLOG.
    static let svlQLog = SystemRelation.engine("svl_qlog", [
        SystemColumn("userid", .integer), SystemColumn("query", .integer), SystemColumn("xid", .bigint),
        SystemColumn("pid", .integer), SystemColumn("starttime", .timestamp), SystemColumn("endtime", .timestamp),
        SystemColumn("elapsed", .bigint), SystemColumn("aborted", .integer), SystemColumn("label", .char(length: 320)),
        SystemColumn("substring", .char(length: 60)), SystemColumn("source_query", .integer),
        SystemColumn("concurrency_scaling_status_txt", .systemText), SystemColumn("from_sp_call", .integer),
    ])

    /// - Redshift: r_STV_RECENTS (running and recently finished statements; pid -1 once done).
    static let stvRecents = SystemRelation.engine("stv_recents", [
        SystemColumn("userid", .integer), SystemColumn("status", .char(length: 20)), SystemColumn("starttime", .timestamp),
        SystemColumn("duration", .integer), SystemColumn("user_name", .char(length: 50)),
        SystemColumn("db_name", .char(length: 50)), SystemColumn("query", .char(length: 600)), SystemColumn("pid", .integer),
    ])

    /// - Redshift: r_STV_INFLIGHT (running queries only).
    static let stvInflight = SystemRelation.engine("stv_inflight", [
        SystemColumn("userid", .integer), SystemColumn("slice", .integer), SystemColumn("query", .integer),
        SystemColumn("label", .char(length: 320)), SystemColumn("xid", .bigint), SystemColumn("pid", .integer),
        SystemColumn("starttime", .timestamp), SystemColumn("text", .char(length: 100)), SystemColumn("suspended", .integer),
        SystemColumn("insert_pristine", .integer), SystemColumn("concurrency_scaling_status", .integer),
    ])

    /// - Redshift: SYS_QUERY_HISTORY (one row per user query, running or finished).
    static let sysQueryHistory = SystemRelation.engine("sys_query_history", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .bigint), SystemColumn("query_label", .char(length: 320)),
        SystemColumn("transaction_id", .bigint), SystemColumn("session_id", .integer),
        SystemColumn("database_name", .char(length: 128)), SystemColumn("query_type", .char(length: 32)),
        SystemColumn("status", .char(length: 10)), SystemColumn("result_cache_hit", .boolean),
        SystemColumn("start_time", .timestamp), SystemColumn("end_time", .timestamp),
        SystemColumn("elapsed_time", .bigint), SystemColumn("queue_time", .bigint), SystemColumn("execution_time", .bigint),
        SystemColumn("error_message", .char(length: 512)), SystemColumn("returned_rows", .bigint),
        SystemColumn("returned_bytes", .bigint), SystemColumn("query_text", .char(length: 4000)),
        SystemColumn("redshift_version", .char(length: 256)), SystemColumn("usage_limit", .varchar(length: 150)),
        SystemColumn("compute_type", .varchar(length: 32)), SystemColumn("compile_time", .bigint),
        SystemColumn("planning_time", .bigint), SystemColumn("lock_wait_time", .bigint),
        SystemColumn("service_class_id", .integer), SystemColumn("service_class_name", .varchar(length: 64)),
        SystemColumn("query_priority", .varchar(length: 20)), SystemColumn("short_query_accelerated", .varchar(length: 10)),
        SystemColumn("result_cache_query_id", .bigint),
    ])

    /// - Redshift: SYS_QUERY_DETAIL (step level; the emulator reports one `return` step per query).
    static let sysQueryDetail = SystemRelation.engine("sys_query_detail", [
        SystemColumn("user_id", .integer), SystemColumn("query_id", .bigint), SystemColumn("child_query_sequence", .integer),
        SystemColumn("stream_id", .integer), SystemColumn("segment_id", .integer), SystemColumn("step_id", .integer),
        SystemColumn("step_name", .systemText), SystemColumn("table_id", .integer), SystemColumn("table_name", .char(length: 136)),
        SystemColumn("is_rrscan", .char(length: 1)), SystemColumn("start_time", .timestamp), SystemColumn("end_time", .timestamp),
        SystemColumn("duration", .bigint), SystemColumn("alert", .systemText), SystemColumn("input_bytes", .bigint),
        SystemColumn("input_rows", .bigint), SystemColumn("output_bytes", .bigint), SystemColumn("output_rows", .bigint),
        SystemColumn("blocks_read", .bigint), SystemColumn("metrics_level", .systemText),
    ])
}

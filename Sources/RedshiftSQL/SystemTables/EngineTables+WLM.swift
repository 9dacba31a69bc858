/// Workload management tables: live queues (STV_WLM_*) and the per-attempt log (STL_WLM_QUERY,
/// STL_WLM_RULE_ACTION).
extension EngineTables {
    static var wlm: [SystemRelation] {
        [stvWLMQueryState, stvWLMQueryQueueState, stvWLMServiceClassConfig, stvWLMServiceClassState,
         stlWLMQuery, stlWLMRuleAction]
    }

    /// - Redshift: r_STV_WLM_QUERY_STATE.
    static let stvWLMQueryState = SystemRelation.engine("stv_wlm_query_state", [
        SystemColumn("xid", .integer), SystemColumn("task", .integer), SystemColumn("query", .integer),
        SystemColumn("service_class", .integer), SystemColumn("slot_count", .integer),
        SystemColumn("wlm_start_time", .timestamp), SystemColumn("state", .char(length: 16)),
        SystemColumn("queue_time", .bigint), SystemColumn("exec_time", .bigint),
        SystemColumn("query_priority", .char(length: 20)),
    ])

    /// - Redshift: r_STV_WLM_QUERY_QUEUE_STATE.
    static let stvWLMQueryQueueState = SystemRelation.engine("stv_wlm_query_queue_state", [
        SystemColumn("service_class", .integer), SystemColumn("position", .integer), SystemColumn("task", .integer),
        SystemColumn("query", .integer), SystemColumn("slot_count", .integer), SystemColumn("start_time", .timestamp),
        SystemColumn("queue_time", .bigint),
    ])

    /// - Redshift: r_STV_WLM_SERVICE_CLASS_CONFIG (superusers only).
    static let stvWLMServiceClassConfig = SystemRelation.engine("stv_wlm_service_class_config", [
        SystemColumn("service_class", .integer), SystemColumn("queueing_strategy", .char(length: 32)),
        SystemColumn("num_query_tasks", .integer), SystemColumn("target_num_query_tasks", .integer),
        SystemColumn("evictable", .char(length: 8)), SystemColumn("eviction_threshold", .bigint),
        SystemColumn("query_working_mem", .integer), SystemColumn("target_query_working_mem", .integer),
        SystemColumn("min_step_mem", .integer), SystemColumn("name", .char(length: 64)),
        SystemColumn("max_execution_time", .bigint), SystemColumn("user_group_wild_card", .boolean),
        SystemColumn("query_group_wild_card", .boolean), SystemColumn("concurrency_scaling", .char(length: 20)),
        SystemColumn("query_priority", .char(length: 20)), SystemColumn("user_role_wild_card", .boolean),
    ])

    /// - Redshift: r_STV_WLM_SERVICE_CLASS_STATE (superusers only).
    static let stvWLMServiceClassState = SystemRelation.engine("stv_wlm_service_class_state", [
        SystemColumn("service_class", .integer), SystemColumn("num_queued_queries", .integer),
        SystemColumn("num_executing_queries", .integer), SystemColumn("num_serviced_queries", .integer),
        SystemColumn("num_executed_queries", .integer), SystemColumn("num_evicted_queries", .integer),
        SystemColumn("num_concurrency_scaling_queries", .integer),
    ])

    /// - Redshift: r_STL_WLM_QUERY (one row per execution attempt in a service class).
    static let stlWLMQuery = SystemRelation.engine("stl_wlm_query", [
        SystemColumn("userid", .integer), SystemColumn("xid", .integer), SystemColumn("task", .integer),
        SystemColumn("query", .integer), SystemColumn("service_class", .integer), SystemColumn("slot_count", .integer),
        SystemColumn("service_class_start_time", .timestamp), SystemColumn("queue_start_time", .timestamp),
        SystemColumn("queue_end_time", .timestamp), SystemColumn("total_queue_time", .bigint),
        SystemColumn("exec_start_time", .timestamp), SystemColumn("exec_end_time", .timestamp),
        SystemColumn("total_exec_time", .bigint), SystemColumn("service_class_end_time", .timestamp),
        SystemColumn("final_state", .char(length: 16)), SystemColumn("est_peak_mem", .bigint),
        SystemColumn("query_priority", .char(length: 20)), SystemColumn("service_class_name", .char(length: 64)),
    ])

    /// - Redshift: r_STL_WLM_RULE_ACTION.
    static let stlWLMRuleAction = SystemRelation.engine("stl_wlm_rule_action", [
        SystemColumn("userid", .integer), SystemColumn("query", .integer), SystemColumn("service_class", .integer),
        SystemColumn("rule", .char(length: 256)), SystemColumn("action", .char(length: 256)),
        SystemColumn("recordtime", .timestamp), SystemColumn("action_value", .char(length: 256)),
        SystemColumn("service_class_name", .char(length: 64)),
    ])
}

/// Sessions and connections: who is connected, who was, and how they came and went
/// (STV_SESSIONS, STL_SESSIONS, SYS_SESSION_HISTORY, STL_CONNECTION_LOG).
extension EngineTables {
    static var sessions: [SystemRelation] { [stvSessions, stlSessions, sysSessionHistory, stlConnectionLog] }

    /// - Redshift: r_STV_SESSIONS (active sessions; regular users see their own).
    static let stvSessions = SystemRelation.engine("stv_sessions", [
        SystemColumn("starttime", .timestamp), SystemColumn("process", .integer),
        SystemColumn("user_name", .char(length: 50)), SystemColumn("db_name", .char(length: 50)),
        SystemColumn("timeout_sec", .integer),
    ])

    /// - Redshift: r_STL_SESSIONS (ended sessions; `timed_out` 1: timed out, 2: closed by the client,
    ///   0: ended otherwise, here PG_TERMINATE_BACKEND).
    static let stlSessions = SystemRelation.engine("stl_sessions", [
        SystemColumn("userid", .integer), SystemColumn("starttime", .timestamp), SystemColumn("endtime", .timestamp),
        SystemColumn("process", .integer), SystemColumn("user_name", .char(length: 50)),
        SystemColumn("db_name", .char(length: 50)), SystemColumn("timeout_sec", .integer), SystemColumn("timed_out", .integer),
    ])

    /// - Redshift: SYS_SESSION_HISTORY (active and ended sessions; status `active`, `timed out` or
    ///   `closed`). The page types `user_id` char(50); the emulator keeps the number an integer, as
    ///   the page's example shows it.
    static let sysSessionHistory = SystemRelation.engine("sys_session_history", [
        SystemColumn("user_id", .integer), SystemColumn("session_id", .integer),
        SystemColumn("database_name", .char(length: 50)), SystemColumn("status", .char(length: 10)),
        SystemColumn("session_timeout", .integer), SystemColumn("start_time", .timestamp),
        SystemColumn("end_time", .timestamp),
    ])

    /// - Redshift: r_STL_CONNECTION_LOG (superusers only): `initiating session`, `authenticated`,
    ///   `disconnecting session` events of cluster-endpoint connections.
    static let stlConnectionLog = SystemRelation.engine("stl_connection_log", [
        SystemColumn("event", .char(length: 50)), SystemColumn("recordtime", .timestamp),
        SystemColumn("remotehost", .char(length: 45)), SystemColumn("remoteport", .char(length: 32)),
        SystemColumn("pid", .integer), SystemColumn("dbname", .char(length: 50)), SystemColumn("username", .char(length: 50)),
        SystemColumn("authmethod", .char(length: 32)), SystemColumn("duration", .integer),
        SystemColumn("sslversion", .char(length: 50)), SystemColumn("sslcipher", .char(length: 128)),
        SystemColumn("mtu", .integer), SystemColumn("sslcompression", .char(length: 64)),
        SystemColumn("sslexpansion", .char(length: 64)), SystemColumn("iamauthguid", .char(length: 36)),
        SystemColumn("application_name", .char(length: 250)), SystemColumn("os_version", .char(length: 64)),
        SystemColumn("driver_version", .char(length: 64)), SystemColumn("plugin_name", .char(length: 32)),
        SystemColumn("protocol_version", .integer), SystemColumn("sessionid", .char(length: 36)),
        SystemColumn("compression", .char(length: 128)),
    ])
}

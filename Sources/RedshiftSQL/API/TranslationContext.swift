import Foundation

/// Everything a translation depends on besides the SQL text.
///
/// Pure input: no I/O except through `catalog`, and no clock reads when `now` is given.
public struct TranslationContext {
    public var catalog: any CatalogReader
    /// Current database, e.g. "dev".
    public var database: String
    public var currentUser: String
    public var sessionUser: String
    public var isSuperuser: Bool
    /// The configured bootstrap superuser (default awsuser): a superuser whatever the catalog says.
    public var bootstrapSuperuser: String?
    /// Default ["$user", "public"].
    public var searchPath: [String]
    /// Data API named parameters (:name); bound as text arguments, never spliced.
    public var parameters: [String: String]
    /// Session SET values (e.g. timezone, datestyle, search_path, query_group).
    public var settings: [String: String]
    /// The statement's clock: GETDATE(), SYSDATE, CURRENT_DATE, TIMEOFDAY() … and policies'
    /// modification times read it (to the microsecond, UTC); nil: the clock functions read the wall
    /// clock when the statement runs.
    public var now: Date?
    /// The backend pid of the connection the statement runs on (PG_BACKEND_PID()); nil: PG_BACKEND_PID()
    /// is not supported.
    public var backendPid: Int64?
    /// PG_LAST_UNLOAD_COUNT(): rows the session's last UNLOAD wrote (0 before any).
    public var lastUnloadCount: Int64 = 0
    /// PG_LAST_UNLOAD_ID(): the query id of the session's last UNLOAD (-1 before any).
    public var lastUnloadId: Int64 = -1
    /// Rows the session's last COPY loaded (PG_LAST_COPY_COUNT: 0 when none, or when it failed while loading).
    public var lastCopyCount: Int64 = 0
    /// The query id of the session's last COPY that began loading (PG_LAST_COPY_ID: -1 when none).
    public var lastCopyId: Int64 = -1
    /// The cluster's data catalog (Spectrum's external schemas and tables).
    public var externalCatalog = ExternalCatalog()
    /// The cluster's databases, for pg_database and SVV_REDSHIFT_DATABASES; empty: the current one only.
    public var databases: [ClusterDatabase] = []
    /// Inside a procedure body: the variables a statement refers to, bound to its `$1 … $n`.
    public var boundVariables: [BoundVariable]?

    public init(catalog: any CatalogReader, database: String = "dev", currentUser: String = "awsuser",
                sessionUser: String? = nil, isSuperuser: Bool = true, searchPath: [String] = ["$user", "public"],
                parameters: [String: String] = [:], settings: [String: String] = [:], now: Date? = nil, backendPid: Int64? = nil) {
        self.catalog = catalog
        self.database = database
        self.currentUser = currentUser
        self.sessionUser = sessionUser ?? currentUser
        self.isSuperuser = isSuperuser
        self.searchPath = searchPath
        self.parameters = parameters
        self.settings = settings
        self.now = now
        self.backendPid = backendPid
    }
}

extension TranslationContext {
    /// `now` as a UTC date-time, to the microsecond.
    var clock: DateTimeValue? {
        guard let now else { return nil }
        let seconds = now.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let micros = min(Int64(((seconds - whole) * 1_000_000).rounded()), 999_999)
        return DateTimeValue(epochMicroseconds: Int64(whole) * 1_000_000 + micros)
    }

    /// `now` as `YYYY-MM-DD HH:MM:SS.ffffff` (UTC), as policies record their modification time; "" when nil.
    var clockText: String {
        guard let clock else { return "" }
        return clock.dateText + " " + DateTimeValue.pad(clock.hour, 2) + ":" + DateTimeValue.pad(clock.minute, 2) + ":"
            + DateTimeValue.pad(clock.second, 2) + "." + DateTimeValue.pad(clock.microsecond, 6)
    }
}

import Engine

/// What the cluster endpoint serves and how it introduces itself.
public struct PGServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The one cluster this endpoint serves (`--pg-cluster`).
    public var target: Target
    /// The configured superuser (ParameterStatus `is_superuser`).
    public var superuser: String
    /// The longest frontend message accepted (`pg: {max_message_bytes:}`; default 16 MB, the
    /// longest Redshift statement): a longer one gets a FATAL ErrorResponse and the connection closes.
    public var maximumMessageLength = 16 * 1024 * 1024
    /// TLS (`--tls-cert`/`--tls-key`): SSLRequest is answered `S` and the connection continues over
    /// TLS; nil: `N`.
    public var tls: PGTLS?
    /// Whether passwords are checked (`pg: {verify_passwords:, superuser_password:}`).
    public var loginPolicy = LoginPolicy.acceptAll
    /// How long a client may take from connecting to ReadyForQuery (`pg: {startup_timeout_seconds:}`;
    /// PostgreSQL's authentication_timeout, 60 s, by default); then it gets a FATAL ErrorResponse and
    /// the connection closes.
    public var startupTimeoutSeconds: Double = 60

    public init(host: String, port: Int, target: Target, superuser: String) {
        self.host = host
        self.port = port
        self.target = target
        self.superuser = superuser
    }

    /// The ParameterStatus messages sent after AuthenticationOk, as a Redshift cluster sends them
    /// (server_version 8.0.2; client_encoding UTF8, since psycopg 3 fails on UNICODE).
    func parameters(user: String) -> [(name: String, value: String)] {
        [("server_version", "8.0.2"), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"),
         ("DateStyle", "ISO, MDY"), ("integer_datetimes", "on"), ("standard_conforming_strings", "on"),
         ("TimeZone", "UTC"), ("is_superuser", user == superuser ? "on" : "off"),
         ("session_authorization", user)]
    }
}

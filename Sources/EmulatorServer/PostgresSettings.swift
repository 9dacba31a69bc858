import Engine

/// The configuration file's `pg:` section: the cluster endpoint's TLS, password checks and limits.
///
/// ```yaml
/// pg:
///   tls_cert: server.crt            # with tls_key: SSLRequest is answered S (or --tls-cert/--tls-key)
///   tls_key: server.key
///   verify_passwords: true          # check CREATE/ALTER USER passwords (default false: any password)
///   superuser_password: Admin1234   # the configured superuser's password when they are checked
///   max_message_bytes: 16777216     # the longest frontend message (default 16 MB)
///   startup_timeout_seconds: 60     # connect to ReadyForQuery (default 60, PostgreSQL's authentication_timeout)
/// ```
public struct PostgresSettings: Codable, Sendable, Equatable {
    public var tlsCert: String?
    public var tlsKey: String?
    public var verifyPasswords: Bool?
    public var superuserPassword: String?
    public var maxMessageBytes: Int?
    public var startupTimeoutSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case tlsCert = "tls_cert"
        case tlsKey = "tls_key"
        case verifyPasswords = "verify_passwords"
        case superuserPassword = "superuser_password"
        case maxMessageBytes = "max_message_bytes"
        case startupTimeoutSeconds = "startup_timeout_seconds"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tlsCert = try container.decodeIfPresent(String.self, forKey: .tlsCert)
        tlsKey = try container.decodeIfPresent(String.self, forKey: .tlsKey)
        verifyPasswords = try container.decodeIfPresent(Bool.self, forKey: .verifyPasswords)
        superuserPassword = try container.decodeIfPresent(String.self, forKey: .superuserPassword)
        maxMessageBytes = try container.decodeIfPresent(Int.self, forKey: .maxMessageBytes)
        startupTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .startupTimeoutSeconds)
        // DecodingErrors (not ConfigErrors): the YAML decoder keeps them, and the message names the key.
        if let bytes = maxMessageBytes, bytes < 1024 {
            throw DecodingError.dataCorruptedError(forKey: .maxMessageBytes, in: container,
                                                   debugDescription: "must be at least 1024")
        }
        if let seconds = startupTimeoutSeconds, !(seconds > 0) {
            throw DecodingError.dataCorruptedError(forKey: .startupTimeoutSeconds, in: container,
                                                   debugDescription: "must be greater than 0")
        }
        if verifyPasswords == true && superuserPassword == nil {
            throw DecodingError.dataCorruptedError(forKey: .verifyPasswords, in: container,
                                                   debugDescription: "needs superuser_password (the superuser's password)")
        }
    }

    /// The login rules these settings make.
    var loginPolicy: LoginPolicy {
        LoginPolicy(verifyPasswords: verifyPasswords ?? false, superuserPassword: superuserPassword)
    }
}

/// A message the server sends (protocol 3.0, protocol-message-formats.html).
public enum BackendMessage: Sendable, Equatable {
    /// ReadyForQuery's transaction status.
    public enum TransactionStatus: UInt8, Sendable, Equatable {
        case idle = 0x49            // 'I'
        case inTransaction = 0x54   // 'T'
        case failed = 0x45          // 'E'
    }

    /// One column of RowDescription.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var tableOID: Int32 = 0
        public var columnNumber: Int16 = 0
        public var typeOID: Int32
        public var typeSize: Int16
        public var typeModifier: Int32 = -1
        /// 0 text, 1 binary.
        public var format: Int16 = 0
        /// What Redshift adds to each field at redshift_connector's protocol 1 and up; nil: the
        /// plain PostgreSQL field.
        public var extended: ExtendedMetadata?

        public init(name: String, typeOID: Int32, typeSize: Int16, typeModifier: Int32 = -1) {
            self.name = name
            self.typeOID = typeOID
            self.typeSize = typeSize
            self.typeModifier = typeModifier
        }
    }

    /// The field metadata of Redshift's extended RowDescription (`client_protocol_version` ≥ 1),
    /// written after the PostgreSQL field: schema, table, column and catalog names, then flags.
    public struct ExtendedMetadata: Sendable, Equatable {
        public var schemaName: String
        public var tableName: String
        public var columnName: String
        public var catalogName: String
        /// Bit 0 nullable, bit 4 autoincrement, bit 8 read-only, bit 12 searchable.
        public var flags: Int16

        public init(schemaName: String, tableName: String, columnName: String, catalogName: String, flags: Int16) {
            self.schemaName = schemaName
            self.tableName = tableName
            self.columnName = columnName
            self.catalogName = catalogName
            self.flags = flags
        }
    }

    /// ErrorResponse and NoticeResponse fields (protocol-error-fields.html).
    public struct Notice: Sendable, Equatable {
        /// `ERROR`, `FATAL`, `NOTICE`…
        public var severity: String
        /// SQLSTATE.
        public var code: String
        /// The primary message, without Redshift's `ERROR: ` prefix.
        public var message: String
        public var detail: String?
        /// 1-based character position in the query string.
        public var position: Int?
        /// What to do about it (the `H` field), e.g. DROP's "Use DROP ... CASCADE …".
        public var hint: String?

        public init(severity: String = "ERROR", code: String, message: String, detail: String? = nil,
                    position: Int? = nil, hint: String? = nil) {
            self.severity = severity
            self.code = code
            self.message = message
            self.detail = detail
            self.position = position
            self.hint = hint
        }
    }

    /// The one-byte answer to SSLRequest or GSSENCRequest: `S` or `N` (not a typed message).
    case encryptionResponse(accepted: Bool)
    case authenticationOk
    case authenticationMD5Password(salt: [UInt8])
    /// Redshift's AUTH_REQ_DIGEST (authentication code 13) with algorithm 0, SHA-256: the salt of the
    /// stored digest and a server nonce (redshift_connector and the Redshift JDBC driver answer it).
    case authenticationSHA256Digest(salt: [UInt8], nonce: [UInt8])
    /// NegotiateProtocolVersion: the newest minor version of protocol 3 served, and the `_pq_.`
    /// startup options not recognised.
    case negotiateProtocolVersion(newestMinor: Int32, unrecognizedOptions: [String])
    case parameterStatus(name: String, value: String)
    case backendKeyData(processId: Int32, secretKey: Int32)
    case readyForQuery(TransactionStatus)
    case rowDescription([Field])
    /// Text-format values; nil for NULL.
    case dataRow([String?])
    /// Values already in their format (text or binary, per column); nil for NULL.
    case dataRowBytes([[UInt8]?])
    case commandComplete(tag: String)
    case emptyQueryResponse
    case errorResponse(Notice)
    case noticeResponse(Notice)
    case parseComplete
    case bindComplete
    case closeComplete
    case noData
    case portalSuspended
    case parameterDescription([Int32])
}

/// Whether logins must prove a password, as the configuration says (`pg: {verify_passwords:,
/// superuser_password:}`).
public struct LoginPolicy: Sendable, Equatable {
    /// False (the default): any password is accepted for any user, as with DbUser on the Data API.
    public var verifyPasswords: Bool
    /// The configured superuser's password (any form CREATE USER takes); nil: the superuser cannot
    /// log in with a password while passwords are verified.
    public var superuserPassword: String?

    public init(verifyPasswords: Bool = false, superuserPassword: String? = nil) {
        self.verifyPasswords = verifyPasswords
        self.superuserPassword = superuserPassword
    }

    /// Any password, any user.
    public static let acceptAll = LoginPolicy()
}

/// Why a login was refused, with the SQLSTATE and text Redshift (PostgreSQL) answers.
public struct LoginError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// 28P01: a wrong password, no password (PASSWORD DISABLE), an unknown user, expired
        /// temporary credentials.
        case invalidPassword
        /// 3D000: the database does not exist.
        case unknownDatabase
        /// 08004: the cluster or workgroup does not exist (strict configuration).
        case unknownCluster
        /// 53300: no connection slot is left.
        case tooManyConnections
        /// 08006 (or the engine's own code): anything else that stopped the session from opening.
        case other(code: String)
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `password authentication failed for user "x"` (28P01), as PostgreSQL and Redshift say it.
    public static func passwordFailed(user: String) -> LoginError {
        LoginError(.invalidPassword, "password authentication failed for user \"\(user)\"")
    }

    /// The SQLSTATE of the FATAL ErrorResponse.
    public var sqlState: String {
        switch kind {
        case .invalidPassword: return "28P01"
        case .unknownDatabase: return "3D000"
        case .unknownCluster: return "08004"
        case .tooManyConnections: return "53300"
        case .other(let code): return code
        }
    }

    public var description: String { message }
}

extension LoginError {
    /// Any refusal met while a login's session opens (after `authenticate`), as a login error:
    /// too many sessions 53300, other requests the engine refuses 08004, anything else XX000.
    public init(openingSession error: any Error) {
        switch error {
        case let error as LoginError:
            self = error
        case let error as EngineError:
            switch error.kind {
            case .activeSessionsExceeded, .tooManyConnections: self.init(.tooManyConnections, error.message)
            case .invalidRequest, .notFound: self.init(.other(code: "08004"), error.message)
            default: self.init(.other(code: "XX000"), error.message)
            }
        default:
            self.init(.other(code: "XX000"), "\(error)")
        }
    }
}

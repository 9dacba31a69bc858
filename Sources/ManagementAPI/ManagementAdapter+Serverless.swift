import Engine
import Foundation

/// An error of Redshift Serverless (AWS JSON 1.1): `{"__type": code, "message": text}`.
public struct ServerlessError: Error, Equatable, Sendable {
    public var code: String
    public var message: String
    public var httpStatus: Int

    public init(_ code: String, _ message: String, httpStatus: Int = 400) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    public static func validation(_ message: String) -> ServerlessError { ServerlessError("ValidationException", message) }

    public func body() -> Data {
        (try? JSONSerialization.data(withJSONObject: ["__type": code, "message": message], options: [.sortedKeys])) ?? Data()
    }
}

/// Redshift Serverless (AWS JSON 1.1, `X-Amz-Target: RedshiftServerless.<Operation>`): the
/// operations redshift_connector's IAM authentication calls for a workgroup (`iam_helper.py`:
/// GetCredentials, GetWorkgroup).
extension ManagementAdapter {
    public static let serverlessTargetPrefix = "RedshiftServerless."

    /// Answers one Serverless request: the JSON body, or a `ServerlessError`.
    public func serverless(operation: String, body: Data, caller: ManagementCaller) async throws -> Data {
        let input = try Self.jsonObject(body)
        let output: [String: Any]
        switch operation {
        case "GetCredentials": output = try getCredentials(input, caller: caller)
        case "GetWorkgroup": output = try await getWorkgroup(input, caller: caller)
        default:
            throw ServerlessError("UnknownOperationException", "Unknown operation \(Self.serverlessTargetPrefix)\(operation)")
        }
        return try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
    }

    /// Redshift Serverless API Reference › GetCredentials: the caller's IAM identity as the database
    /// user, a password valid durationSeconds (900–3600, default 900).
    func getCredentials(_ input: [String: Any], caller: ManagementCaller) throws -> [String: Any] {
        let name: String
        if let workgroup = try Self.string(input, "workgroupName") {
            name = try Self.workgroupName(workgroup, member: "workgroupName")
        } else if let domain = try Self.string(input, "customDomainName") {
            throw ServerlessError("ResourceNotFoundException", "Custom domain name \(domain) is not associated with any workgroup.")
        } else {
            throw ServerlessError.validation("Either workgroupName or customDomainName must be specified.")
        }
        let database = try Self.string(input, "dbName")
        if let database, !Self.isValidName(database) {
            throw ServerlessError.validation("1 validation error detected: Value '\(database)' at 'dbName' failed to satisfy constraint: Member must be 1 to 64 characters, start with a letter and contain only letters, digits, underscore, plus sign, period, at symbol or hyphen")
        }
        let requested: Int?
        switch input["durationSeconds"] {
        case nil, is NSNull: requested = nil
        case let number as NSNumber where !Self.isBoolean(number) && number.doubleValue == Double(number.intValue):
            requested = number.intValue
        default: throw ServerlessError("SerializationException", "durationSeconds must be an integer")
        }
        guard let duration = Self.duration(requested) else {
            throw ServerlessError.validation("durationSeconds must be between 900 and 3600 seconds.")
        }
        let user = caller.iamDatabaseUser
        let credential: TemporaryCredential
        do {
            credential = try engine.issueTemporaryCredentials(TemporaryCredentialRequest(
                target: Target(kind: .workgroup, name: name), loginName: user, databaseUser: user, database: database,
                groups: [], durationSeconds: duration, createUser: false))
        } catch let error as EngineError where error.kind == .notFound {
            throw Self.workgroupNotFound(name)
        }
        return [
            "dbUser": credential.loginName,
            "dbPassword": credential.password,
            "expiration": credential.expiration.timeIntervalSince1970,
            "nextRefreshTime": credential.expiration.timeIntervalSince1970,
        ]
    }

    /// Redshift Serverless API Reference › GetWorkgroup: the workgroup, AVAILABLE, with the
    /// PostgreSQL door as its endpoint when the door serves it.
    func getWorkgroup(_ input: [String: Any], caller: ManagementCaller) async throws -> [String: Any] {
        guard let raw = try Self.string(input, "workgroupName") else {
            throw ServerlessError.validation("1 validation error detected: Value null at 'workgroupName' failed to satisfy constraint: Member must not be null")
        }
        let name = try Self.workgroupName(raw, member: "workgroupName")
        let target = Target(kind: .workgroup, name: name)
        do { try engine.provisionTarget(target) } catch let error as EngineError where error.kind == .notFound {
            throw Self.workgroupNotFound(name)
        }
        let id = Self.stableId(target)
        var workgroup: [String: Any] = [
            "workgroupName": name,
            "workgroupId": id,
            "workgroupArn": "arn:aws:redshift-serverless:\(caller.region):\(Self.accountId):workgroup/\(id)",
            "namespaceName": "default-namespace",
            "status": "AVAILABLE",
            "baseCapacity": 128,
            "creationDate": started.timeIntervalSince1970,
            "enhancedVpcRouting": false,
            "publiclyAccessible": false,
            "configParameters": [[String: Any]](),
            "securityGroupIds": [String](),
            "subnetIds": [String](),
        ]
        if let door = await endpoint(), door.target == target {
            workgroup["endpoint"] = ["address": door.host, "port": door.port, "vpcEndpoints": [[String: Any]]()] as [String: Any]
            workgroup["port"] = door.port
        }
        return ["workgroup": workgroup]
    }

    // MARK: - Members

    static func workgroupNotFound(_ name: String) -> ServerlessError {
        ServerlessError("ResourceNotFoundException", "Workgroup \(name) not found.")
    }

    /// 3 to 64 characters of `[a-z0-9-]` (the model's constraints).
    static func workgroupName(_ name: String, member: String) throws -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")
        guard (3...64).contains(name.count), name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw ServerlessError.validation("1 validation error detected: Value '\(name)' at '\(member)' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$")
        }
        return name
    }

    static func jsonObject(_ body: Data) throws -> [String: Any] {
        if body.isEmpty { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: body), let dictionary = object as? [String: Any] else {
            throw ServerlessError("SerializationException", "Request body is not a JSON object")
        }
        return dictionary
    }

    static func string(_ input: [String: Any], _ name: String) throws -> String? {
        switch input[name] {
        case nil, is NSNull: return nil
        case let value as String: return value
        default: throw ServerlessError("SerializationException", "\(name) must be a string")
        }
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}

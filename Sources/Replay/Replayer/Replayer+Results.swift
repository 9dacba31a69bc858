import DataAPI
import DataAPIModel
import Engine
import Foundation

/// `replay --fingerprint`: the result fingerprints of a replayed unit, fetched with
/// GetStatementResult (every page, following `NextToken`) after the unit's terminal status.
extension Replayer {
    /// One fingerprint per statement of `unit` (a batch's sub-statements by their own ids); nil
    /// for a statement that did not finish, has no result set, or whose result could not be read.
    func resultFingerprints(_ unit: ReplayUnit, described: [String: Any], client: DataAPICalling) -> [String?] {
        let subs = described["SubStatements"] as? [[String: Any]]
        return unit.statements.indices.map { index in
            let source: [String: Any]
            if unit.isBatch {
                guard let subs, index < subs.count else { return nil }
                source = subs[index]
            } else {
                source = described
            }
            guard (source["Status"] as? String ?? described["Status"] as? String) == "FINISHED",
                  (source["HasResultSet"] as? Bool) == true, let id = source["Id"] as? String else { return nil }
            return Self.fingerprint(statementId: id, client: client)
        }
    }

    /// Pages the result of `statementId` and hashes its rows; nil when a page is refused or malformed.
    static func fingerprint(statementId: String, client: DataAPICalling) -> String? {
        var hasher = ResultFingerprint()
        var token: String?
        repeat {
            var json = JSONLineBuilder(capacity: 128)
            json.field("Id", statementId)
            json.field("NextToken", token)
            guard case .ok(let page) = client.call("GetStatementResult", body: json.finish()),
                  let records = page["Records"] as? [[Any]] else { return nil }
            for record in records {
                var row: [Field] = []
                row.reserveCapacity(record.count)
                for cell in record {
                    guard let object = cell as? [String: Any], let field = Self.field(object) else { return nil }
                    row.append(field)
                }
                hasher.add(row)
            }
            token = page["NextToken"] as? String
        } while token?.isEmpty == false
        return hasher.value
    }

    /// A `Field` union member from its JSON form (`{"longValue": 1}`, `{"isNull": true}`, …).
    static func field(_ object: [String: Any]) -> Field? {
        if (object["isNull"] as? Bool) == true { return .isNull(true) }
        if let value = object["longValue"] as? NSNumber { return .longValue(value.int64Value) }
        if let value = object["doubleValue"] as? NSNumber { return .doubleValue(value.doubleValue) }
        if let value = object["booleanValue"] as? Bool { return .booleanValue(value) }
        if let value = object["stringValue"] as? String { return .stringValue(value) }
        if let value = object["blobValue"] as? String, let data = Data(base64Encoded: value) { return .blobValue(data) }
        return nil
    }
}

import DataAPI
import DataAPIModel
import Engine
import Foundation

/// `replay --fingerprint`: the result fingerprints of a replayed unit, fetched with
/// GetStatementResult (every page, following `NextToken`) after the unit's terminal status.
extension Replayer {
    /// One fingerprint per statement of `unit` (a batch's sub-statements by their own ids); nil
    /// for a statement that did not finish, has no result set, or whose result could not be read.
    func resultFingerprints(_ unit: ReplayUnit, described: DescribeStatementResponse, client: DataAPICalling) -> [String?] {
        let whole = DescribedOutcome(described)
        return DescribedOutcome.of(unit, described).map { outcome -> String? in
            guard let outcome, (outcome.status ?? whole.status) == "FINISHED", outcome.hasResultSet == true else { return nil }
            return Self.fingerprint(statementId: outcome.id, client: client)
        }
    }

    /// Pages the result of `statementId` and hashes its rows; nil when a page is refused or malformed.
    static func fingerprint(statementId: String, client: DataAPICalling) -> String? {
        var hasher = ResultFingerprint()
        var token: String?
        repeat {
            guard let page = try? client.getStatementResult(GetStatementResultRequest(id: statementId, nextToken: token)) else {
                return nil
            }
            for row in page.records { hasher.add(row) }
            token = page.nextToken
        } while token?.isEmpty == false
        return hasher.value
    }
}

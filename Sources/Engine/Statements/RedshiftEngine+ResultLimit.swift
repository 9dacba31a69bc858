import Foundation
import RedshiftSQL

extension RedshiftEngine {
    /// A Data API statement whose result is larger than `limits.maxResultBytes`, or has a row larger
    /// than `limits.maxRowBytes`, fails.
    ///
    /// - Redshift: data-api-troubleshooting, "Database response exceeded size limit": "The Data API
    ///   limit is 500 MB in the result set returned by the database" (100 MB in older and translated
    ///   pages); "Packet for query is too large": "The Data API size limit is 64 KB per row in the
    ///   result set returned by the database". Divergence: the exact error texts are not documented;
    ///   the page's titles are used. Sizes are the rows' size as text (`ResultSet.byteSize`); the rows
    ///   were stored on disk (the result spill, within the data quota), never held in memory whole.
    ///   The cluster endpoint has no such limits.
    func resultSizeFailure(_ outcome: Result<StatementOutcome, Error>) -> SQLError? {
        guard case .success(let done) = outcome, let result = done.result else { return nil }
        if let limit = settings.limits.maxRowBytes, result.largestRowBytes > limit {
            return SQLError(code: "54000", message: "Packet for query is too large")
        }
        if let limit = settings.limits.maxResultBytes, result.byteSize > limit {
            return SQLError(code: "54000", message: "Database response exceeded size limit")
        }
        return nil
    }
}

import Foundation
import RedshiftSQL

extension RedshiftEngine {
    /// A Data API statement whose result is larger than `limits.maxResultBytes` fails.
    ///
    /// - Redshift: data-api-troubleshooting, "Database response exceeded size limit": "The Data API
    ///   limit is 500 MB in the result set returned by the database" (100 MB in older and translated
    ///   pages). Divergence: the exact error text is not documented; the page's title is used. The
    ///   size is the result's size as text (`ResultSet.byteSize`); the rows were stored on disk (the
    ///   result spill, within the data quota), never held in memory whole. The cluster endpoint has no
    ///   such limit.
    func resultSizeFailure(_ outcome: Result<StatementOutcome, Error>) -> SQLError? {
        guard case .success(let done) = outcome, let result = done.result,
              let limit = settings.limits.maxResultBytes, result.byteSize > limit else { return nil }
        return SQLError(code: "54000", message: "Database response exceeded size limit")
    }
}

import BulkFormats
import ObjectStore
import RedshiftSQL

/// Redshift's texts for what goes wrong while UNLOAD writes to S3.
///
/// - Divergence: Redshift reports S3 failures as `S3ServiceException:<message>,Status <code>,Error <code>…`
///   (as users report them); the emulator keeps that shape without the request ids — unverified.
enum UnloadErrors {
    static var destinationNotEmpty: SQLError {
        SQLError(code: "XX000", message: "Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.")
    }

    static func map(_ error: Error) -> Error {
        switch error {
        case let error as ObjectStoreError:
            switch error.kind {
            case .noSuchBucket: return SQLError(code: "XX000", message: "S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket")
            case .accessDenied: return SQLError(code: "XX000", message: "S3ServiceException:Access Denied,Status 403,Error AccessDenied")
            case .invalidKey: return SQLError(code: "XX000", message: "S3ServiceException:\(error.message),Status 400,Error InvalidKey")
            case .unreachable: return SQLError(code: "XX000", message: "S3ServiceException:\(error.message),Status 503,Error ServiceUnavailable")
            case .noSuchKey, .other: return SQLError(code: "XX000", message: "S3ServiceException:\(error.message)")
            }
        case let error as RowEncodingError:
            return SQLError(code: "XX000", message: error.message)
        default:
            return error
        }
    }
}

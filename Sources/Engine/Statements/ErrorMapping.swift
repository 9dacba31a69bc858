import Foundation
import GRDB
import RedshiftSQL

/// Turns whatever a statement threw into the `Error` text DescribeStatement reports.
enum ErrorMapping {
    /// True when SQLite stopped because CancelStatement interrupted it.
    static func isInterrupt(_ error: Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_INTERRUPT
    }

    /// The SQLSTATE and 1-based position of what a statement threw (the cluster endpoint's
    /// ErrorResponse `C` and `P` fields); XX000 when nothing more precise is known.
    static func sqlState(_ error: Error) -> (code: String, position: Int?) {
        if let error = error as? SQLError { return (error.code, error.position) }
        if let error = error as? DatabaseError {
            let message = error.message ?? ""
            if let carried = SQLErrorTransport.decode(message) { return (carried.code, carried.position) }
            if let mapped = SQLError.fromSQLiteMessage(message) { return (mapped.code, mapped.position) }
            switch error.resultCode.primaryResultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return ("40001", nil)
            case .SQLITE_INTERRUPT: return ("57014", nil)
            case .SQLITE_FULL: return ("53100", nil)   // PostgreSQL's disk_full, which Redshift keeps
            default: break
            }
            if message.hasPrefix("no such table: ") { return ("42P01", nil) }
            if message.hasPrefix("no such column: ") { return ("42703", nil) }
        }
        return ("XX000", nil)
    }

    /// `ERROR: <message>` in Redshift's words.
    static func redshiftText(_ error: Error) -> String {
        if let error = error as? SQLError { return "ERROR: \(error.message)" }
        if let error = error as? DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            if let carried = SQLErrorTransport.decode(message) { return "ERROR: \(carried.message)" }
            if let mapped = SQLError.fromSQLiteMessage(message) { return "ERROR: \(mapped.message)" }
            switch error.resultCode.primaryResultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return "ERROR: 1023\nDETAIL: Serializable isolation violation on a table in the database: another transaction holds a conflicting lock."
            case .SQLITE_TOOBIG:
                return "ERROR: value too large"
            case .SQLITE_FULL:
                return "ERROR: Disk Full"
            default:
                break
            }
            if message.hasPrefix("no such table: ") {
                return "ERROR: relation \"\(message.dropFirst("no such table: ".count))\" does not exist"
            }
            if message.hasPrefix("no such column: ") {
                return "ERROR: column \"\(message.dropFirst("no such column: ".count))\" does not exist"
            }
            return "ERROR: \(message)"
        }
        if let error = error as? EngineError { return "ERROR: \(error.message)" }
        return "ERROR: \(error)"
    }
}

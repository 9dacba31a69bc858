import Foundation
import RedshiftSQL

/// What every statement inside a procedure needs to run, as the CALL that started it got it.
struct ProcedureEnvironment {
    var identity: StatementIdentity
    var spill: ResultSpill
    var now: Date
    var systemTables: any SystemTableSource
    var bulk: BulkContext
    var databases: DatabaseAdministration?
    /// The Data API parameters of the top-level CALL (its arguments may name them).
    var parameters: [String: String]?
    /// True in a nested call whose caller may COMMIT/ROLLBACK (its chain began outside a
    /// transaction block): the callee's COMMIT ends the shared transaction and starts the next.
    var callerControlsTransaction = false
    /// True in a nested call when a procedure up the chain has SET options: COMMIT, ROLLBACK and
    /// TRUNCATE are refused in the callee too (stored-procedure-transaction-management).
    var ancestorHasSetOptions = false
}

/// What a procedure running on the connection passes to the calls it makes (directly or through
/// EXECUTE 'CALL …'): whether they may COMMIT/ROLLBACK, and whether a procedure up the chain has SET
/// options (stored-procedure-transaction-management).
struct ProcedureChain {
    var controlsTransaction: Bool
    var hasSetOptions: Bool
}

/// A RAISE INFO/NOTICE/LOG/WARNING a procedure sent: PostgreSQL clients get it as a NoticeResponse.
public struct StatementNotice: Sendable, Equatable {
    /// `INFO`, `NOTICE`, `LOG`, `WARNING`.
    public var severity: String
    public var message: String
}

/// The maximum depth of nested CALLs (stored-procedure-constraints: "The maximum number of levels
/// for nested calls is 16").
enum ProcedureLimits {
    static let maximumNesting = 16
}

/// One PL/pgSQL variable: a scalar of a type, a record (fields from the row assigned to it), or a
/// refcursor (its value is the cursor's name).
struct PLVariable {
    var type: RedshiftType
    var value: SQLiteValue = .null
    var isRecord = false
    var record: [(name: String, type: RedshiftType, value: SQLiteValue)]?

    var bound: BoundVariable { BoundVariable(text: type.text(of: value), type: type) }

    func field(_ name: String) -> (type: RedshiftType, value: SQLiteValue)? {
        record?.first { $0.name == name }.map { ($0.type, $0.value) }
    }
}

/// Loop and block exits, carried as errors through the interpreter's recursion.
enum PLControl: Error {
    case exit(label: String?)
    case next(label: String?)
    case returnNow
}

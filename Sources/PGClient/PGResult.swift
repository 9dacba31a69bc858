/// A column of a result (RowDescription): its name and type OID.
public struct PGColumn: Sendable, Equatable {
    public var name: String
    public var typeOID: Int32

    public init(name: String, typeOID: Int32) {
        self.name = name
        self.typeOID = typeOID
    }
}

/// An ErrorResponse: the statement failed on the server (SQL errors are results, not thrown).
public struct PGServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var severity: String
    /// SQLSTATE, e.g. `42P01`.
    public var code: String
    public var message: String
    public var detail: String?
    public var position: Int?

    /// `ERROR: message` (and `\nDETAIL: detail`), the form Redshift's Data API reports.
    public var description: String {
        "\(severity.isEmpty ? "ERROR" : severity): \(message)" + (detail.map { "\nDETAIL: \($0)" } ?? "")
    }
}

/// How one query call ended: the last command's tag and rows, or the error that stopped it.
public struct PGResult: Sendable, Equatable {
    /// CommandComplete's tag of the last statement (`SELECT 3`, `INSERT 0 1`, `BEGIN`), nil when
    /// none completed (an error, or an empty query).
    public var tag: String?
    /// The columns of the last result set, empty when it had none.
    public var columns: [PGColumn] = []
    /// DataRows received for the last statement.
    public var rowsReceived: Int64 = 0
    public var error: PGServerError?
    /// ReadyForQuery's status after the call: `I` idle, `T` in a transaction block, `E` failed block.
    public var transactionStatus: Character = "I"

    /// Rows returned or affected: the tag's count (`SELECT n`, `INSERT 0 n`, `UPDATE n`, …), else
    /// the rows received.
    public var rows: Int64 {
        if let tag, let last = tag.split(separator: " ").last, let count = Int64(last), tag.contains(" ") { return count }
        return rowsReceived
    }
}

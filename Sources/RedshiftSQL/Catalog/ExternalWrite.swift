/// A statement that writes files under an external table's location: CREATE EXTERNAL TABLE AS
/// or INSERT INTO an external table. The translation's one step is the query whose rows are
/// written, its `resultColumns` the table's data columns then its partition keys (converted to
/// their types); the engine writes the files and then registers the table or new partitions.
///
/// - Redshift: r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS, r_INSERT_external_table.
public struct ExternalWrite: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// CREATE EXTERNAL TABLE AS: the location must be empty; the table is registered afterwards.
        case create
        /// INSERT INTO an external table: new files are added beside the existing ones.
        case insert
    }

    public var mode: Mode
    /// The external schema the statement named the table through.
    public var schemaName: String
    /// The table written: for `.create` the table to register (no partitions yet).
    public var table: ExternalTable

    public init(mode: Mode, schemaName: String, table: ExternalTable) {
        self.mode = mode
        self.schemaName = schemaName
        self.table = table
    }
}

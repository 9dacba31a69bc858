/// A reader of one input file's records as text fields, whatever the file's layout (delimited,
/// CSV, fixed-width, JSON): what COPY converts field by field.
public protocol TextRecordSource: AnyObject {
    /// Reads the next record; false at the end of the input.
    func next() throws -> Bool
    /// Skips `count` lines at the start (IGNOREHEADER).
    func skipLines(_ count: Int) throws
    /// The current record's number of fields.
    var fieldCount: Int { get }
    /// Calls `body` with the bytes of field `index`.
    func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T
    /// `withField` without a generic result: what COPY calls for every field (a generic call
    /// through the protocol is not specialised and cost more than converting the field).
    func withFieldBytes(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
    /// True when field `index` was enclosed in quotes (an empty quoted CSV field is a string).
    func isQuoted(_ index: Int) -> Bool
    /// True when field `index` is a JSON null or absent (it loads as NULL whatever NULL AS says).
    func isNull(_ index: Int) -> Bool
    /// The 1-based line the current record starts on (ends on, for JSON).
    var lineNumber: Int { get }
    /// The current record as read, at most 1,024 bytes.
    var rawLine: [UInt8] { get }
    /// Set when the current record could not be split into fields.
    var recordError: DelimitedRecordReader.RecordError? { get }
}

extension TextRecordSource {
    public func withFieldBytes(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) { withField(index, body) }
}

extension DelimitedRecordReader: TextRecordSource {
    public var fieldCount: Int { fieldRanges.count }
    public func isQuoted(_ index: Int) -> Bool { fieldQuoted[index] }
    public func isNull(_ index: Int) -> Bool { false }
}

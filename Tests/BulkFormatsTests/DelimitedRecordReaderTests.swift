import ObjectStore
import Testing
@testable import BulkFormats

/// Delimited text and CSV records (copy-parameters-data-format, copy-parameters-data-conversion).
struct DelimitedRecordReaderTests {
    /// Every record's fields as strings, read in chunks of `chunk` bytes (records straddle chunks).
    private func records(_ text: String, _ dialect: DelimitedRecordReader.Dialect, chunk: Int = 3) throws -> [[String]] {
        let reader = DelimitedRecordReader(ArrayByteReader(Array(text.utf8)), dialect: dialect, chunkSize: chunk)
        var result: [[String]] = []
        while try reader.next() {
            result.append((0..<reader.fieldCount).map { i in reader.withField(i) { String(decoding: $0, as: UTF8.self) } })
        }
        return result
    }

    @Test func pipeDelimitedText() throws {
        let pipe = DelimitedRecordReader.Dialect(delimiter: UInt8(ascii: "|"))
        #expect(try records("a|b|c\n1||3\r\nlast", pipe) == [["a", "b", "c"], ["1", "", "3"], ["last"]])
    }

    @Test func escapeMakesTheNextCharacterLiteral() throws {
        let dialect = DelimitedRecordReader.Dialect(delimiter: UInt8(ascii: "|"), escape: true)
        #expect(try records("a\\|b|c\\\nd|e\\\\\n", dialect) == [["a|b", "c\nd", "e\\"]])
    }

    @Test func removeQuotesKeepsDelimitersInsideQuotes() throws {
        let dialect = DelimitedRecordReader.Dialect(delimiter: UInt8(ascii: ","), removeQuotes: true)
        #expect(try records("\"a,b\",'c',d\"e\"\n", dialect) == [["a,b", "c", "d\"e\""]])
    }

    @Test func csvQuotingAndLineNumbers() throws {
        let csv = DelimitedRecordReader.Dialect(delimiter: UInt8(ascii: ","), csvQuote: UInt8(ascii: "\""))
        let reader = DelimitedRecordReader(ArrayByteReader(Array("x,\"y,\"\"z\"\"\"\n\"multi\nline\",2\nlast,\"\"\n".utf8)), dialect: csv, chunkSize: 2)
        var lines: [Int] = []
        var rows: [[String]] = []
        var quoted: [[Bool]] = []
        while try reader.next() {
            lines.append(reader.lineNumber)
            rows.append((0..<reader.fieldCount).map { i in reader.withField(i) { String(decoding: $0, as: UTF8.self) } })
            quoted.append((0..<reader.fieldCount).map(reader.isQuoted))
        }
        #expect(rows == [["x", "y,\"z\""], ["multi\nline", "2"], ["last", ""]])
        #expect(lines == [1, 2, 4])
        #expect(quoted == [[false, true], [true, false], [false, true]])
    }

    @Test func badCSVQuotingIsARecordError() throws {
        let csv = DelimitedRecordReader.Dialect(delimiter: UInt8(ascii: ","), csvQuote: UInt8(ascii: "\""))
        let reader = DelimitedRecordReader(ArrayByteReader(Array("\"a\"b,c\nok,1\n".utf8)), dialect: csv)
        #expect(try reader.next())
        #expect(reader.recordError?.code == 1216)
        #expect(reader.rawLine == Array("\"a\"b,c".utf8))
        #expect(try reader.next())
        #expect(reader.recordError == nil)
        #expect(try !reader.next())
    }

    /// A record's fields, quoting, raw line, error and line number, whatever the chunk size (quotes,
    /// doubled quotes, CRLF and line feeds in quotes may fall on either side of a chunk's end).
    @Test(arguments: [1, 2, 3, 5, 8, 1 << 20])
    func csvRecordsDoNotDependOnChunkSize(_ chunk: Int) throws {
        let text = "a,\"b\"\"\",\"c\nd\"\r\n\"\"\"\",,x\"y\"\n\"q\"z,1\r\n\"open,2\n3"
        let csv = DelimitedRecordReader.Dialect(delimiter: UInt8(ascii: ","), csvQuote: UInt8(ascii: "\""))
        let reader = DelimitedRecordReader(ArrayByteReader(Array(text.utf8)), dialect: csv, chunkSize: chunk)
        var seen: [String] = []
        while try reader.next() {
            let fields = (0..<reader.fieldCount).map { i in reader.withField(i) { String(decoding: $0, as: UTF8.self) } }
            seen.append("\(reader.lineNumber) \(fields) \((0..<reader.fieldCount).map(reader.isQuoted)) "
                        + "\(String(decoding: reader.rawLine, as: UTF8.self)) \(reader.recordError?.code ?? 0)")
        }
        #expect(seen == [
            "1 [\"a\", \"b\\\"\", \"c\\nd\"] [false, true, true] a,\"b\"\"\",\"c\nd\" 0",
            "3 [\"\\\"\", \"\", \"x\\\"y\\\"\"] [true, false, false] \"\"\"\",,x\"y\" 0",
            "4 [\"qz\", \"1\"] [true, false] \"q\"z,1 1216",
            "5 [\"open,2\\n3\"] [true] \"open,2\n3 1216",
        ])
        #expect(reader.bytesRead == Int64(text.utf8.count))
    }

    @Test func ignoreHeaderSkipsLines() throws {
        let reader = DelimitedRecordReader(ArrayByteReader(Array("h1\nh2\n1|2\n".utf8)), dialect: .init(delimiter: UInt8(ascii: "|")))
        try reader.skipLines(2)
        #expect(try reader.next())
        #expect(reader.lineNumber == 3)
        #expect(reader.fieldCount == 2)
    }
}

import Testing
@testable import BulkFormats

/// The text formats UNLOAD writes (Writers/). Expected lines come from the Developer Guide's
/// r_UNLOAD (NULL AS, ADDQUOTES, ESCAPE, CSV, FORMAT JSON) and r_UNLOAD_command_examples.
struct RowEncoderTests {
    private func line(_ encoder: some RowEncoder, _ row: [OutputValue]) throws -> String {
        var buffer: [UInt8] = []
        try encoder.encode(row, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private let venue: [OutputValue] = [.number("2"), .text("Columbus \"Crew\" Stadium", character: true), .text("Columbus", character: true), .null]

    /// r_UNLOAD_command_examples › Unload VENUE with a header: `venueid|venuename|…` then `6|New York Giants Stadium|…`.
    @Test func pipeDelimitedIsTheDefault() throws {
        let encoder = DelimitedRowEncoder()
        #expect(try line(encoder, venue) == "2|Columbus \"Crew\" Stadium|Columbus|\n")
        #expect(try encoder.header(["venueid", "venuename"]).map { String(decoding: $0, as: UTF8.self) } == "venueid|venuename\n")
        // Unload using NULL AS: `22|Quicken Loans Arena|Cleveland|fred|0`.
        #expect(try line(DelimitedRowEncoder(nullAs: "fred"), venue) == "2|Columbus \"Crew\" Stadium|Columbus|fred\n")
    }

    /// r_UNLOAD_command_examples › Unload data that contains a delimiter: `1,"Phoenix, AZ"` (ADDQUOTES quotes every field).
    @Test func addQuotesQuotesEveryField() throws {
        let encoder = DelimitedRowEncoder(delimiter: ",", addQuotes: true)
        #expect(try line(encoder, [.number("1"), .text("Phoenix, AZ", character: true)]) == "\"1\",\"Phoenix, AZ\"\n")
    }

    /// r_UNLOAD › ESCAPE: a `\` before line feed, carriage return, the delimiter and `\` in CHAR and
    /// VARCHAR fields; before quotation marks only with ADDQUOTES; never in other types.
    @Test func escapeMarksSpecialCharactersOfCharacterFields() throws {
        let row: [OutputValue] = [.text("a|b\\c\nd\re\"f'", character: true), .text("2008-01-01|x", character: false)]
        #expect(try line(DelimitedRowEncoder(escape: true), row) == "a\\|b\\\\c\\\nd\\\re\"f'|2008-01-01|x\n")
        #expect(try line(DelimitedRowEncoder(addQuotes: true, escape: true), [row[0]]) == "\"a\\|b\\\\c\\\nd\\\re\\\"f\\'\"\n")
    }

    /// r_UNLOAD_command_examples › Unload VENUE to a CSV file (with a `|` delimiter too).
    @Test func csvQuotesOnlyWhatNeedsQuotes() throws {
        #expect(try line(CSVRowEncoder(), venue) == "2,\"Columbus \"\"Crew\"\" Stadium\",Columbus,\n")
        #expect(try line(CSVRowEncoder(), [.number("4"), .text("Community, Ballpark, Arena", character: true)]) == "4,\"Community, Ballpark, Arena\"\n")
        #expect(try line(CSVRowEncoder(delimiter: "|"), [.number("1"), .text("Pinewood Race|track", character: true), .text("Community, Ballpark", character: true)])
                == "1|\"Pinewood Race|track\"|Community, Ballpark\n")
        #expect(try line(CSVRowEncoder(nullAs: "NULL"), [.null, .text("a\nb", character: true)]) == "NULL,\"a\nb\"\n")
    }

    /// r_UNLOAD_command_examples › Unload VENUE to a fixed-width data file: `1  Toyota Park …IL0`.
    @Test func fixedWidthPadsEachField() throws {
        let encoder = FixedWidthRowEncoder(widths: [3, 12, 2, 6], characterColumns: [1, 2])
        #expect(try line(encoder, [.number("1"), .text("Toyota Park", character: true), .text("IL", character: true), .number("0")])
                == "1  Toyota Park IL0     \n")
        // NULL AS: blanks by default; a string wider than a non-character column leaves it empty; an error for a character column.
        #expect(try line(encoder, [.null, .null, .text("IL", character: true), .null]) == String(repeating: " ", count: 15) + "IL" + String(repeating: " ", count: 6) + "\n")
        #expect(try line(FixedWidthRowEncoder(widths: [2], nullAs: "null"), [.null]) == "  \n")
        #expect(throws: RowEncodingError.self) { try line(FixedWidthRowEncoder(widths: [2], nullAs: "null", characterColumns: [0]), [.null]) }
        #expect(try encoder.header(["a"]) == nil)
    }

    /// r_UNLOAD_command_examples › Unload the VENUE table to a JSON file:
    /// `{"venueid":2,"venuename":"Columbus \"Crew\" Stadium",…}`; NULL is `null` (r_UNLOAD › FORMAT JSON).
    @Test func jsonWritesOneObjectALine() throws {
        let encoder = JSONRowEncoder(names: ["venueid", "venuename", "venuecity", "venuestate"])
        #expect(try line(encoder, venue) == #"{"venueid":2,"venuename":"Columbus \"Crew\" Stadium","venuecity":"Columbus","venuestate":null}"# + "\n")
        let other = JSONRowEncoder(names: ["b", "s", "n", "x"])
        #expect(try line(other, [.boolean(true), .json(#"{"a":[1,2]}"#), .number("NaN"), .text("tab\there", character: true)])
                == #"{"b":"t","s":{"a":[1,2]},"n":"NaN","x":"tab\there"}"# + "\n")
    }
}

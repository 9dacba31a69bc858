import Testing
@testable import RedshiftSQL

/// Functions called from SQL with hostile arguments (extreme integers, huge floats, huge and
/// malformed text, wide decimals, NULLs, values of other types) give a value or an error — never a
/// trap, which would take the whole server down. Calls go through the Analyzer, so the internal
/// arguments it adds (scales, precisions, type codes) are the ones real statements get.
struct FunctionRobustnessTests {
    static let literals = [
        "NULL", "0", "1", "-1", "65536", "9223372036854775807", "(-9223372036854775807 - 1)", "2147483647",
        "1e308", "-1e308", "0.5", "123.45::decimal(10,2)", "-99999999999999999999999999999999999999::decimal(38,0)",
        "1.5::decimal(38,30)", "''", "' '", "'abc'", "'-1e400'", "'99999999999999999999999'", "'2008-02-29'::date",
        "'294276-12-31 23:59:59'::timestamp", "'4713-01-01 BC'::date", "'10:00:00'::time", "interval '1 day'",
        "interval '-178000000 years'", "'{\"a\":[1,{\"b\":null}]}'", "'[[[['", "'%_\\\\'", "'(a|b)*c{2,}'", "'((('",
        "'YYYY-MM-DD HH24:MI:SS.US'", "'FM9G999D99PR'", "'America/New_York'", "'PST8PDT'", "'ümlaut ß 日本'",
        "repeat('x', 1000)", "true", "false",
    ]

    /// (function, argument counts) for the scalar functions of the README's compatibility table.
    static let functions: [(String, ClosedRange<Int>)] = [
        ("dateadd", 3...3), ("datediff", 3...3), ("date_trunc", 2...2), ("date_part", 2...2), ("trunc", 1...2),
        ("last_day", 1...1), ("add_months", 2...2), ("months_between", 2...2), ("next_day", 2...2), ("date_cmp", 2...2),
        ("to_char", 2...2), ("to_date", 2...3), ("to_timestamp", 2...3), ("to_number", 2...2), ("convert_timezone", 2...3),
        ("timezone", 2...2), ("len", 1...1), ("octet_length", 1...1), ("initcap", 1...1), ("charindex", 2...2),
        ("strpos", 2...2), ("substring", 2...3), ("split_part", 3...3), ("left", 2...2), ("right", 2...2), ("lpad", 2...3),
        ("rpad", 2...3), ("btrim", 1...2), ("ltrim", 1...2), ("replace", 3...3), ("translate", 3...3), ("reverse", 1...1),
        ("repeat", 2...2), ("concat", 2...2), ("quote_ident", 1...1), ("quote_literal", 1...1), ("ascii", 1...1),
        ("chr", 1...1), ("strtol", 2...2), ("regexp_count", 2...4), ("regexp_instr", 2...6), ("regexp_substr", 2...5),
        ("regexp_replace", 2...5), ("md5", 1...1), ("sha1", 1...1), ("sha2", 2...2), ("fnv_hash", 1...2), ("checksum", 1...1),
        ("abs", 1...1), ("round", 1...2), ("ceil", 1...1), ("floor", 1...1), ("sign", 1...1), ("mod", 2...2), ("power", 2...2),
        ("sqrt", 1...1), ("cbrt", 1...1), ("exp", 1...1), ("ln", 1...1), ("log", 1...1), ("nvl", 2...2), ("nvl2", 3...3),
        ("decode", 3...5), ("greatest", 2...3), ("least", 2...3), ("nullif", 2...2), ("json_extract_path_text", 2...3),
        ("json_extract_array_element_text", 2...3), ("json_array_length", 1...2), ("is_valid_json", 1...1),
        ("is_valid_json_array", 1...1), ("json_parse", 1...1),
        ("json_size", 1...1), ("get_array_length", 1...1), ("subarray", 2...3), ("array_concat", 2...2), ("array_flatten", 1...2),
        ("split_to_array", 1...2), ("is_array", 1...1), ("is_decimal", 1...1), ("is_char", 1...1), ("array", 0...2), ("object", 0...2),
    ]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func hostileArgumentsNeverTrap() throws {
        let database = try TestDatabase()
        var random = Generator(state: 12345)
        var ran = 0
        for (name, counts) in Self.functions {
            for _ in 0..<200 {
                let count = counts.lowerBound + random.next(counts.count)
                let arguments = (0..<count).map { _ in Self.literals[random.next(Self.literals.count)] }
                let sql = "select \(name)(\(arguments.joined(separator: ", ")))"
                do { _ = try database.run(sql); ran += 1 } catch {}  // an error is a fine answer; a trap is not
            }
        }
        #expect(ran > 2_000)
    }

    @Test func aggregatesNeverTrap() {
        var random = Generator(state: 11)
        let values: [SQLiteValue] = [.null, .integer(Int64.max), .integer(Int64.min), .real(.nan), .real(.infinity),
                                     .text(""), .text("abc"), .blob([1, 2]), .integer(3), .real(-0.5)]
        for aggregate in EmulatedAggregates.all {
            for count in aggregate.argumentCount.map({ [$0] }) ?? Array(1...3) {
                for _ in 0..<40 {
                    let accumulator = aggregate.makeAccumulator()
                    do {
                        for _ in 0..<random.next(6) { try accumulator.step((0..<count).map { _ in values[random.next(values.count)] }) }
                        _ = try accumulator.finish()
                    } catch is SQLError {} catch {
                        Issue.record("\(aggregate.name) threw a non-SQLError: \(error)")
                    }
                }
            }
        }
    }
}

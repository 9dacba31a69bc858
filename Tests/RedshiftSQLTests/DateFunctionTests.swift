import Testing
@testable import RedshiftSQL

/// Date/time and formatting functions; expected values are the Redshift Database Developer Guide's
/// examples (page slug beside each) or its documented rules.
@Suite struct DateFunctionTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table time_test (id int, time_val time);
            insert into time_test values (1, '20:00:00'), (2, '00:00:00.5550'), (3, '00:58:00');
            create table timetz_test (id int, timetz_val timetz);
            insert into timetz_test values (1, '04:00:00+00'), (2, '00:00:00.5550+00'), (3, '05:58:00+00');
            create table date_table (start_date date, end_date date);
            insert into date_table values ('2009-01-01', '2009-03-23'), ('2023-01-04', '2024-05-04');
            """)
    }

    @Test(arguments: [
        ("select dateadd(month,18,'2008-02-28')", "2009-08-28 00:00:00"),                      // r_DATEADD_function
        ("select dateadd(m,30,'2008-02-28')", "2008-02-28 00:30:00"),                          // r_DATEADD_function
        ("select dateadd(hour, 12, time '13:24:55')", "01:24:55"),                            // r_DATEADD_function
        ("select dateadd(hour, 2, timetz '13:24:55 PST')", "23:24:55+00"),                     // r_DATEADD_function
        ("select dateadd(month,12,'2016-02-29')", "2017-02-28 00:00:00"),                      // r_DATEADD_function
        ("select dateadd(year, 1, '2016-02-29')", "2017-03-01 00:00:00"),                      // r_DATEADD_function
        ("select datediff(week,'2009-01-01','2009-12-31')", "52"),                             // r_DATEDIFF_function
        ("select datediff(hour, '2023-01-01', '2023-01-03 05:04:03')", "53"),                  // r_DATEDIFF_function
        ("select datediff(days, 'Jun 1,2008 09:59:59 EST', 'Jul 4,2008 09:59:59 EST')", "33"), // r_DATEDIFF_function
        ("select datediff(hours, timetz '20:00:00 PST', timetz '00:58:00 EST')", "1"),         // r_DATEDIFF_function
        ("select date_trunc('millennium', timestamp '20200430 04:05:06.789')", "2001-01-01 00:00:00"), // r_DATE_TRUNC
        ("select date_trunc('week', timestamp '20220430 04:05:06.789')", "2022-04-25 00:00:00"),       // r_DATE_TRUNC
        ("select date_part(week, timestamp '20220502 04:05:06.789')", "18"),                   // r_DATE_PART_function
        ("select date_part(microsecond, timestamp '20220502 04:05:06.789')", "789000"),        // r_DATE_PART_function
        ("select extract(ms from timestamp '2009-09-09 12:08:43.101')", "101"),                // r_EXTRACT_function
        ("select extract(year from timestamptz '1.12.1997 07:37:16.00 PST')", "1997"),         // r_EXTRACT_function
        ("select extract(decade from timestamp '1999-02-16 20:38:40')", "200"),                // r_Dateparts_for_datetime_functions
        ("select months_between('1969-01-18', '1969-03-18')", "-2"),                           // r_MONTHS_BETWEEN_function
        ("select next_day('2014-08-20','Tuesday')", "2014-08-26"),                             // r_NEXT_DAY
        ("select add_months('2008-04-30',1)", "2008-05-31 00:00:00"),                          // r_ADD_MONTHS
        ("select interval_cmp('7 days','1 week')", "0"),                                       // r_INTERVAL_CMP
        ("select interval_cmp('3 days','1 year')", "-1"),                                      // r_INTERVAL_CMP
        ("select date_cmp_timestamp('2008-06-18', '2008-06-17 09:44:54')", "1"),               // r_DATE_CMP_TIMESTAMP
        ("select convert_timezone('EST', 'PST', '20080305 12:25:29')", "2008-03-05 09:25:29"), // CONVERT_TIMEZONE
        ("select convert_timezone('US/Pacific', timestamp '2008-08-24 09:36:12')", "2008-08-24 02:36:12"), // CONVERT_TIMEZONE
        ("select convert_timezone('GMT','NEWZONE-2:15','2014-05-17 12:00:00')", "2014-05-17 14:15:00"),   // CONVERT_TIMEZONE
        ("select to_char(timestamp '2009-12-31 23:15:59', 'MONTH-DY-DD-YYYY HH12:MIPM')", "DECEMBER -THU-31-2009 11:15PM"), // r_TO_CHAR
        ("select to_char(-125.8, '999D99S')", "125.80-"),                                      // r_TO_CHAR
        ("select to_char(-125.88, '$999D99PR')", "$<125.88>"),                                 // r_TO_CHAR
        ("select to_char(125, 'RN')", "           CXXV"),                                      // r_TO_CHAR (15 wide)
        ("select to_date('20010631', 'YYYYMMDD', FALSE)", "2001-07-01"),                       // r_TO_DATE_function
        ("select to_timestamp('2011-12-18 24:38:15', 'YYYY-MM-DD HH24:MI:SS')", "2011-12-19 00:38:15+00"), // r_TO_TIMESTAMP
        ("select to_number('12,454.8-', '99G999D9S')", "-12454.8"),                            // r_TO_NUMBER
    ])
    func documentedExamples(_ sql: String, _ expected: String) throws {
        #expect(try db.value(sql) == expected)
    }

    @Test func resultTypes() throws {
        // r_DATEADD_function TIMESTAMP; r_DATEDIFF_function BIGINT; r_DATE_PART_function DOUBLE; r_EXTRACT_function
        // INTEGER (DOUBLE for TIMESTAMPTZ); r_TO_TIMESTAMP TIMESTAMPTZ; r_MONTHS_BETWEEN_function FLOAT8.
        let types = try db.translate("""
            select dateadd(day, 1, date '2008-01-01'), datediff(day, '2008-01-01', '2008-01-02'), date_part(dow, date '2008-01-01'),
                   extract(hour from timestamp '2008-01-01 10:00'), extract(hour from timestamptz '2008-01-01 10:00'),
                   to_timestamp('2017', 'YYYY'), months_between('2008-01-01', '2008-02-01'), to_date('2001', 'YYYY'), last_day('2008-02-01')
            """).resultColumns.map(\.type)
        #expect(types == [.timestamp, .bigint, .doublePrecision, .integer, .doublePrecision, .timestamptz, .doublePrecision, .date, .date])
    }

    @Test func timeColumns() throws {
        // r_DATEADD_function, r_DATEDIFF_function and r_EXTRACT_function on the TIME_TEST/TIMETZ_TEST rows.
        #expect(try db.text("select dateadd(minute,5,time_val) from time_test order by id") == [["20:05:00"], ["00:05:00.555"], ["01:03:00"]])
        #expect(try db.text("select datediff(hour, time_val, time '15:24:45') from time_test order by id") == [["-5"], ["15"], ["15"]])
        #expect(try db.text("select extract(hour from timetz_val) from timetz_test order by id") == [["4"], ["0"], ["5"]])
        #expect(try db.text("select datediff(hours, timetz '20:00:00 PST', timetz_val) from timetz_test order by id") == [["0"], ["-4"], ["1"]])
        #expect(try db.text("select datediff(day, start_date, end_date) from date_table order by 1") == [["81"], ["486"]])
    }

    @Test func strictFormatsFail() throws {
        // r_TO_DATE_function, r_TO_TIMESTAMP: is_strict rejects out-of-range fields.
        #expect(throws: SQLError.self) { try db.value("select to_date('20010631', 'YYYYMMDD', TRUE)") }
        #expect(throws: SQLError.self) { try db.value("select to_timestamp('2011-12-18 24:38:15', 'YYYY-MM-DD HH24:MI:SS', TRUE)") }
        #expect(throws: SQLError.self) { try db.value("select convert_timezone('No/Such_Zone', '2008-01-01 00:00:00')") }
        #expect(throws: SQLError.self) { try db.value("select date_trunc('dow', timestamp '2008-01-01 00:00:00')") }
    }

    @Test func nullInNullOut() throws {
        // r_MONTHS_BETWEEN_function: "If either argument is null, the result is NULL" (and so for the others).
        for sql in ["select months_between(null, '2008-01-01')", "select dateadd(day, null, '2008-01-01')", "select date_cmp(null, '2008-01-01')",
                    "select to_char(null::timestamp, 'YYYY')", "select convert_timezone('PST', null::timestamp)", "select next_day(null::date, 'Monday')"] {
            #expect(try db.value(sql) == nil)
        }
    }

    @Test func formatPatterns() throws {
        // r_FORMAT_strings: D is 1–7 from Sunday; ID is ISO (Monday = 1); names padded to 9 unless FM.
        let v = DateTimeValue(year: 2022, month: 5, day: 16, hour: 23, minute: 15, second: 59)
        #expect(DateFormatting.format(v, "ID") == "1")
        #expect(DateFormatting.format(v, "D") == "2")
        #expect(DateFormatting.format(v, "FMDay, FMDDth \"of\" FMMonth") == "Monday, 16th of May")
        #expect(DateFormatting.format(v, "Q-IW-J") == "2-20-2459716")
        #expect(try NumericFormat.format("1234.5", "9,999.99") == " 1,234.50")
        #expect(try NumericFormat.format("-0.1", "99.99") == "  -.10")
        #expect(try NumericFormat.format("12345", "999") == " ###")
    }
}

/// Out-of-range input fails with an error instead of overflowing (no trap may crash the server).
@Suite struct DateFunctionRangeTests {
    @Test(arguments: [
        "select dateadd(day, 9223372036854775807, date '2008-01-01')",
        "select dateadd(year, 2147483647, date '2008-01-01')",
        "select dateadd(microsecond, -9223372036854775807, timestamp '2008-01-01 00:00:00')",
        "select to_date('999999999', 'YYYY')",
        "select to_timestamp('249999-01-01 999999999', 'YYYY-MM-DD HH24')",
        "select date '99999999-01-01'",
    ])
    func failsCleanly(_ sql: String) throws {
        let db = try TestDatabase()
        #expect(throws: SQLError.self) { try db.value(sql) }
    }

    @Test func tooManyDigitsPrintHashes() throws {
        // r_Numeric_formating: a value wider than the format prints # in every digit position.
        #expect(try TestDatabase().value("select to_char(1e300, '999')") == " ###")
    }
}

import Testing
@testable import RedshiftSQL

/// AT TIME ZONE (r_AT_TIME_ZONE), DATE + TIME (r_DATE-CONCATENATE_function) and the special
/// date-time inputs read against the statement's clock (TestDatabase: 2022-02-22 10:11:12.345678 UTC).
@Suite struct QuerySyntaxTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    @Test func atTimeZoneSwitchesBetweenTimestampAndTimestamptz() throws {
        let translation = try db.translate("SELECT TIMESTAMP '2001-02-16 20:38:40' AT TIME ZONE 'MST'")
        #expect(translation.resultColumns.map(\.type) == [.timestamptz])
        #expect(try db.value("SELECT TIMESTAMP WITH TIME ZONE '2001-02-16 20:38:40-05' AT TIME ZONE 'MST'") == "2001-02-16 18:38:40")
    }

    @Test func dateConcatenatedWithTime() throws {
        #expect(try db.value("select date '2000-01-01' + time '20:00:00'") == "2000-01-01 20:00:00")
        #expect(try db.translate("select date '2000-01-01' + time '20:00:00'").resultColumns.map(\.type) == [.timestamp])
    }

    @Test func specialInputsReadTheStatementClock() throws {
        #expect(try db.value("select 'today'::date") == "2022-02-22")
        #expect(try db.value("select 'yesterday'::date") == "2022-02-21")
        #expect(try db.value("select 'tomorrow'::timestamp") == "2022-02-23 00:00:00")
        #expect(try db.value("select 'now'::timestamp") == "2022-02-22 10:11:12.345678")
    }
}

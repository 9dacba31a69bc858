import Testing
@testable import RedshiftSQL

/// SELECT run on a real SQLite; expected values from the Redshift documentation's examples and rules.
@Suite struct EndToEndSelectTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table sales (id int not null, region varchar(10), qty int, price decimal(8,2), sold date);
            insert into sales values (1, 'east', 1, 10.00, '2022-01-01'), (2, 'east', 2, 20.50, '2022-01-02'),
                                     (3, 'west', 5, 5.25, '2022-02-01'), (4, null, null, null, null);
            create table regions (name varchar(10), manager varchar(20));
            insert into regions values ('east', 'Ann'), ('north', 'Bob');
            """)
    }

    struct Case: CustomStringConvertible, Sendable {
        let sql: String
        let rows: [[String]]
        var description: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "select 1", rows: [["1"]]),
        Case(sql: "select 7/2, -7/2, 7 % 3", rows: [["3", "-3", "1"]]),
        Case(sql: "select 'it''s' || ' ok'", rows: [["it's ok"]]),
        Case(sql: "select count(*), count(qty), sum(qty), avg(qty) from sales", rows: [["4", "3", "8", "2"]]),
        Case(sql: "select avg(price), sum(price), min(price), max(price) from sales", rows: [["11.91", "35.75", "5.25", "20.50"]]),   // AVG truncates to the scale: 11.9166…
        Case(sql: "select id from sales order by qty", rows: [["1"], ["2"], ["3"], ["4"]]),
        Case(sql: "select id from sales order by qty desc", rows: [["4"], ["3"], ["2"], ["1"]]),
        Case(sql: "select id from sales order by qty nulls first", rows: [["4"], ["1"], ["2"], ["3"]]),
        Case(sql: "select region, count(*) as n from sales group by region order by n desc, region", rows: [["east", "2"], ["west", "1"], ["NULL", "1"]]),
        Case(sql: "select region, sum(qty) from sales group by 1 having sum(qty) > 2 order by 1", rows: [["east", "3"], ["west", "5"]]),
        Case(sql: "select id from sales where region like 'e%' order by id", rows: [["1"], ["2"]]),
        Case(sql: "select id from sales where region like 'E%'", rows: []),
        Case(sql: "select id from sales where region ilike 'E%' order by id", rows: [["1"], ["2"]]),
        Case(sql: "select id from sales where region = 'east  ' order by id", rows: [["1"], ["2"]]),
        Case(sql: "select id from sales where region = 'EAST'", rows: []),
        Case(sql: "select id from sales where qty between 2 and 5 and region in ('east', 'west') order by id", rows: [["2"], ["3"]]),
        Case(sql: "select id from sales where qty is null", rows: [["4"]]),
        Case(sql: "select s.id, r.manager from sales s join regions r on s.region = r.name order by s.id", rows: [["1", "Ann"], ["2", "Ann"]]),
        Case(sql: "select s.id, r.manager from sales s left join regions r on s.region = r.name order by s.id", rows: [["1", "Ann"], ["2", "Ann"], ["3", "NULL"], ["4", "NULL"]]),
        Case(sql: "select s.id, r.name from sales s right join regions r on s.region = r.name order by r.name, s.id", rows: [["1", "east"], ["2", "east"], ["NULL", "north"]]),
        Case(sql: "select count(*) from sales s full join regions r on s.region = r.name", rows: [["5"]]),
        Case(sql: "select count(*) from sales, regions", rows: [["8"]]),
        Case(sql: "select count(*) from sales cross join regions", rows: [["8"]]),
        Case(sql: "select name, manager from regions join (select region as name, sum(qty) as total from sales group by region) x using (name)", rows: [["east", "Ann"]]),
        Case(sql: "select distinct region from sales where region is not null order by region", rows: [["east"], ["west"]]),
        Case(sql: "select region from sales where region is not null union select name from regions order by 1", rows: [["east"], ["north"], ["west"]]),
        Case(sql: "select region from sales where region = 'east' union all select name from regions where name = 'east'", rows: [["east"], ["east"], ["east"]]),
        Case(sql: "select name from regions intersect select region from sales", rows: [["east"]]),
        Case(sql: "select name from regions except select region from sales", rows: [["north"]]),
        Case(sql: "select name from regions minus select region from sales", rows: [["north"]]),
        Case(sql: "with e as (select * from sales where region = 'east') select count(*) from e", rows: [["2"]]),
        Case(sql: "with recursive r(n) as (select 1 union all select n + 1 from r where n < 4) select sum(n) from r", rows: [["10"]]),
        Case(sql: "select id from sales s where exists (select 1 from regions r where r.name = s.region) order by id", rows: [["1"], ["2"]]),
        Case(sql: "select id from sales where region in (select name from regions) order by id", rows: [["1"], ["2"]]),
        Case(sql: "select id, (select manager from regions r where r.name = s.region) from sales s order by id", rows: [["1", "Ann"], ["2", "Ann"], ["3", "NULL"], ["4", "NULL"]]),
        Case(sql: "select id from sales order by id limit 2 offset 1", rows: [["2"], ["3"]]),
        Case(sql: "select top 2 id from sales order by id desc", rows: [["4"], ["3"]]),
        Case(sql: "select case when qty > 1 then 'many' when qty = 1 then 'one' else 'none' end from sales order by id", rows: [["one"], ["many"], ["many"], ["none"]]),
        Case(sql: "select case region when 'east' then 1 else 0 end from sales order by id", rows: [["1"], ["1"], ["0"], ["0"]]),
        Case(sql: "select nvl(region, 'n/a'), coalesce(qty, 0), nullif(qty, 1) from sales where id in (1, 4) order by id", rows: [["east", "1", "NULL"], ["n/a", "0", "NULL"]]),
        Case(sql: "select lower('ABC'), upper('abc'), length('abc  '), len('ab'), substring('caterpillar', -2, 6), substring('caterpillar' from 2 for 3)", rows: [["abc", "ABC", "5", "2", "cat", "ate"]]),
        Case(sql: "select trim('  a  '), btrim('xxaxx', 'x'), ltrim('  a'), rtrim('a  ')", rows: [["a", "a", "a", "a"]]),
        Case(sql: "select abs(-3), round(2.5), round(-2.5), round(3.14159, 2)", rows: [["3", "3", "-3", "3.14"]]),
        Case(sql: "select cast('42' as integer) + 1, '3'::int * 2, 1.5::int, 2.5::int", rows: [["43", "6", "2", "3"]]),
        Case(sql: "select 'City of South San Francisco'::char(20), 'abcdef'::varchar(3)", rows: [["City of South San Fr", "abc"]]),
        Case(sql: "select trim(current_user), current_database()", rows: [["awsuser", "dev"]]),  // bpchar(63): padding unverified
        Case(sql: "select getdate(), current_date, sysdate", rows: [["2022-02-22 10:11:12", "2022-02-22", "2022-02-22 10:11:12.345678"]]),
        Case(sql: "select dateadd(month, 18, '2008-02-28'), dateadd(month, 1, '2008-04-30'::date), dateadd(year, 1, '2016-02-29')", rows: [["2009-08-28 00:00:00", "2008-05-30 00:00:00", "2017-03-01 00:00:00"]]),
        Case(sql: "select datediff(year, '2008-12-31', '2009-01-01'), datediff(hour, '2009-01-01 08:30', '2009-01-01 10:00'), datediff(week, '2009-01-01', '2009-12-31')", rows: [["1", "2", "52"]]),
        Case(sql: "select date_trunc('week', '2022-02-24 10:00:00'::timestamp), date_trunc('millennium', '2020-04-30'::timestamp)", rows: [["2022-02-21 00:00:00", "2001-01-01 00:00:00"]]),
        Case(sql: "select date_part(dow, '2022-02-22'::date), extract(year from '2022-02-22'::date)", rows: [["2", "2022"]]),
        Case(sql: "select greatest(1, null, 3), least(2, null, 1)", rows: [["3", "1"]]),
        Case(sql: "select split_part('a,b,c', ',', 2), lpad('7', 3, '0'), rpad('ab', 4), reverse('abc'), initcap('hello wORLD')", rows: [["b", "007", "ab  ", "cba", "Hello World"]]),
        Case(sql: "select sold + 1, sold - '2021-12-31'::date from sales where id = 1", rows: [["2022-01-02", "1"]]),
        Case(sql: "select id, row_number() over (order by id desc), rank() over (partition by region order by qty) from sales where region is not null order by id", rows: [["1", "3", "1"], ["2", "2", "2"], ["3", "1", "1"]]),
        Case(sql: "select id, sum(qty) over (order by id rows unbounded preceding) from sales order by id", rows: [["1", "1"], ["2", "3"], ["3", "8"], ["4", "8"]]),
        Case(sql: "select id, lag(qty) over (order by id) from sales order by id", rows: [["1", "NULL"], ["2", "1"], ["3", "2"], ["4", "5"]]),
        Case(sql: "select true, false, 1 = 1, 1 < 0", rows: [["t", "f", "t", "f"]]),
        Case(sql: "select id from sales where not (qty > 1) order by id", rows: [["1"]]),
        Case(sql: "select x.n from (select count(*) as n from sales) x", rows: [["4"]]),
        Case(sql: "select * from regions order by name", rows: [["east", "Ann"], ["north", "Bob"]]),
    ]

    @Test(arguments: cases)
    func rows(_ c: Case) throws {
        #expect(try db.text(c.sql) == c.rows)
    }

    @Test func divisionByZeroIsAnError() throws {
        #expect(throws: SQLError(code: "22012", message: "division by zero")) { try db.run("select qty / (qty - qty) from sales") }
    }

    @Test func parametersAreBound() throws {
        db.parameters = ["region": "east", "min": "2"]
        #expect(try db.text("select id from sales where region = :region and qty >= :min") == [["2"]])
    }

    @Test func viewsAreExpandedAtQueryTime() throws {
        try db.run("create view east_sales as select id, qty from sales where region = 'east'")
        #expect(try db.text("select sum(qty) from east_sales") == [["3"]])
        try db.run("insert into sales values (5, 'east', 10, 1.00, '2022-03-01')")
        #expect(try db.text("select count(*) from east_sales") == [["3"]])
        try db.run("create or replace view east_sales as select id from sales where region = 'east' and qty > 1")
        #expect(try db.text("select count(*) from east_sales") == [["2"]])
        try db.run("drop view east_sales")
        #expect(throws: SQLError.undefinedTable("east_sales", at: 15)) { try db.run("select * from east_sales") }
    }
}


extension EndToEndSelectTests {
    static let moreCases: [Case] = [
        Case(sql: "select id from sales s qualify row_number() over (partition by region order by id desc) = 1 order by id", rows: [["2"], ["3"], ["4"]]),
        Case(sql: "select listagg(region, ',') from sales where region is not null", rows: [["east,east,west"]]),
        Case(sql: "select stddev_samp(qty), var_pop(qty), stddev(id) from sales where id = 1", rows: [["NULL", "0", "NULL"]]),
        Case(sql: "select variance(qty) from sales", rows: [["4.33333333333333"]]),
        Case(sql: "select round(price) from sales where id = 2", rows: [["21"]]),
        Case(sql: "select add_months('2008-04-30', 1), add_months('2008-03-31', -1), last_day('2004-02-10'::date)", rows: [["2008-05-31 00:00:00", "2008-02-29 00:00:00", "2004-02-29"]]),
        Case(sql: "select to_char('2008-12-04 16:10:43'::timestamp, 'YYYY-MM-DD HH24:MI:SS'), to_char('2008-12-04'::date, 'Mon DD, YYYY')", rows: [["2008-12-04 16:10:43", "Dec 04, 2008"]]),
    ]

    @Test(arguments: moreCases)
    func moreRows(_ c: Case) throws {
        #expect(try db.text(c.sql) == c.rows)
    }

    @Test func selectIntoCreatesATable() throws {
        let translation = try db.translate("select id, region into temp east from sales where region = 'east'")
        #expect(translation.kind == .ddl)
        try db.run("select id, region into temp east from sales where region = 'east'")
        #expect(try db.text("select count(*) from east") == [["2"]])
    }

    @Test func alterColumnTypeResizesVarchar() throws {
        #expect(throws: SQLError(code: "22001", message: "value too long for type character varying(2)")) {
            try db.run("alter table regions alter column manager type varchar(2)")
        }
        try db.run("alter table regions alter column manager type varchar(3)")
        #expect(try db.translate("select manager from regions").resultColumns.first?.type == .varchar(length: 3))
        #expect(throws: SQLError.self) { try db.run("insert into regions values ('south', 'Carl')") }
    }
}

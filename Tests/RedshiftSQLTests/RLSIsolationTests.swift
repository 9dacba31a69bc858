import Foundation
import GRDB
import Testing
@testable import RedshiftSQL

/// Property-based isolation check of the RLS rewrite and masking: random query shapes (joins, nested
/// and correlated subqueries, CTEs, set operations, aggregates, windows, views, qualified/quoted
/// names, CTAS into temp tables, UPDATE/DELETE/MERGE) run as a tenant through the real translation
/// and SQLite, compared with the same query run by the superuser over per-tenant filtered copies of
/// the tables (the oracle: a plain filter of the base data, t_rls_usage). tenant_b sees
/// `orders.amount` masked (rounded down to even); its oracle copy holds the masked values, since
/// masking applies before every predicate and projection, DML included (t_ddm). Any difference is a
/// leak or a loss.
///
/// Seed: `RLS_SEED` (environment), else random; printed so a failure can be replayed.
/// Shapes: `RLS_SHAPES` (default 10,000).
@Suite struct RLSIsolationTests {
    static let tenants = ["tenant_a", "tenant_b", "tenant_c"]

    /// A database with RLS-protected orders/customers, a lookup table, a view and oracle copies.
    final class Fixture {
        let db: TestDatabase
        var random: SplitMix

        init(seed: UInt64) throws {
            db = try TestDatabase()
            random = SplitMix(seed: seed)
            var data = SplitMix(seed: seed ^ 0x5EED)
            try db.script("""
                CREATE TABLE orders (id INT, tenant VARCHAR(10), cust INT, amount INT);
                CREATE TABLE customers (cid INT, tenant VARCHAR(10), region VARCHAR(5));
                CREATE TABLE tenant_customers (tenant_name VARCHAR(10), cid INT);
                CREATE TABLE regions (region VARCHAR(5), label VARCHAR(10));
                INSERT INTO regions VALUES ('n', 'North'), ('s', 'South'), ('e', 'East');
                """)
            var orders: [String] = []
            for id in 1...60 {
                let amount = data.next(10) == 0 ? "NULL" : String(data.next(100) + 1)
                orders.append("(\(id), '\(Self.pick(RLSIsolationTests.tenants, &data))', \(data.next(12) + 1), \(amount))")
            }
            try db.run("INSERT INTO orders VALUES " + orders.joined(separator: ", "))
            var customers: [String] = []
            var mapping: [String] = []
            for cid in 1...12 {
                customers.append("(\(cid), '\(Self.pick(RLSIsolationTests.tenants, &data))', '\(Self.pick(["n", "s", "e"], &data))')")
                for tenant in RLSIsolationTests.tenants where data.next(3) == 0 { mapping.append("('\(tenant)', \(cid))") }
            }
            try db.run("INSERT INTO customers VALUES " + customers.joined(separator: ", "))
            if !mapping.isEmpty { try db.run("INSERT INTO tenant_customers VALUES " + mapping.joined(separator: ", ")) }
            try db.script("""
                CREATE VIEW v_orders AS SELECT id, cust, amount FROM public.orders WHERE amount > 5;
                CREATE USER tenant_a PASSWORD DISABLE;
                CREATE USER tenant_b PASSWORD DISABLE;
                CREATE USER tenant_c PASSWORD DISABLE;
                CREATE ROLE tenant_role;
                GRANT ROLE tenant_role TO tenant_a;
                GRANT ROLE tenant_role TO tenant_b;
                GRANT SELECT, UPDATE, DELETE, INSERT ON orders, customers TO ROLE tenant_role;
                GRANT SELECT, UPDATE, DELETE, INSERT ON orders, customers TO tenant_c;
                GRANT SELECT ON regions, v_orders TO PUBLIC;
                CREATE RLS POLICY own_orders WITH (tenant VARCHAR(10)) AS o USING (o.tenant = current_user);
                CREATE RLS POLICY mapped_customers WITH (cid INT) USING (cid IN (SELECT cid FROM tenant_customers WHERE tenant_name = current_user));
                ATTACH RLS POLICY own_orders ON orders TO PUBLIC;
                ATTACH RLS POLICY mapped_customers ON customers TO ROLE tenant_role;
                ALTER TABLE orders ROW LEVEL SECURITY ON;
                ALTER TABLE customers ROW LEVEL SECURITY ON;
                CREATE MASKING POLICY even_amount WITH (amount INT) USING (amount - amount % 2);
                ATTACH MASKING POLICY even_amount ON orders(amount) TO tenant_b;
                """)
            // The oracle: per tenant, plain filtered copies (tenant_c has no customers policy: default deny).
            for tenant in RLSIsolationTests.tenants {
                let s = "o_" + tenant
                let customerFilter = tenant == "tenant_c" ? "0 = 1" : "cid IN (SELECT cid FROM tenant_customers WHERE tenant_name = '\(tenant)')"
                try db.script("""
                    CREATE SCHEMA \(s);
                    CREATE TABLE \(s).orders AS SELECT id, tenant, cust, \(tenant == "tenant_b" ? "amount - amount % 2" : "amount") AS amount
                        FROM public.orders WHERE tenant = '\(tenant)';
                    CREATE TABLE \(s).customers AS SELECT * FROM public.customers WHERE \(customerFilter);
                    CREATE TABLE \(s).regions AS SELECT * FROM public.regions;
                    CREATE VIEW \(s).v_orders AS SELECT id, cust, amount FROM \(s).orders WHERE amount > 5;
                    """)
            }
        }

        static func pick<T>(_ items: [T], _ random: inout SplitMix) -> T { items[random.next(items.count)] }
        func pick<T>(_ items: [T]) -> T { Self.pick(items, &random) }
        func chance(_ n: Int) -> Bool { random.next(n) == 0 }

        /// Runs `sql` as `user` (search_path as given); rows as sorted text, or the error message.
        func run(_ sql: String, as user: String, searchPath: String, in db: Database) -> Result<[String], SQLError> {
            let executor = GRDBTestExecutor(db: db)
            var context = TranslationContext(catalog: StoredCatalog(executor: executor), database: "dev", currentUser: user,
                                             isSuperuser: user == "awsuser", settings: ["search_path": searchPath],
                                             now: utcDate("2022-02-22 10:11:12"))
            context.bootstrapSuperuser = "awsuser"
            do {
                let translation = try Translator().translate(sql, context: context)
                var rows: [[SQLiteValue]] = []
                for (index, step) in translation.steps.enumerated() {
                    if translation.kind == .query && index == translation.steps.count - 1 { rows = try executor.query(step) } else { try executor.execute(step) }
                }
                if translation.kind != .query { return .success(["changes \(db.changesCount)"]) }
                return .success(rows.map { "\($0)" }.sorted())
            } catch let error as SQLError {
                return .failure(error)
            } catch {
                return .failure(SQLError(code: "XX000", message: "\(error)"))
            }
        }

        // MARK: Generator. Every relation yields integer columns (a, b, c); {S} is the schema.

        func table(_ name: String) -> String {
            switch random.next(5) {
            case 0: return "{S}.\(name)"
            case 1: return "\"\(name)\""
            case 2: return "dev.{S}.\(name)"
            case 3: return "\(name) AS \(pick(["customers", "orders", "regions", "x"]))"
            default: return name
            }
        }

        func predicate(_ column: String) -> String {
            pick(["\(column) > \(random.next(50))", "\(column) IS NOT NULL", "\(column) % 2 = 0", "\(column) BETWEEN 3 AND 40", "\(column) IN (1, 2, 3, 5, 8)"])
        }

        func relation(_ depth: Int) -> String {
            let leaf = depth <= 0 || chance(3)
            if leaf {
                switch random.next(5) {
                case 0, 1: return "(SELECT id AS a, cust AS b, amount AS c FROM \(table("orders"))\(chance(2) ? " WHERE " + predicate("amount") : ""))"
                case 2: return "(SELECT cid AS a, cid % 3 AS b, cid * 2 AS c FROM \(table("customers")))"
                case 3: return "(SELECT id AS a, cust AS b, amount AS c FROM \(table("v_orders")))"
                default: return "(SELECT o.id AS a, c.cid AS b, o.amount AS c FROM \(table("orders")) \(pick(["", "AS"])) o JOIN customers c ON o.cust = c.cid)"
                }
            }
            let l = relation(depth - 1), r = relation(depth - 1)
            switch random.next(11) {
            case 0: return "(SELECT x.a, y.b, x.c FROM \(l) x JOIN \(r) y ON x.b = y.a)"
            case 1: return "(SELECT x.a, coalesce(y.b, -1) AS b, x.c FROM \(l) x LEFT JOIN \(r) y ON x.a = y.a)"
            case 2: return "(SELECT a, b, c FROM \(l) s \(pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT"])) SELECT a, b, c FROM \(r) t)"
            case 3: return "(SELECT b AS a, count(*) AS b, sum(c) AS c FROM \(l) g GROUP BY b)"
            case 4: return "(SELECT a, b, sum(c) OVER (PARTITION BY b ORDER BY a ROWS UNBOUNDED PRECEDING) AS c FROM \(l) w)"
            case 5: return "(SELECT * FROM \(l) f WHERE a IN (SELECT b FROM \(r) q))"
            case 6: return "(SELECT * FROM \(l) x WHERE EXISTS (SELECT 1 FROM \(r) y WHERE y.a = x.b))"
            case 7: return "(SELECT a, (SELECT count(*) FROM \(r) z) AS b, c FROM \(l) s)"
            case 8: return "(WITH w AS \(l) SELECT w.a, w.b, w.c FROM w JOIN regions r ON r.region = 'n')"
            case 9: return "(SELECT a, b, c FROM \(l) s WHERE c > (SELECT avg(amount) FROM orders))"
            default: return "(SELECT max(a) AS a, min(b) AS b, count(c) AS c FROM \(l) m)"
            }
        }

        func query() -> String {
            let depth = random.next(4)
            switch random.next(4) {
            case 0: return "WITH q AS \(relation(depth)) SELECT a, b, c FROM q"
            case 1: return "SELECT count(*), sum(c), max(a) FROM \(relation(depth)) r"
            default: return "SELECT a, b, c FROM \(relation(depth)) r"
            }
        }

        /// A table's rows as the check compares them: tenant_b's amounts masked on both sides, so
        /// the real table (clear values) and tenant_b's oracle copy (masked values) line up.
        static func rows(_ table: String, in schema: String) -> String {
            table == "orders" ? "SELECT id, tenant, cust, CASE WHEN tenant = 'tenant_b' THEN amount - amount % 2 ELSE amount END FROM \(schema).orders"
                : "SELECT * FROM \(schema).\(table)"
        }

        /// A data-changing shape; the check compares the table states afterwards.
        func statement() -> (sql: String, table: String) {
            switch random.next(7) {
            case 0: return ("UPDATE \(table("orders")) SET amount = coalesce(amount, 0) + 1 WHERE \(predicate("id"))", "orders")
            case 1: return ("DELETE FROM orders WHERE \(predicate("amount"))", "orders")
            case 2: return ("DELETE FROM customers USING orders WHERE orders.cust = customers.cid AND \(predicate("orders.amount"))", "customers")
            case 3: return ("UPDATE customers SET region = 'x' WHERE cid IN (SELECT cust FROM orders WHERE \(predicate("amount")))", "customers")
            case 4: return ("UPDATE orders SET cust = cust + 100 WHERE \(predicate("amount"))", "orders")  // masked WHERE
            case 5:
                // Masked reads in USING, ON and SET; a source row whose match is hidden is NOT MATCHED.
                return ("""
                    MERGE INTO \(pick(["orders", "{S}.orders", "\"orders\""])) USING (SELECT id AS sid, tenant AS st, amount AS samt FROM orders WHERE \(predicate("amount"))) s \
                    ON orders.id = s.sid + \(pick([0, 1, 7])) WHEN MATCHED THEN UPDATE SET cust = coalesce(s.samt, 0) + \(pick(["0", "orders.amount"])) \
                    WHEN NOT MATCHED THEN INSERT VALUES (s.sid + 1000, s.st, 0, s.samt)
                    """, "orders")
            default:
                return ("MERGE INTO orders USING customers c ON orders.cust = c.cid AND \(predicate("orders.amount")) WHEN MATCHED THEN DELETE", "orders")
            }
        }
    }

    @Test func randomShapesSeeOnlyTheirTenantsRows() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["RLS_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let shapes = environment["RLS_SHAPES"].flatMap { Int($0) } ?? 10_000
        print("RLSIsolationTests: seed \(seed) (replay with RLS_SEED=\(seed)), \(shapes) shapes")
        let fixture = try Fixture(seed: seed)
        var leaks: [String] = []
        var checked = 0, bothFailed = 0, detectable = 0, statements = 0, statementsFailed = 0
        try fixture.db.queue.inDatabase { db in
            for index in 0..<shapes {
                let tenant = fixture.pick(Self.tenants)
                let oraclePath = "o_\(tenant)"
                if index % 10 == 9 {
                    // DML and CTAS: the state after the tenant's statement must equal the untouched
                    // other tenants' rows plus the oracle copy after the same statement.
                    let (sql, table) = fixture.statement()
                    try db.execute(sql: "SAVEPOINT shape")
                    let mine = fixture.run(sql.replacingOccurrences(of: "{S}", with: "public"), as: tenant, searchPath: "public", in: db)
                    let after = fixture.run(Fixture.rows(table, in: "public"), as: "awsuser", searchPath: "public", in: db)
                    try db.execute(sql: "ROLLBACK TO shape")
                    let hidden = fixture.run("\(Fixture.rows(table, in: "public")) EXCEPT ALL \(Fixture.rows(table, in: oraclePath))", as: "awsuser", searchPath: "public", in: db)
                    let theirs = fixture.run(sql.replacingOccurrences(of: "{S}", with: oraclePath), as: "awsuser", searchPath: oraclePath, in: db)
                    let oracleAfter = fixture.run(Fixture.rows(table, in: oraclePath), as: "awsuser", searchPath: "public", in: db)
                    try db.execute(sql: "ROLLBACK TO shape")
                    try db.execute(sql: "RELEASE shape")
                    let expected = ((try? hidden.get()) ?? []) + ((try? oracleAfter.get()) ?? [])
                    statements += 1
                    if case .failure = mine { statementsFailed += 1 }
                    if "\(mine)" != "\(theirs)" || (try? after.get()) != expected.sorted() {
                        leaks.append("\(tenant): \(sql)\n  tenant: \(mine)\n  oracle: \(theirs)")
                    }
                    checked += 1
                    continue
                }
                let sql = fixture.query()
                var mineSQL = sql.replacingOccurrences(of: "{S}", with: "public")
                var oracleSQL = sql.replacingOccurrences(of: "{S}", with: oraclePath)
                if index % 10 == 4 {
                    // CTAS / SELECT INTO a temp table named like the protected table, then read it.
                    mineSQL = "CREATE TEMP TABLE orders AS " + mineSQL
                    oracleSQL = "CREATE TEMP TABLE orders AS " + oracleSQL
                }
                try db.execute(sql: "SAVEPOINT shape")
                var mine = fixture.run(mineSQL, as: tenant, searchPath: "public", in: db)
                if index % 10 == 4, case .success = mine { mine = fixture.run("SELECT * FROM orders", as: tenant, searchPath: "public", in: db) }
                try db.execute(sql: "ROLLBACK TO shape")
                var theirs = fixture.run(oracleSQL, as: "awsuser", searchPath: oraclePath, in: db)
                if index % 10 == 4, case .success = theirs { theirs = fixture.run("SELECT * FROM orders", as: "awsuser", searchPath: oraclePath, in: db) }
                try db.execute(sql: "ROLLBACK TO shape")
                try db.execute(sql: "RELEASE shape")
                if index < 300, case .success(let unfiltered) = fixture.run(sql.replacingOccurrences(of: "{S}", with: "public"), as: "awsuser", searchPath: "public", in: db),
                   case .success(let expected) = theirs, unfiltered != expected {
                    detectable += 1  // the oracle tells an unfiltered answer apart: the check can fail
                }
                switch (mine, theirs) {
                case (.success(let a), .success(let b)) where a == b: break
                case (.failure(let a), .failure(let b)) where a.message == b.message: bothFailed += 1
                default: leaks.append("\(tenant): \(mineSQL)\n  tenant: \(mine)\n  oracle: \(theirs)")
                }
                checked += 1
            }
        }
        print("RLSIsolationTests: \(checked) shapes checked (\(statements) DML, \(statementsFailed) of them failed), \(bothFailed) queries failed alike for tenant and oracle, \(leaks.count) leaks; \(detectable) of the first 300 differ without RLS")
        for leak in leaks.prefix(5) { print(leak) }
        #expect(leaks.isEmpty, "seed \(seed): \(leaks.count) leaks, first: \(leaks.first ?? "")")
        #expect(detectable > 50, "the oracle should tell unfiltered answers apart (\(detectable) of 300)")
        #expect(bothFailed * 10 < checked, "too many generated queries fail: the generator needs fixing")
        #expect(statementsFailed * 10 < statements, "too many generated statements fail: the generator needs fixing")
    }
}

/// A small seeded generator (SplitMix64), so a seed replays the same shapes.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextRaw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n.
    mutating func next(_ n: Int) -> Int { Int(nextRaw() % UInt64(max(n, 1))) }
}

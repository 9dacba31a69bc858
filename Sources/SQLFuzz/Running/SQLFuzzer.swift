import Foundation

/// Runs the oracles over random worlds: each round builds a fresh in-process engine, loads a random
/// world and checks a number of random cases, the oracles in turn. Count-bounded (`checks`) for
/// the test command, or time-bounded (`until`) for long runs; the same seed gives the same run.
public struct SQLFuzzer {
    public var seed: UInt64
    /// Stop after this many checks…
    public var checks: Int
    /// …or at this time, whichever comes first.
    public var until: Date?
    public var checksPerRound = 60
    public var maxRows = 8
    /// Mismatches shrunk and reported at most (more are counted).
    public var reportLimit = 10
    public var oracles = OracleKind.allCases
    /// Called with each check skipped because a query failed, and the error.
    public var skipped: ((any OracleCase, String) -> Void)?
    /// Called after each round with the report so far.
    public var progress: ((FuzzReport) -> Void)?

    public init(seed: UInt64, checks: Int, until: Date? = nil) {
        self.seed = seed
        self.checks = checks
        self.until = until
    }

    public func run() async throws -> FuzzReport {
        var report = FuzzReport()
        var rng = FuzzRandom(seed: seed)
        var done = 0
        while done < checks, until.map({ Date() < $0 }) ?? true {
            let roundSeed = rng.next()
            var roundRNG = FuzzRandom(seed: roundSeed)
            let world = FuzzWorld.random(maxRows: maxRows, rls: oracles.contains(.rls), &roundRNG)
            let db = try FuzzDatabase()
            do {
                try await db.setUp(world.setupSQL)
            } catch {
                report.record(.rls, .skipped("set-up: \(error)"))
                if report.setupFailures.count < 5 { report.setupFailures.append("\(error)") }
                await db.close()
                continue
            }
            let generator = ExpressionGenerator(rng: roundRNG.fork(), tables: world.schema.tables)
            for i in 0..<checksPerRound where done < checks {
                let kind = oracles[(i + report.rounds) % oracles.count]
                let check = makeCase(kind, generator, world)
                let verdict = await check.check(db)
                report.record(kind, verdict)
                if case .skipped(let error) = verdict { skipped?(check, error) }
                done += 1
                if case .mismatch = verdict, report.mismatches.count < reportLimit {
                    var shrinker = Shrinker(db: db, world: world)
                    let (small, schema) = await shrinker.shrink(check)
                    let detail: String
                    if case .mismatch(let d) = await small.check(db) { detail = d } else { detail = "(flaky: \(verdict))" }
                    var shrunk = world
                    shrunk.schema = schema
                    report.mismatches.append(FuzzMismatch(kind: kind, detail: detail, seed: roundSeed,
                                                          setup: shrunk.setupSQL, queries: small.statements.map(TableNaming().apply)))
                    try? await db.setUp(world.reloadSQL(world.schema))
                }
            }
            report.rounds += 1
            report.statements += db.statementCount
            await db.close()
            progress?(report)
        }
        return report
    }

    private func makeCase(_ kind: OracleKind, _ g: ExpressionGenerator, _ world: FuzzWorld) -> any OracleCase {
        switch kind {
        case .tlpWhere: return g.tlpWhereCase(.plain)
        case .tlpDistinct: return g.tlpWhereCase(.distinct)
        case .tlpGroupBy: return g.tlpWhereCase(.groupBy)
        case .tlpAggregate: return g.tlpAggregateCase()
        case .tlpHaving: return g.tlpHavingCase()
        case .noREC: return g.noRECCase()
        case .rls:
            let tenant = g.rng.pick(world.tenants)
            let shape: any OracleCase = switch g.rng.int(0...3) {
            case 0: g.tlpAggregateCase()
            case 1: g.tlpHavingCase()
            default: g.tlpWhereCase(g.rng.chance(0.7) ? .plain : .distinct)
            }
            return RLSCase(tenant: tenant, template: shape.statements[0])
        }
    }
}

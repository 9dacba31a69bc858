import Testing
@testable import PGWire

/// Which relations a `DROP … IF EXISTS` names (the NoticeResponse for missing ones).
@Suite struct DropNoticesTests {
    @Test func namesTablesAndViews() {
        let table = DropNotices.targets(of: #"DROP TABLE IF EXISTS a, s."B" cascade;"#)
        #expect(table?.kind == "table")
        #expect(table?.relations.map(\.spelling) == ["a", #"s."B""#])
        #expect(table?.relations.map(\.name) == ["a", "B"])
        #expect(DropNotices.targets(of: "drop view if exists v")?.kind == "view")
    }

    @Test func otherStatementsAreNotDrops() {
        #expect(DropNotices.targets(of: "drop table a") == nil)
        #expect(DropNotices.targets(of: "drop schema if exists s") == nil)
        #expect(DropNotices.targets(of: "select exists (select 1)") == nil)
        #expect(DropNotices.targets(of: "drop table if exists a b") == nil)
    }

    @Test func onlyStatementsThatSayExistsAreLexed() {
        #expect(DropNotices.mentionsExists("DROP TABLE IF EXISTS a"))
        #expect(DropNotices.mentionsExists("drop view if eXiStS v"))
        #expect(DropNotices.mentionsExists("select eexists"))
        #expect(!DropNotices.mentionsExists("select 1"))
        #expect(!DropNotices.mentionsExists("drop table if exist a"))
        #expect(!DropNotices.mentionsExists("drop table a"))
    }
}

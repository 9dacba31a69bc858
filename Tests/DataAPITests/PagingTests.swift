import Testing
@testable import DataAPI
@testable import DataAPIModel
@testable import Engine

@Suite struct PagingTests {
    @Test func tokensRoundTripAndAreScoped() throws {
        let token = PageToken.encode(42, scope: "result", extra: "abc")
        #expect(try PageToken.decode(token, scope: "result", extra: "abc") == 42)
        #expect(throws: DataAPIError.self) { try PageToken.decode(token, scope: "result", extra: "other") }
        #expect(throws: DataAPIError.self) { try PageToken.decode("garbage!", scope: "result") }
    }

    @Test func pagesCoverEveryItemOnce() throws {
        let all = Array(0..<25)
        var seen: [Int] = []
        var token: String?
        repeat {
            let page = try Page(all, token: token, maxResults: 10, scope: "t")
            seen += page.items
            token = page.nextToken
        } while token != nil
        #expect(seen == all)
    }

    /// SchemaPattern/TablePattern use LIKE wildcards (reference data-api.md §10).
    @Test(arguments: [
        ("pub%", "public", true), ("p_blic", "public", true), ("%", "", true), ("pub", "public", false),
        ("Public", "public", false), ("%lic", "public", true), ("sales\\_2024", "sales_2024", true), ("sales\\_2024", "salesx2024", false),
    ])
    func likePatterns(pattern: String, text: String, matches: Bool) {
        #expect(LikePattern(pattern).matches(text) == matches)
    }
}

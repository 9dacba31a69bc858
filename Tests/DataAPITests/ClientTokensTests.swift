import Foundation
import Testing
@testable import DataAPI

/// ClientToken memory: 8 hours (reference data-api.md §11, §13) and at most `capacity` tokens, the
/// oldest forgotten first, so that a long run keeps a bounded memory.
@Suite struct ClientTokensTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aTokenIsRememberedForEightHours() {
        let tokens = ClientTokens(capacity: 10)
        tokens.remember(token: "a", statementId: "s1", now: start)
        #expect(tokens.statement(forToken: "a", now: start.addingTimeInterval(8 * 3600)) == "s1")
        tokens.expire(now: start.addingTimeInterval(8 * 3600 + 1))
        #expect(tokens.statement(forToken: "a", now: start.addingTimeInterval(8 * 3600 + 1)) == nil)
    }

    @Test func pastTheCapacityTheOldestAreForgotten() {
        let tokens = ClientTokens(capacity: 3)
        for n in 1...5 { tokens.remember(token: "t\(n)", statementId: "s\(n)", now: start.addingTimeInterval(Double(n))) }
        let remembered = (1...5).map { tokens.statement(forToken: "t\($0)", now: start.addingTimeInterval(10)) }
        #expect(remembered == [nil, nil, "s3", "s4", "s5"])
    }

    @Test func aTokenRememberedAgainIsNotForgottenByItsOlderEntry() {
        let tokens = ClientTokens(capacity: 2)
        tokens.remember(token: "a", statementId: "s1", now: start)
        tokens.remember(token: "b", statementId: "s2", now: start.addingTimeInterval(1))
        tokens.remember(token: "a", statementId: "s3", now: start.addingTimeInterval(2))
        tokens.remember(token: "c", statementId: "s4", now: start.addingTimeInterval(3))
        let now = start.addingTimeInterval(4)
        #expect(tokens.statement(forToken: "a", now: now) == "s3")
        #expect(tokens.statement(forToken: "b", now: now) == nil)
        #expect(tokens.statement(forToken: "c", now: now) == "s4")
    }

    @Test func manyTokensStayBounded() {
        let tokens = ClientTokens(capacity: 100)
        for n in 0..<10_000 { tokens.remember(token: "t\(n)", statementId: "s\(n)", now: start) }
        let kept = (0..<10_000).filter { tokens.statement(forToken: "t\($0)", now: start) != nil }
        #expect(kept == Array(9_900..<10_000))
    }
}

import Testing
@testable import Engine

/// FETCH positions as the Developer Guide's FETCH page defines them: a new cursor is before the
/// first row; after a FETCH it is on the last row retrieved; running off the end leaves it after
/// the last row; FORWARD 0 re-reads the current row without moving (none before or after the rows).
@Suite struct CursorPositionTests {
    @Test func forwardCountsWalkTheRowsOnce() {
        var position = CursorPosition(rowCount: 5)
        #expect(position.fetch(0) == 0..<0)
        #expect(position.fetch(1) == 0..<1)
        #expect(position.fetch(0) == 0..<1)
        #expect(position.fetch(2) == 1..<3)
        #expect(position.fetch(10) == 3..<5)
        #expect(position.fetch(0) == 0..<0)
        #expect(position.fetch(1) == 0..<0)
        #expect(position.fetch(nil) == 0..<0)
    }

    @Test func allTakesTheRestAndLeavesTheCursorAfterTheLastRow() {
        var position = CursorPosition(rowCount: 3)
        #expect(position.fetch(1) == 0..<1)
        #expect(position.fetch(nil) == 1..<3)
        #expect(position.fetch(0) == 0..<0)
    }

    @Test func fetchingExactlyToTheEndStaysOnTheLastRow() {
        var position = CursorPosition(rowCount: 2)
        #expect(position.fetch(2) == 0..<2)
        #expect(position.fetch(0) == 1..<2)
        #expect(position.fetch(1) == 0..<0)
        #expect(position.fetch(0) == 0..<0)
    }

    @Test func hugeCountsDoNotOverflow() {
        var position = CursorPosition(rowCount: 3)
        #expect(position.fetch(1) == 0..<1)
        #expect(position.fetch(Int.max) == 1..<3)
        #expect(position.fetch(Int.max) == 0..<0)
    }

    @Test func anEmptyCursorReturnsNothing() {
        var position = CursorPosition(rowCount: 0)
        #expect(position.fetch(0) == 0..<0)
        #expect(position.fetch(5) == 0..<0)
        #expect(position.fetch(nil) == 0..<0)
    }
}

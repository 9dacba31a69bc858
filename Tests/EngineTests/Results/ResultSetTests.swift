import Foundation
import RedshiftSQL
import Testing
@testable import Engine

@Suite struct ResultSetTests {
    static func spill() throws -> ResultSpill {
        try ResultSpill(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("spill-\(UUID().uuidString).sqlite").path)
    }

    @Test func smallResultsStayInMemoryLargeOnesSpillAndReadBackInOrder() throws {
        let columns = [ResultColumn(name: "n", type: .integer), ResultColumn(name: "s", type: .varchar(length: 10))]
        for count in [0, 3, ResultSetBuilder.memoryRowLimit + 1, 12_345] {
            var builder = ResultSetBuilder(columns: columns, spill: try Self.spill())
            for i in 0..<count { try builder.append([.integer(Int64(i)), i % 7 == 0 ? .null : .text("r\(i)")]) }
            let result = try builder.finish()
            #expect(result.rowCount == count)
            var seen = 0
            while seen < count {
                let page = try result.rows(offset: seen, limit: 1000)
                for (k, row) in page.enumerated() {
                    let i = seen + k
                    #expect(row[0] == .integer(Int64(i)))
                    #expect(row[1] == (i % 7 == 0 ? .null : .text("r\(i)")))
                }
                seen += page.count
                if page.isEmpty { break }
            }
            #expect(seen == count)
            #expect(try result.rows(offset: count, limit: 10).isEmpty)
        }
    }
}

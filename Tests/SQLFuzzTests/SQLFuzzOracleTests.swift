import Foundation
import SQLFuzz
import Testing

/// The bounded run of the SQL logic-bug fuzzer (issue 19): a fixed seed and a fixed number of
/// checks, so it is the same run every time. Every oracle must agree on every check that ran.
@Suite struct SQLFuzzOracleTests {
    @Test func theOraclesAgreeOnAFixedSeed() async throws {
        let report = try await SQLFuzzer(seed: 20261207, checks: 2800).run()
        print(report.text)
        #expect(report.mismatchCount == 0, "\(report.mismatches.map(\.text).joined(separator: "\n"))")
        for kind in OracleKind.allCases {
            // A check that always fails to run proves nothing: most must run to an answer.
            let counts = report.counts[kind] ?? .init()
            #expect(counts.agreed * 2 > counts.total, "\(kind.rawValue): \(counts.agreed) of \(counts.total) ran")
        }
    }
}

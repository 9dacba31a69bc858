import Testing
@testable import RedshiftSQL
@Test func placeholder() { #expect(true) }

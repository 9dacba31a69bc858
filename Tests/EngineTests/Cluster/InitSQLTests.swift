import Foundation
import RedshiftSQL
import Testing
@testable import Engine

@Suite struct InitSQLTests {
    @Test func directoriesRunTheirSQLFilesInLexicalOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "insert into t values (1);".write(to: directory.appendingPathComponent("b.sql"), atomically: true, encoding: .utf8)
        try "create table t (a int); -- first".write(to: directory.appendingPathComponent("a.sql"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)
        let initSQL = try InitSQL(paths: [directory.path])
        #expect(initSQL.scripts.map { ($0.path as NSString).lastPathComponent } == ["a.sql", "b.sql"])
        #expect(initSQL.scripts.flatMap(\.statements).count == 2)
        #expect(throws: ConfigError.self) { _ = try InitSQL(paths: ["/no/such/file.sql"]) }
    }
}

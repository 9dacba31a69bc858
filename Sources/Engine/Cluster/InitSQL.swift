import Foundation
import RedshiftSQL

/// The `--init-sql` seed: statements run as the superuser in `dev` of each new cluster/workgroup.
struct InitSQL: Sendable {
    struct Script: Sendable {
        var path: String
        var statements: [String]
    }

    let scripts: [Script]

    /// Loads the files: a directory contributes its `.sql` files in lexical order.
    init(paths: [String]) throws {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ConfigError("--init-sql: \(path) does not exist")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".sql") }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        scripts = try files.map { file in
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ConfigError("--init-sql: cannot read \(file)")
            }
            return Script(path: file, statements: Translator.splitStatements(text))
        }
    }

    var isEmpty: Bool { scripts.allSatisfy(\.statements.isEmpty) }

    /// Runs every statement on a connection of its own; the first failure stops and is reported
    /// with the file and statement number.
    func run(on cluster: Cluster, superuser: String, spill: ResultSpill) throws {
        guard !isEmpty else { return }
        let connection = try cluster.database(named: "dev").openSessionConnection()
        defer { connection.close() }
        let identity = StatementIdentity(database: "dev", user: superuser, isSuperuser: true, bootstrapSuperuser: superuser)
        for script in scripts {
            for (index, sql) in script.statements.enumerated() {
                do {
                    _ = try connection.accessSync { db, state in
                        try StatementRunner.run(Translator.parse(sql), parameters: nil, identity: identity, db: db, state: &state,
                                                spill: spill, now: Date(),
                                                databases: DatabaseAdministration(cluster: cluster) { _ in 0 })
                    }
                } catch {
                    throw ConfigError("--init-sql \(script.path), statement \(index + 1): \(ErrorMapping.redshiftText(error))")
                }
            }
        }
    }
}

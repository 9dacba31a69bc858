import Foundation
import GRDB
import Testing
@testable import RedshiftSQL

/// CREATE/DROP/ALTER DATABASE in the SQL layer: parsing, the privilege check, the catalog views.
@Suite struct DatabaseStatementTests {
    private func command(_ sql: String) throws -> DatabaseCommand {
        let translation = try Translator().translate(sql, context: .empty)
        guard case .database(let command) = translation.kind else { throw SQLError(code: "XX000", message: "not a database command") }
        #expect(translation.steps.isEmpty)
        return command
    }

    /// r_CREATE_DATABASE: `[WITH] [OWNER [=] db_owner] [CONNECTION LIMIT {limit | UNLIMITED}]
    /// [COLLATE {CASE_SENSITIVE | CASE_INSENSITIVE}] [ISOLATION LEVEL {SERIALIZABLE | SNAPSHOT}]`.
    @Test func createDatabaseKeepsItsOptions() throws {
        #expect(try command("create database tickit") == .create(name: "tickit", options: DatabaseOptions()))
        #expect(try command("CREATE DATABASE sales_db WITH OWNER = dwuser CONNECTION LIMIT 10 COLLATE CASE_INSENSITIVE ISOLATION LEVEL SNAPSHOT")
                == .create(name: "sales_db", options: DatabaseOptions(owner: "dwuser", connectionLimit: 10, collation: .caseInsensitive,
                                                                      isolation: .snapshot)))
        #expect(try command("create database d owner dwuser connection limit unlimited isolation level serializable")
                == .create(name: "d", options: DatabaseOptions(owner: "dwuser")))
        #expect(throws: SQLError.self) { _ = try command("create database d collate binary") }
        #expect(throws: SQLError.self) { _ = try command("create database d connection limit lots") }
    }

    /// r_DROP_DATABASE (`database_name [FORCE]`) and r_ALTER_DATABASE.
    @Test func dropAndAlterDatabase() throws {
        #expect(try command("drop database tickit_test") == .drop(name: "tickit_test", ifExists: false, force: false))
        #expect(try command("DROP DATABASE IF EXISTS t FORCE") == .drop(name: "t", ifExists: true, force: true))
        #expect(try command("alter database tickit_sandbox rename to tickit_test") == .alter(name: "tickit_sandbox", change: .rename(to: "tickit_test")))
        #expect(try command("alter database tickit owner to dwuser") == .alter(name: "tickit", change: .owner(to: "dwuser")))
        #expect(try command("alter database tickit connection limit 10") == .alter(name: "tickit", change: .connectionLimit(10)))
        #expect(try command("alter database tickit connection limit unlimited") == .alter(name: "tickit", change: .connectionLimit(nil)))
        #expect(try command("alter database tickit isolation level snapshot") == .alter(name: "tickit", change: .isolation(.snapshot)))
        #expect(Translator.parse("create database x").statementClass == .ddl)
    }

    /// r_CREATE_DATABASE: "You must be a superuser or have the CREATEDB privilege to create a database."
    @Test func onlySuperusersAndCreatedbUsersManageDatabases() throws {
        let database = try TestDatabase()
        try database.script("create user plain password disable; create user maker createdb password disable")
        func translate(_ sql: String, as user: String) throws -> Translation {
            try database.queue.read { db in
                let context = TranslationContext(catalog: StoredCatalog(executor: GRDBTestExecutor(db: db)), currentUser: user,
                                                 isSuperuser: false)
                return try Translator().translate(sql, context: context)
            }
        }
        let refused = #expect(throws: SQLError.self) { _ = try translate("create database d", as: "plain") }
        #expect(refused?.code == "42501")
        #expect(refused?.message == "permission denied to create database")
        #expect(throws: SQLError.self) { _ = try translate("drop database d", as: "plain") }
        #expect(try translate("create database d", as: "maker").kind == .database(.create(name: "d", options: DatabaseOptions())))
    }

    /// pg_database and SVV_REDSHIFT_DATABASES list the databases the engine passes in; r_SVV_REDSHIFT_DATABASES's
    /// sample shows `dev | 1 | local | NULL | Serializable`.
    @Test func catalogViewsListTheClusterDatabases() throws {
        let database = try TestDatabase()
        let databases = [
            ClusterDatabase(name: "dev", owner: "rdsdb", oid: ClusterDatabase.firstOID),
            ClusterDatabase(name: "tickit", owner: "rdsdb", options: DatabaseOptions(collation: .caseInsensitive, isolation: .snapshot),
                            oid: ClusterDatabase.firstOID + 1_000),
        ]
        func rows(_ sql: String) throws -> [[SQLiteValue]] {
            try database.queue.read { db in
                let executor = GRDBTestExecutor(db: db)
                var context = TranslationContext(catalog: StoredCatalog(executor: executor))
                context.databases = databases
                let translation = try Translator().translate(sql, context: context)
                return try executor.query(translation.steps.last!)
            }
        }
        #expect(try rows("select datname, datdba, oid from pg_database order by datname")
                == [[.text("dev"), .integer(1), .integer(100_000)], [.text("tickit"), .integer(1), .integer(101_000)]])
        #expect(try rows("select database_name, database_owner, database_type, database_options, database_isolation_level from svv_redshift_databases order by 1")
                == [[.text("dev"), .integer(1), .text("local"), .null, .text("Serializable")],
                    [.text("tickit"), .integer(1), .text("local"), .text(#"{"collate":"case_insensitive"}"#), .text("Snapshot Isolation")]])
        // Without the engine's list: the current database alone, as before.
        #expect(try database.text("select datname from pg_database") == [["dev"]])
    }
}

import Foundation
import Testing
@testable import Engine
@testable import EmulatorServer

/// The configuration file's `pg:` section and `--tls-*`, as `serve` reads them.
@Suite struct PostgresSettingsTests {
    private func load(_ yaml: String) throws -> ServerConfigFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString).yaml").path
        FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ServerConfigFile.load(path: path)
    }

    private func configError(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as ConfigError { return error.description } catch { return "\(error)" }
    }

    @Test func thePgSectionReachesTheListener() throws {
        var configuration = EmulatorConfiguration()
        configuration.configFile = try load("""
            pg: {verify_passwords: true, superuser_password: Admin1234, max_message_bytes: 4096, startup_timeout_seconds: 2.5}
            """)
        let pg = try PostgresDoor.serverConfiguration(configuration, port: 0)
        #expect(pg.loginPolicy == LoginPolicy(verifyPasswords: true, superuserPassword: "Admin1234"))
        #expect(pg.maximumMessageLength == 4096)
        #expect(pg.startupTimeoutSeconds == 2.5)
        #expect(pg.tls == nil)
    }

    @Test func theDefaults() throws {
        let pg = try PostgresDoor.serverConfiguration(EmulatorConfiguration(), port: 0)
        #expect(pg.loginPolicy == .acceptAll)
        #expect(pg.maximumMessageLength == 16 * 1024 * 1024)
        #expect(pg.startupTimeoutSeconds == 60)
    }

    @Test func badValuesNameTheKey() {
        #expect(configError { _ = try load("pg: {verify_passwords: true}") }?.contains("pg.verify_passwords") == true)
        #expect(configError { _ = try load("pg: {max_message_bytes: 10}") }?.contains("pg.max_message_bytes") == true)
        #expect(configError { _ = try load("pg: {startup_timeout_seconds: 0}") }?.contains("pg.startup_timeout_seconds") == true)
    }

    @Test func tlsNeedsBothFilesAndReadableOnes() {
        var configuration = EmulatorConfiguration()
        configuration.tlsCertificate = "/nonexistent/server.crt"
        #expect(configError { _ = try PostgresDoor.serverConfiguration(configuration, port: 0) }?.contains("--tls-key") == true)
        configuration.tlsKey = "/nonexistent/server.key"
        #expect(configError { _ = try PostgresDoor.serverConfiguration(configuration, port: 0) }?.contains("/nonexistent/server.crt") == true)
    }
}

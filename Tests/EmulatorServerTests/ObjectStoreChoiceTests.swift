import Foundation
import HummingbirdTesting
import Testing
@testable import Engine
@testable import EmulatorServer

/// Where `s3://` lives (issue 14, "Contract: where s3:// lives"): flags over AWS_ENDPOINT_URL_S3 over
/// the configuration file's `s3:`; a directory by default.
@Suite struct ObjectStoreChoiceTests {
    private func configuration(_ body: (inout EmulatorConfiguration) -> Void = { _ in }) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration.testing
        body(&configuration)
        return configuration
    }

    private func configError(_ configuration: EmulatorConfiguration) -> String? {
        do { _ = try ObjectStoreChoice.resolve(configuration); return nil } catch let error as ConfigError {
            return error.description
        } catch { return "\(error)" }
    }

    @Test func inMemoryTheStoreIsAPrivateTemporaryDirectory() throws {
        guard case .directory(let root, let temporary) = try ObjectStoreChoice.resolve(configuration()) else {
            Issue.record("expected a directory")
            return
        }
        #expect(temporary)
        #expect(root.hasPrefix(FileManager.default.temporaryDirectory.path))
        #expect(try ObjectStoreChoice.resolve(configuration()) != ObjectStoreChoice.resolve(configuration()))
    }

    @Test func withADataDirectoryTheStoreIsItsS3Folder() throws {
        let choice = try ObjectStoreChoice.resolve(configuration { $0.dataDirectory = "/var/lib/emulatord" })
        #expect(choice == .directory(root: "/var/lib/emulatord/s3", temporary: false))
    }

    @Test func aRootFromTheFlagOrTheFile() throws {
        #expect(try ObjectStoreChoice.resolve(configuration {
            $0.s3Root = "/flag"
            $0.dataDirectory = "/data"
            $0.configFile.s3 = S3Settings(root: "/file")
        }) == .directory(root: "/flag", temporary: false))
        #expect(try ObjectStoreChoice.resolve(configuration {
            $0.dataDirectory = "/data"
            $0.configFile.s3 = S3Settings(root: "/file")
        }) == .directory(root: "/file", temporary: false))
    }

    @Test func endpointPrecedenceIsFlagThenEnvironmentThenFile() throws {
        let file = S3Settings(endpoint: "http://file:1", region: "eu-west-1")
        let env = ["AWS_ENDPOINT_URL_S3": "http://env:2"]
        #expect(try ObjectStoreChoice.resolve(configuration {
            $0.s3Endpoint = "http://flag:3"
            $0.environment = env
            $0.configFile.s3 = file
        }) == .endpoint(url: "http://flag:3", region: "eu-west-1"))
        #expect(try ObjectStoreChoice.resolve(configuration {
            $0.environment = env
            $0.configFile.s3 = file
        }) == .endpoint(url: "http://env:2", region: "eu-west-1"))
        #expect(try ObjectStoreChoice.resolve(configuration { $0.configFile.s3 = file })
                == .endpoint(url: "http://file:1", region: "eu-west-1"))
        // An endpoint from the environment outranks a root from the file.
        #expect(try ObjectStoreChoice.resolve(configuration {
            $0.environment = env
            $0.configFile.s3 = S3Settings(root: "/file")
        }) == .endpoint(url: "http://env:2", region: "us-east-1"))
    }

    @Test func regionFromAWSRegionThenAWSDefaultRegionThenTheFile() throws {
        let file = S3Settings(region: "eu-west-1")
        func region(_ environment: [String: String]) throws -> String? {
            guard case .endpoint(_, let region) = try ObjectStoreChoice.resolve(configuration {
                $0.s3Endpoint = "http://127.0.0.1:9"
                $0.environment = environment
                $0.configFile.s3 = file
            }) else { return nil }
            return region
        }
        #expect(try region(["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "us-west-2"]) == "ap-south-1")
        #expect(try region(["AWS_DEFAULT_REGION": "us-west-2"]) == "us-west-2")
        #expect(try region([:]) == "eu-west-1")
    }

    @Test func aRootAndAnEndpointTogetherAreAConfigurationError() {
        let withFlag = configError(configuration {
            $0.s3Root = "/dir"
            $0.s3Endpoint = "http://127.0.0.1:9"
        })
        #expect(withFlag?.contains("--s3-root cannot be used with an S3 endpoint (--s3-endpoint") == true)
        let withEnvironment = configError(configuration {
            $0.s3Root = "/dir"
            $0.environment = ["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9"]
        })
        #expect(withEnvironment?.contains("AWS_ENDPOINT_URL_S3") == true)
        let inTheFile = configError(configuration { $0.configFile.s3 = S3Settings(endpoint: "http://x:1", root: "/dir") })
        #expect(inTheFile?.contains("both root and endpoint") == true)
    }

    @Test func anEndpointMustBeAnHTTPURL() {
        #expect(configError(configuration { $0.s3Endpoint = "ftp://host/" })?.contains("--s3-endpoint") == true)
        #expect(configError(configuration { $0.s3Endpoint = "localhost:5000" })?.contains("not an http") == true)
    }

    @Test func theConfigurationFileHasAnS3Section() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s3-\(UUID().uuidString).yaml").path
        FileManager.default.createFile(atPath: path, contents: Data("s3: {endpoint: \"http://127.0.0.1:5000\", region: us-west-2}\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ServerConfigFile.load(path: path).s3 == S3Settings(endpoint: "http://127.0.0.1:5000", region: "us-west-2"))
    }

    @Test func healthNamesTheStore() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3-health-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let app = try buildApplication(configuration { $0.s3Root = root })
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["status"] as? String == "ok")
                let s3 = body?["s3"] as? [String: Any]
                #expect(s3?["store"] as? String == "directory")
                #expect(s3?["root"] as? String == root)
            }
        }
        #expect(FileManager.default.fileExists(atPath: root))   // created at start-up
    }
}

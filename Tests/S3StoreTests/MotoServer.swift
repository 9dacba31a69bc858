import Dispatch
import Foundation
import ObjectStore
@testable import S3Store

#if canImport(Glibc)
import Glibc
#endif

/// moto's S3 server (`moto_server`, installed with Tests/compat/requirements.txt) on a free port of
/// 127.0.0.1, for the duration of one test; stopped when released.
final class MotoServer: @unchecked Sendable {   // the process is only started and stopped
    let process = Process()
    let port: Int
    var endpointURL: String { "http://127.0.0.1:\(port)" }

    init() throws {
        port = try Self.freePort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", "\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    /// Kills the server (moto's werkzeug server outlives SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A store on this server (test credentials; moto accepts any), once the server answers.
    func store(partSize: Int = 16 * 1024 * 1024, listPageSize: Int? = nil) throws -> S3ObjectStore {
        let endpoint = try S3Endpoint(url: endpointURL, region: "us-east-1",
                                      credentials: S3Credentials(accessKeyId: "testing", secretAccessKey: "testing"))
        let store = S3ObjectStore(endpoint: endpoint, partSize: partSize, listPageSize: listPageSize)
        let deadline = Date().addingTimeInterval(60)
        while true {
            do {
                _ = try store.head(S3Location(bucket: "probe", key: "probe"))
                return store
            } catch let error as ObjectStoreError where error.kind == .unreachable {
                guard process.isRunning, Date() < deadline else {
                    throw ObjectStoreError(.unreachable, "moto_server did not start on port \(port): \(error.message)")
                }
                usleep(200_000)
            } catch {
                return store   // any answer (here NoSuchBucket) means the server is up
            }
        }
    }

    /// Creates a bucket (CreateBucket: PUT /bucket).
    func createBucket(_ name: String, on store: S3ObjectStore) throws {
        let transport = store.transport
        try BlockingBridge.wait { _ = try await transport.send(S3Request(method: .PUT, bucket: name, key: nil)) }
    }

    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(descriptor, raw, length) == 0 else { return -1 }
                return getsockname(descriptor, raw, &length)
            }
        }
        guard bound == 0 else { throw ObjectStoreError(.other, "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Runs blocking store calls on a dispatch thread, as COPY and UNLOAD do: never on the test's
/// cooperative-pool thread (see `BlockingBridge`).
func onDispatchThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

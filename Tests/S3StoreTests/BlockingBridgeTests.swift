import Dispatch
import Testing
@testable import S3Store

/// The bridge from the store's blocking calls to async-http-client's async API.
@Suite struct BlockingBridgeTests {
    @Test func theWorkRunsOnTheBridgeQueueNotTheCooperativePool() async throws {
        // Called from this test's task (a cooperative-pool thread): the work must not need that pool.
        #expect(DispatchQueue.getSpecific(key: BridgeExecutor.onBridgeQueue) == nil)
        let onBridge = try BlockingBridge.wait { () async throws -> [Bool?] in
            let before = DispatchQueue.getSpecific(key: BridgeExecutor.onBridgeQueue)
            try await Task.sleep(nanoseconds: 1_000_000)   // and after a suspension
            return [before, DispatchQueue.getSpecific(key: BridgeExecutor.onBridgeQueue)]
        }
        #expect(onBridge == [true, true])
    }

    @Test func errorsAndValuesComeBack() throws {
        struct Failure: Error {}
        #expect(try BlockingBridge.wait { 41 + 1 } == 42)
        #expect(throws: Failure.self) { try BlockingBridge.wait { () async throws -> Int in throw Failure() } }
    }
}

import Foundation
import Testing
@testable import PGWire

/// A connection's task runs on its own thread from start to end, so that its SQL runs in place
/// (no thread switch per statement) and a blocking `recv` holds up no one else.
@Suite struct ConnectionThreadExecutorTests {
    private actor Elsewhere {
        func value() -> Int { 42 }
    }

    private static func currentThread() -> UInt {
        #if canImport(Glibc)
        UInt(pthread_self())
        #else
        UInt(bitPattern: pthread_self())
        #endif
    }

    @Test func aTaskStaysOnItsThreadAcrossAwaits() async throws {
        let thread = ConnectionThreadExecutor()
        defer { thread.stop() }
        let elsewhere = Elsewhere()
        let body: @Sendable () async -> [UInt] = {
            var threads = [Self.currentThread()]
            for _ in 0..<3 {
                _ = await elsewhere.value()
                await Task.yield()
                threads.append(Self.currentThread())
            }
            return threads
        }
        let first = await Task(executorPreference: thread, operation: body).value
        let second = await Task(executorPreference: thread, operation: body).value
        #expect(first.count == 4)
        #expect(Set(first + second).count == 1, "one thread, the executor's, throughout both tasks")
        let outside = await Task { Self.currentThread() }.value
        #expect(!first.contains(outside))
    }

    @Test func checkedInThreadsAreReused() {
        let threads = ConnectionThreads(idleLimit: 1)
        let first = threads.checkOut()
        threads.checkIn(first)
        #expect(threads.checkOut() === first)
        let second = threads.checkOut()
        #expect(second !== first)
        first.stop()
        second.stop()
    }
}

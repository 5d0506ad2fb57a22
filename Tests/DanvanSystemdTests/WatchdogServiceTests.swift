import DanvanServer
import Dispatch
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// The watchdog pings only while the event loop runs, the engine answers and the writer
/// makes progress; each stuck part alone stops the pings.
@Suite struct WatchdogServiceTests {
    /// A probe whose answer the test controls, and which can be made to hang.
    final class Probe: Sendable {
        let sample = Mutex(EngineHealthSample(durableSeq: 1, stagedEvents: 0, unsyncedEvents: 0))
        let hang = Mutex(false)
        /// Set once a call is actually stuck: from then on no ping can be on its way.
        let hanging = Mutex(false)

        func answer() async -> EngineHealthSample {
            while hang.withLock({ $0 }) {
                hanging.withLock { $0 = true }
                try? await Task.sleep(for: .milliseconds(5))
            }
            hanging.withLock { $0 = false }
            return sample.withLock { $0 }
        }
    }

    /// Runs a watchdog pinging every 20 ms on `loop` while `body` runs, then shuts it down.
    private func withWatchdog(
        stallLimit: Duration = .seconds(60), _ body: (RecordingNotifier, Probe, any EventLoop) async throws -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let notifier = RecordingNotifier(loop: loop)
        let probe = Probe()
        let service = WatchdogService(
            pingInterval: .milliseconds(20), stallLimit: stallLimit, probe: { await probe.answer() },
            eventLoop: loop, notifier: notifier, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await service.run() }
                try await body(notifier, probe, loop)
                probe.hang.withLock { $0 = false }
                trigger.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        try await group.shutdownGracefully()
    }

    @Test func aHealthyDaemonPingsFromItsEventLoop() async throws {
        try await withWatchdog { notifier, _, _ in
            #expect(await eventually { notifier.pings >= 5 })
            #expect(notifier.events.allSatisfy { $0 == .watchdog(onLoop: true) })
        }
    }

    @Test func aBlockedEventLoopStopsThePings() async throws {
        try await withWatchdog { notifier, _, loop in
            #expect(await eventually { notifier.pings >= 2 })
            let blocked = Mutex(false)
            let release = DispatchSemaphore(value: 0)
            loop.execute {
                blocked.withLock { $0 = true }
                release.wait()
            }
            #expect(await eventually { blocked.withLock { $0 } })
            let before = notifier.pings
            try await Task.sleep(for: .milliseconds(300))
            #expect(notifier.pings == before, "pings went on while the loop was blocked")
            release.signal()
            #expect(await eventually { notifier.pings >= before + 3 })
        }
    }

    @Test func anEngineThatDoesNotAnswerStopsThePings() async throws {
        try await withWatchdog { notifier, probe, _ in
            #expect(await eventually { notifier.pings >= 2 })
            probe.hang.withLock { $0 = true }
            #expect(await eventually { probe.hanging.withLock { $0 } })
            let before = notifier.pings
            try await Task.sleep(for: .milliseconds(300))
            #expect(notifier.pings == before, "pings went on while the engine did not answer")
            probe.hang.withLock { $0 = false }
            #expect(await eventually { notifier.pings >= before + 3 })
        }
    }

    @Test func aWriterThatMakesNoProgressStopsThePingsAfterTheStallLimit() async throws {
        try await withWatchdog(stallLimit: .milliseconds(200)) { notifier, probe, _ in
            #expect(await eventually { notifier.pings >= 2 })
            probe.sample.withLock { $0.stagedEvents = 10 }
            let started = ContinuousClock.now
            let reported = await eventually {
                notifier.events.contains { if case .status(let text) = $0 { text.contains("stalled") } else { false } }
            }
            #expect(reported, "the stall was not reported")
            #expect(ContinuousClock.now - started >= .milliseconds(200), "reported before the stall limit")
            let before = notifier.pings
            try await Task.sleep(for: .milliseconds(300))
            #expect(notifier.pings == before, "pings went on while the writer was stuck")
            probe.sample.withLock {  // the writer catches up
                $0.durableSeq = 11
                $0.stagedEvents = 0
            }
            #expect(await eventually { notifier.pings >= before + 3 })
        }
    }
}

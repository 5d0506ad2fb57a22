import DanvanServer
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// The status line, STOPPING=1 on shutdown, and RELOADING=1/READY=1 around a reload.
@Suite struct StatusAndReloadTests {
    final class Line: Sendable {
        let text = Mutex("serving 0 events (seq 0), 0 clients")
    }

    @Test func theStatusLineIsSentWhenItChangesAndStoppingOnShutdown() async throws {
        let notifier = RecordingNotifier()
        let line = Line()
        let reporter = StatusReporter(interval: .milliseconds(10), statusLine: { line.text.withLock { $0 } }, notifier: notifier)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await reporter.run() }
                #expect(await eventually { notifier.events.count == 1 })
                try await Task.sleep(for: .milliseconds(100))
                #expect(notifier.events == [.status("serving 0 events (seq 0), 0 clients")], "unchanged lines are not resent")
                line.text.withLock { $0 = "serving 3 events (seq 3), 1 client" }
                #expect(await eventually { notifier.events.count == 2 })
                trigger.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        #expect(notifier.events.last == .stopping("stopping: finishing client replies and syncing the log"))
        #expect(notifier.events.dropLast().last == .status("serving 3 events (seq 3), 1 client"))
    }

    final class Applied: Sendable {
        let levels = Mutex<[String]>([])
    }

    private func reloadService(
        live: LiveConfiguration, notifier: RecordingNotifier, applied: Applied,
        load: @escaping @Sendable () throws -> DaemonConfiguration
    ) -> ReloadService {
        ReloadService(
            load: load, live: live, apply: { configuration in applied.levels.withLock { $0.append(configuration.logLevel) } },
            statusLine: { "serving 3 events (seq 3), 0 clients" }, notifier: notifier, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func aReloadAppliesWhatItCanBetweenReloadingAndReady() async throws {
        var start = DaemonConfiguration(environment: [:])
        start.maxBatchEvents = 100
        let live = LiveConfiguration(start)
        var file = start
        file.logLevel = "debug"
        file.maxBatchEvents = 2
        file.segmentSize = 1 << 20
        let notifier = RecordingNotifier()
        let applied = Applied()
        let reloaded = file
        let outcome = await reloadService(live: live, notifier: notifier, applied: applied, load: { reloaded }).reload()
        #expect(notifier.events == [.reloading("reloading the configuration"), .ready("serving 3 events (seq 3), 0 clients")])
        #expect(outcome?.needRestart.map(\.key) == ["segment_size"])
        #expect(live.current.maxBatchEvents == 2)
        #expect(live.current.logLevel == "debug")
        #expect(live.current.segmentSize == start.segmentSize)
        #expect(applied.levels.withLock { $0 } == ["debug"])
    }

    @Test func aFileThatNoLongerParsesChangesNothing() async throws {
        let start = DaemonConfiguration(environment: [:])
        let live = LiveConfiguration(start)
        let notifier = RecordingNotifier()
        let applied = Applied()
        let outcome = await reloadService(live: live, notifier: notifier, applied: applied, load: {
            throw ConfigError(line: 3, "unknown key 'bogus'")
        }).reload()
        #expect(outcome == nil)
        #expect(live.current == start)
        #expect(applied.levels.withLock { $0 }.isEmpty)
        #expect(notifier.events == [
            .reloading("reloading the configuration"),
            .ready("serving 3 events (seq 3), 0 clients (last reload failed, see the log)"),
        ])
    }
}

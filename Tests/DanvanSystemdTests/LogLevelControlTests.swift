import Logging
import Synchronization
import Testing

@testable import DanvanSystemd

/// `systemctl reload` changes the level of every logger at once, through one control.
@Suite struct LogLevelControlTests {
    /// Counts what reaches the wrapped handler.
    struct CountingHandler: LogHandler {
        let box: Box
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { box.count.withLock { $0 += 1 } }
    }

    final class Box: Sendable {
        let count = Mutex(0)
    }

    @Test func loggersFollowTheControlUnlessSetExplicitly() {
        let box = Box()
        let control = LogLevelControl(.info)
        let handler = LevelControlledLogHandler(CountingHandler(box: box), control: control)
        var logger = Logger(label: "test", factory: { _ in handler })
        logger.debug("hidden")
        #expect(box.count.withLock { $0 } == 0)
        control.level = .debug
        logger.debug("shown after the reload")
        #expect(box.count.withLock { $0 } == 1)
        #expect(logger.logLevel == .debug)
        logger.logLevel = .error
        control.level = .trace
        logger.info("an explicit level wins")
        #expect(box.count.withLock { $0 } == 1)
    }

    @Test func metadataGoesToTheWrappedHandler() {
        let box = Box()
        var logger = Logger(label: "test", factory: { _ in
            LevelControlledLogHandler(CountingHandler(box: box), control: LogLevelControl(.info))
        })
        logger[metadataKey: "seq"] = "7"
        #expect(logger[metadataKey: "seq"] == "7")
    }
}

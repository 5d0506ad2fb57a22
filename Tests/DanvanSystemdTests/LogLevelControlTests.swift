import Logging
import Testing
import DanvanLogTestSupport

@testable import DanvanSystemd

/// `systemctl reload` changes the level of every logger at once, through one control.
@Suite struct LogLevelControlTests {
    @Test func loggersFollowTheControlUnlessSetExplicitly() {
        let box = LogLines()
        let control = LogLevelControl(.info)
        let handler = LevelControlledLogHandler(CollectingLogHandler(box: box), control: control)
        var logger = Logger(label: "test", factory: { _ in handler })
        logger.debug("hidden")
        #expect(box.all.count == 0)
        control.level = .debug
        logger.debug("shown after the reload")
        #expect(box.all.count == 1)
        #expect(logger.logLevel == .debug)
        logger.logLevel = .error
        control.level = .trace
        logger.info("an explicit level wins")
        #expect(box.all.count == 1)
    }

    @Test func metadataGoesToTheWrappedHandler() {
        let box = LogLines()
        var logger = Logger(label: "test", factory: { _ in
            LevelControlledLogHandler(CollectingLogHandler(box: box), control: LogLevelControl(.info))
        })
        logger[metadataKey: "seq"] = "7"
        #expect(logger[metadataKey: "seq"] == "7")
    }
}

import ArgumentParser
import DanvanShip
import Logging
import ServiceLifecycle

/// `danvan-ship run`: ships until SIGTERM or SIGINT.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ship the province's events until stopped (the default).")

    @OptionGroup var options: ShipOptions

    func run() async throws {
        let (settings, level) = try options.settings()
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        var logger = Logger(label: "danvan-ship")
        logger.logLevel = level
        let shipper = Shipper(settings: settings, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: shipper)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch let stopped as ShipperStopped {
            throw ExitCode(stopped.exitCode)
        } catch let error as ServiceGroupError {
            logger.error("\(error)")
            throw ExitCode(1)
        }
    }
}

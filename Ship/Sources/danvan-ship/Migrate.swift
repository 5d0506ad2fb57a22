import ArgumentParser
import DanvanShip
import Logging

/// `danvan-ship migrate`: creates or migrates the national schema, then exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or migrate the national schema and exit (run does it too).")

    @OptionGroup var options: ShipOptions

    func run() async throws {
        let (settings, level) = try options.settings()
        var logger = Logger(label: "danvan-ship")
        logger.logLevel = level
        var pg = logger
        pg.logLevel = .warning
        do {
            let session = try await PostgresTarget(url: settings.database).connect(logger: pg)
            let applied = try await EventStore(connection: session.connection, province: settings.province, logger: pg).migrate()
            try? await session.connection.close()
            print(applied.isEmpty ? "the schema is up to date (version \(Migration.all.count))"
                                  : "applied \(applied.map(String.init).joined(separator: ", ")) on \(session.host)")
        } catch {
            FileHandleStderr.write("danvan-ship: \(PostgresTarget.describe(error))\n")
            throw ExitCode(1)
        }
    }
}

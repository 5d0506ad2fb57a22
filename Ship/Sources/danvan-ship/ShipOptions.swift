import ArgumentParser
import DanvanShip
import Logging

/// The flags `run` and `migrate` share, with the configuration file under them.
struct ShipOptions: ParsableArguments {
    @Option(help: "The configuration file (key = value: socket, province, database, batch_size, log_level).")
    var config: String?

    @Option(help: "danvand's socket (default /run/danvan/danvand.sock).")
    var socket: String?

    @Option(help: "The province's code: its province unit's code in danvand (the province column).")
    var province: String?

    @Option(help: "The database: a libpq URL, postgresql://USER@HOST1:PORT1,HOST2:PORT2/DB?target_session_attrs=read-write")
    var database: String?

    @Option(name: .customLong("batch-size"), help: "Most events in one transaction (default 1000).")
    var batchSize: Int?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (default notice).")
    var logLevel: String?

    /// The settings from the flags over the file; exits with 64 and a message when they are wrong.
    func settings() throws -> (ShipperSettings, Logger.Level) {
        var file: ShipConfigurationFile?
        if let config {
            let text: String
            do {
                text = try String(contentsOfFile: config, encoding: .utf8)
            } catch {
                throw usage("cannot read the configuration file \(config): \(error)")
            }
            do { file = try ShipConfigurationFile(text: text) } catch { throw usage("\(config): \(error)") }
        }
        let socket = self.socket ?? file?["socket"] ?? "/run/danvan/danvand.sock"
        guard let province = self.province ?? file?["province"], !province.isEmpty else {
            throw usage("--province CODE is needed (or province = CODE in the configuration file)")
        }
        guard let databaseText = self.database ?? file?["database"] else {
            throw usage("--database URL is needed (or database = URL in the configuration file)")
        }
        let database: DatabaseURL
        do { database = try DatabaseURL(databaseText) } catch { throw usage("--database: \(error)") }
        var batch = 1000
        if let b = batchSize {
            batch = b
        } else if let text = file?["batch_size"] {
            guard let b = Int(text) else { throw usage("batch_size '\(text)': a whole number") }
            batch = b
        }
        guard (1...10_000).contains(batch) else { throw usage("batch size \(batch): from 1 to 10000") }
        let levelText = logLevel ?? file?["log_level"] ?? "notice"
        guard let level = Logger.Level(rawValue: levelText) else {
            throw usage("log level '\(levelText)': trace, debug, info, notice, warning or error")
        }
        return (ShipperSettings(socketPath: socket, province: province, database: database, batchSize: batch), level)
    }

    private func usage(_ message: String) -> any Error {
        FileHandleStderr.write("danvan-ship: \(message)\n")
        return ExitCode(64)
    }
}

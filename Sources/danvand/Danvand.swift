import ArgumentParser
import DanvanServer

/// `danvand`: the danvan daemon and its offline tools.
@main
struct Danvand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "danvand",
        abstract: "The danvan daemon: an append-only event log of mass mobilization work, served over a Unix socket.",
        discussion: """
            With no subcommand, danvand runs in the foreground ('danvand run'), logs to stderr, \
            and stops cleanly on SIGINT or SIGTERM.

            Exit codes: 0 ok; 64 bad flags or configuration (a socket path over 103 bytes included); \
            65 the log is corrupted (start refused); 69 the socket could not be bound (in use); \
            71 other storage failure; 73 a path cannot be created (a file in the way, a missing directory, \
            read-only); 74 fsync failed (restart recovers); 75 another danvand holds the state directory; \
            77 permission denied (state or socket directory); 1 a tool (verify, import) found a problem.
            """,
        version: DanvandVersion.string,
        subcommands: [Run.self, Verify.self, Repair.self, Export.self, Import.self],
        defaultSubcommand: Run.self
    )
}

/// The version reported by `--version`, `hello` and `status`.
enum DanvandVersion {
    static let string = "0.1.0"
}

/// Flags shared by every subcommand.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: "Directory of the log (default: $STATE_DIRECTORY, else ./var/danvan).")
    var stateDir: String?

    @Option(name: .customLong("config"), help: "Configuration file (key = value lines; see README.md).")
    var config: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default: info).")
    var logLevel: String?
}

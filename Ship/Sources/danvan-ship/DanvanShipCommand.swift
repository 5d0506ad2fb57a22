import ArgumentParser

/// `danvan-ship`: ships a province's danvand log into the national PostgreSQL database.
@main
struct DanvanShipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "danvan-ship",
        abstract: "Ship a province's danvand log into the national PostgreSQL database.",
        discussion: """
            Follows danvand with `subscribe` from the province's checkpoint (max(seq) of its events in \
            PostgreSQL) and inserts every event, in order, in batches of one transaction each, idempotent \
            by (province, seq) and by event id. Exit codes: 0 stopped, 64 bad flags or configuration, \
            65 PostgreSQL holds a different log for this province.
            """,
        subcommands: [Run.self, Migrate.self],
        defaultSubcommand: Run.self
    )
}

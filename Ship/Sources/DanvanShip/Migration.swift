/// One versioned change of the national schema: statements applied in one transaction,
/// recorded in `schema_migrations`.
public struct Migration: Sendable {
    /// The version, 1, 2, …: applied in this order, each once.
    public let version: Int
    /// What it does, for `schema_migrations.name`.
    public let name: String
    /// The statements, one each (the extended protocol takes one statement per query).
    public let statements: [String]

    /// A migration.
    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// Every migration, in order. Never edit one that has shipped: add the next.
    public static let all: [Migration] = [eventsTable, plainFigures, namedPeriods, reorganisedRefused]

    /// The statement that creates the ledger of applied migrations (before any of them).
    public static let ledger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// An advisory lock key held while migrating, so that shippers starting together migrate once.
    public static let lockKey: Int64 = 0x64616e76616e  // "danvan"
}

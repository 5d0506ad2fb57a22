import Logging
import PostgresNIO

/// The national schema's side of shipping, on one session: migrations, the checkpoint, and
/// batches inserted idempotently.
public struct EventStore: Sendable {
    /// The session.
    public let connection: PostgresConnection
    /// The province shipped.
    public let province: String
    /// Where postgres-nio logs.
    public let logger: Logger

    /// A store.
    public init(connection: PostgresConnection, province: String, logger: Logger) {
        self.connection = connection
        self.province = province
        self.logger = logger
    }

    /// Applies the migrations not applied yet, each in one transaction under an advisory lock
    /// (several shippers starting together migrate once); records the province. Returns the
    /// versions it applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let applied = try await connection.withTransaction(logger: logger) { c in
            try await c.query("SELECT pg_advisory_xact_lock(\(Migration.lockKey))", logger: logger)
            try await c.query(PostgresQuery(unsafeSQL: Migration.ledger), logger: logger)
            var done = Set<Int>()
            for try await v in try await c.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                done.insert(v)
            }
            var applied: [Int] = []
            for migration in Migration.all where !done.contains(migration.version) {
                for statement in migration.statements {
                    try await c.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await c.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                applied.append(migration.version)
            }
            return applied
        }
        try await connection.query(
            "INSERT INTO provinces (province) VALUES (\(province)) ON CONFLICT DO NOTHING", logger: logger)
        return applied
    }

    /// `max(seq)` of the province's events (0 when none): where shipping resumes.
    public func checkpoint() async throws -> Int64 {
        let rows = try await connection.query(
            "SELECT coalesce(max(seq), 0)::bigint FROM events WHERE province = \(province)", logger: logger)
        for try await seq in rows.decode(Int64.self) { return seq }
        return 0
    }

    /// What a batch did.
    public enum Outcome: Sendable, Equatable {
        /// Committed: `inserted` rows were new (the rest were there already, the same).
        case committed(inserted: Int)
        /// Not committed: at `seq`, PostgreSQL holds another event for the province (or the id elsewhere).
        case diverged(seq: Int64)
    }

    static let insertSQL = """
        WITH ins AS (
            INSERT INTO events (province, seq, id, type, recorded_at, actor, data, stream, version)
            SELECT $1, u.seq, u.id::uuid, u.type, u.recorded_at::timestamptz, u.actor::jsonb, u.data::jsonb,
                   NULLIF(u.stream, ''), NULLIF(u.version, '')::bigint
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                 AS u(seq, id, type, recorded_at, actor, data, stream, version)
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT count(*)::bigint FROM ins
        """

    static let mismatchSQL = """
        SELECT min(u.seq)::bigint FROM unnest($2::bigint[], $3::text[]) AS u(seq, id)
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.province = $1 AND e.seq = u.seq AND e.id = u.id::uuid)
        """

    /// Inserts `events` in one transaction, `ON CONFLICT DO NOTHING` on (province, seq) and on id,
    /// the batch sent as arrays (`unnest`). When some rows were there already, checks that they
    /// are the same events (same seq, same id); otherwise rolls back and says where they differ.
    public func write(_ events: [ShippedEvent]) async throws -> Outcome {
        guard !events.isEmpty else { return .committed(inserted: 0) }
        var binds = PostgresBindings(capacity: 9)
        binds.append(province)
        binds.append(events.map(\.seq))
        binds.append(events.map(\.id))
        binds.append(events.map(\.type))
        binds.append(events.map(\.recordedAt))
        binds.append(events.map(\.actor))
        binds.append(events.map(\.data))
        binds.append(events.map { $0.stream ?? "" })
        binds.append(events.map { $0.version.map(String.init) ?? "" })
        let insert = PostgresQuery(unsafeSQL: Self.insertSQL, binds: binds)
        var check = PostgresBindings(capacity: 3)
        check.append(province)
        check.append(events.map(\.seq))
        check.append(events.map(\.id))
        let mismatch = PostgresQuery(unsafeSQL: Self.mismatchSQL, binds: check)
        let logger = self.logger
        let count = events.count
        do {
            return try await connection.withTransaction(logger: logger) { c in
                var inserted = 0
                for try await n in try await c.query(insert, logger: logger).decode(Int64.self) { inserted = Int(n) }
                if inserted < count {
                    for try await seq in try await c.query(mismatch, logger: logger).decode(Int64?.self) {
                        if let seq { throw Diverged(seq: seq) }
                    }
                }
                return .committed(inserted: inserted)
            }
        } catch let error as PostgresTransactionError {
            if let d = error.closureError as? Diverged { return .diverged(seq: d.seq) }
            throw error
        }
    }

    private struct Diverged: Error { let seq: Int64 }
}

import Logging
import NIOPosix
import PostgresNIO
import ServiceLifecycle

/// The shipper: carries out `ShipperCore`'s actions (PostgreSQL through postgres-nio, danvand's
/// socket through a blocking subscription on NIO's thread pool) and tells it each outcome.
///
/// A service: it runs until cancelled (SIGTERM through ServiceLifecycle), or until the core
/// stops it; `run()` then returns, or throws `ShipperStopped` with the exit code.
public final class Shipper: Service, Sendable {
    /// The settings.
    public let settings: ShipperSettings
    private let logger: Logger
    private let postgresLogger: Logger

    /// A shipper.
    public init(settings: ShipperSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        var pg = logger
        pg.logLevel = max(logger.logLevel, .warning)
        postgresLogger = pg
    }

    /// Ships until cancelled or a graceful shutdown (SIGTERM).
    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.ship() }
    }

    private func ship() async throws {
        var core = ShipperCore(province: settings.province, batchSize: settings.batchSize, backoff: settings.backoff)
        var session: PostgresTarget.Session?
        var subscription: DanvandSubscription?
        defer { subscription?.close() }
        var queue = core.handle(.started)[...]
        logger.notice("danvan-ship: province \(settings.province), \(settings.socketPath) → \(settings.database)")
        while let action = queue.popFirst() {
            if Task.isCancelled { break }
            var input: ShipperInput?
            switch action {
            case .connectDatabase:
                // Not awaited: closing a connection the server already dropped may never complete.
                if let old = session { Self.drop(old.connection) }
                session = nil
                do {
                    let url = settings.database, province = settings.province, pgLogger = postgresLogger
                    let s = try await withDeadline(seconds: Self.deadlineSeconds) {
                        try await PostgresTarget(url: url).connect(logger: pgLogger)
                    }
                    let applied = try await withDeadline(seconds: Self.deadlineSeconds) {
                        try await EventStore(connection: s.connection, province: province, logger: pgLogger).migrate()
                    }
                    if !applied.isEmpty { logger.notice("migrated the national schema: versions \(applied.map(String.init).joined(separator: ", "))") }
                    session = s
                    logger.info("PostgreSQL session on \(s.host)")
                    input = .databaseConnected(host: s.host)
                } catch {
                    input = .databaseFailed(PostgresTarget.describe(error))
                }

            case .readCheckpoint:
                guard let s = session else { input = .databaseFailed("no session"); break }
                do {
                    let store = store(s)
                    input = .checkpointRead(try await withDeadline(seconds: Self.deadlineSeconds) { try await store.checkpoint() })
                } catch {
                    input = .databaseFailed(PostgresTarget.describe(error))
                }

            case .subscribe(let fromSeq):
                subscription?.close()
                subscription = nil
                input = await subscribe(fromSeq: fromSeq, into: &subscription)

            case .read(let max):
                guard let sub = subscription else { input = .danvandFailed("not subscribed"); break }
                input = await read(sub, max: max)

            case .write(let events):
                guard let s = session else { input = .databaseFailed("no session"); break }
                do {
                    let store = store(s)
                    switch try await withDeadline(seconds: Self.deadlineSeconds, { try await store.write(events) }) {
                    case .committed(let inserted):
                        input = .committed(lastSeq: events.last?.seq ?? 0, inserted: inserted)
                        logger.debug("committed \(events.count) events up to seq \(events.last?.seq ?? 0) (\(inserted) new)")
                    case .diverged(let seq):
                        input = .diverged(seq: seq)
                    }
                } catch {
                    input = .databaseFailed(PostgresTarget.describe(error))
                }

            case .sleep(let milliseconds):
                do { try await Task.sleep(for: .milliseconds(milliseconds)) } catch { break }

            case .log(let line):
                switch line.level {
                case .notice: logger.notice("\(line.message)")
                case .warning: logger.warning("\(line.message)")
                case .error: logger.error("\(line.message)")
                }

            case .stop(let code):
                if let s = session { await Self.close(s.connection) }
                throw ShipperStopped(exitCode: code)
            }
            if let input { queue.append(contentsOf: core.handle(input)) }
        }
        if let s = session { await Self.close(s.connection) }
        logger.notice("danvan-ship stopped: \(core.inserted) events inserted since start, next seq \(core.nextSeq ?? 1)")
    }

    /// Closes `connection` without waiting, keeping it alive until the close completes (a
    /// connection must be closed before it goes away).
    static func drop(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in _ = connection }
    }

    /// Closes `connection`, waiting up to the deadline.
    static func close(_ connection: PostgresConnection) async {
        _ = try? await withDeadline(seconds: deadlineSeconds) { try await connection.close() }
    }

    /// The longest any database step may take before the database counts as lost.
    static let deadlineSeconds = 15

    private func store(_ s: PostgresTarget.Session) -> EventStore {
        EventStore(connection: s.connection, province: settings.province, logger: postgresLogger)
    }

    private func subscribe(fromSeq: Int64, into subscription: inout DanvandSubscription?) async -> ShipperInput {
        let path = settings.socketPath
        do {
            let sub = try await NIOThreadPool.singleton.runIfActive { try DanvandSubscription(path: path, fromSeq: fromSeq) }
            // The reply comes first (event lines follow it).
            while true {
                if Task.isCancelled { return .danvandFailed("cancelled") }
                let lines = try await NIOThreadPool.singleton.runIfActive { try sub.readLines(max: 1, idleMilliseconds: 500) }
                guard let line = lines.first else { continue }
                switch try SubscriptionLine.parse(line) {
                case .subscribed(let from, let last):
                    subscription = sub
                    return .subscribed(fromSeq: from, lastSeq: last)
                case .refused(let code, let message):
                    return .danvandFailed("subscribe refused: \(code): \(message)")
                case .ended(let code, let resumeFrom):
                    return .subscriptionEnded(code: code, resumeFrom: resumeFrom)
                case .event:
                    return .danvandFailed("an event before the reply to subscribe")
                }
            }
        } catch {
            return .danvandFailed("\(error)")
        }
    }

    private func read(_ sub: DanvandSubscription, max: Int) async -> ShipperInput {
        do {
            let lines = try await NIOThreadPool.singleton.runIfActive { try sub.readLines(max: max, idleMilliseconds: 500) }
            var events: [ShippedEvent] = []
            events.reserveCapacity(lines.count)
            for line in lines {
                switch try SubscriptionLine.parse(line) {
                case .event(let e): events.append(e)
                case .ended(let code, let resumeFrom):
                    // The events before the end still count: the next subscription starts after the checkpoint.
                    if events.isEmpty { return .subscriptionEnded(code: code, resumeFrom: resumeFrom) }
                    return .received(events)
                case .subscribed, .refused:
                    continue
                }
            }
            return .received(events)
        } catch {
            return .danvandFailed("\(error)")
        }
    }
}

/// The shipper stopped by itself: exit with `exitCode`.
public struct ShipperStopped: Error, CustomStringConvertible {
    /// The process's exit code.
    public let exitCode: Int32
    /// Says so.
    public var description: String { "danvan-ship stopped (exit code \(exitCode))" }
}

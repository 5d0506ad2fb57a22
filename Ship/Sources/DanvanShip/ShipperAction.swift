/// What `ShipperCore` asks the shipper to do next, in order.
public enum ShipperAction: Sendable, Equatable {
    /// Open a session with PostgreSQL (trying each host of the URL) and apply the migrations.
    case connectDatabase
    /// Read the province's checkpoint (`max(seq)`) from PostgreSQL.
    case readCheckpoint
    /// (Re)subscribe to danvand from `fromSeq`, dropping any subscription open before.
    case subscribe(fromSeq: Int64)
    /// Read up to `max` events from the subscription (waiting while there is none).
    case read(max: Int)
    /// Insert these events in one transaction (`ON CONFLICT DO NOTHING`).
    case write([ShippedEvent])
    /// Wait before the next action (backoff).
    case sleep(milliseconds: Int)
    /// Write a log line.
    case log(ShipperLogLine)
    /// Stop with this exit code: going on cannot help.
    case stop(exitCode: Int32)
}

/// A log line the core decided on.
public struct ShipperLogLine: Sendable, Equatable {
    /// How severe.
    public enum Level: Sendable, Equatable {
        /// Progress worth a line (a recovery).
        case notice
        /// Something to look at.
        case warning
        /// Shipping is stopped until it is fixed or comes back.
        case error
    }

    /// How severe.
    public var level: Level
    /// The text, for a person.
    public var message: String

    /// A log line.
    public init(_ level: Level, _ message: String) {
        self.level = level
        self.message = message
    }
}

import DanvanStorage

/// What the watchdog needs to know about the engine and the log writer.
public struct EngineHealthSample: Sendable, Hashable {
    /// The log is durable up to here.
    public var durableSeq: UInt64
    /// Events admitted but not yet taken by the log writer.
    public var stagedEvents: Int
    /// Events written to the log but not yet synced.
    public var unsyncedEvents: UInt64

    /// Creates a sample.
    public init(durableSeq: UInt64, stagedEvents: Int, unsyncedEvents: UInt64) {
        self.durableSeq = durableSeq
        self.stagedEvents = stagedEvents
        self.unsyncedEvents = unsyncedEvents
    }

    /// Work is waiting for the log writer: the durable seq must move.
    public var hasPendingWrites: Bool { stagedEvents > 0 || unsyncedEvents > 0 }
}

extension Engine {
    /// A cheap probe for the watchdog. That it returns at all proves the engine's lock is not stuck;
    /// what it returns tells whether the log writer keeps up (see `CommitProgressMonitor`).
    public func healthSample(log: SegmentedLog) -> EngineHealthSample {
        let staged = status()["staged"]?.int64Value ?? 0
        let written = log.lastSeq
        let durable = log.durableSeq
        return EngineHealthSample(
            durableSeq: figures().seq, stagedEvents: Int(clamping: staged),
            unsyncedEvents: written > durable ? written - durable : 0)
    }
}

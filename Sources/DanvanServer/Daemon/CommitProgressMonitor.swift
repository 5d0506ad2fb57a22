/// Decides from successive health samples whether the log writer is stuck.
///
/// The writer is stuck when work waits for it (staged or unsynced events) and the durable
/// seq has not moved for `stallLimit`. An idle daemon is healthy however long it idles, and
/// a busy one is healthy as long as the durable seq keeps moving. Pure state machine: every
/// transition is one call to `observe`, tested without threads or clocks.
public struct CommitProgressMonitor: Sendable {
    /// The verdict on one sample.
    public enum Verdict: Sendable, Hashable {
        /// Keep pinging the watchdog.
        case healthy
        /// Pending writes have not progressed for this long: stop pinging.
        case stalled(Duration)
    }

    /// How long pending writes may go without progress.
    public let stallLimit: Duration
    private var lastDurable: UInt64?
    private var waitingSince: ContinuousClock.Instant?

    /// Creates a monitor.
    public init(stallLimit: Duration) {
        self.stallLimit = stallLimit
    }

    /// Feeds one sample taken at `now`.
    public mutating func observe(_ sample: EngineHealthSample, at now: ContinuousClock.Instant) -> Verdict {
        if sample.durableSeq != lastDurable {
            lastDurable = sample.durableSeq
            waitingSince = sample.hasPendingWrites ? now : nil
            return .healthy
        }
        guard sample.hasPendingWrites else {
            waitingSince = nil
            return .healthy
        }
        let since = waitingSince ?? now
        waitingSince = since
        let waited = now - since
        return waited >= stallLimit ? .stalled(waited) : .healthy
    }
}

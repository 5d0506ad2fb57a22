import DanvanServer
import Testing

/// When the log writer counts as stuck: pending writes and a durable seq that does not move.
@Suite struct CommitProgressMonitorTests {
    let start = ContinuousClock.now
    func at(_ ms: Int) -> ContinuousClock.Instant { start + .milliseconds(ms) }
    func sample(durable: UInt64, staged: Int = 0, unsynced: UInt64 = 0) -> EngineHealthSample {
        EngineHealthSample(durableSeq: durable, stagedEvents: staged, unsyncedEvents: unsynced)
    }

    @Test func anIdleDaemonIsHealthyForever() {
        var monitor = CommitProgressMonitor(stallLimit: .seconds(1))
        for ms in stride(from: 0, through: 60_000, by: 500) {
            #expect(monitor.observe(sample(durable: 10), at: at(ms)) == .healthy)
        }
    }

    @Test func aBusyWriterThatKeepsUpIsHealthy() {
        var monitor = CommitProgressMonitor(stallLimit: .seconds(1))
        for (i, ms) in stride(from: 0, through: 10_000, by: 500).enumerated() {
            #expect(monitor.observe(sample(durable: UInt64(i * 100), staged: 50), at: at(ms)) == .healthy)
        }
    }

    @Test func stagedEventsWithoutProgressStallAfterTheLimit() {
        var monitor = CommitProgressMonitor(stallLimit: .seconds(1))
        #expect(monitor.observe(sample(durable: 5), at: at(0)) == .healthy)
        #expect(monitor.observe(sample(durable: 5, staged: 3), at: at(500)) == .healthy)
        #expect(monitor.observe(sample(durable: 5, staged: 3), at: at(1000)) == .healthy)
        #expect(monitor.observe(sample(durable: 5, staged: 4), at: at(1500)) == .stalled(.seconds(1)))
        #expect(monitor.observe(sample(durable: 5, staged: 4), at: at(2500)) == .stalled(.seconds(2)))
    }

    @Test func writtenButUnsyncedEventsCountAsPending() {
        var monitor = CommitProgressMonitor(stallLimit: .milliseconds(800))
        #expect(monitor.observe(sample(durable: 5, unsynced: 2), at: at(0)) == .healthy)
        #expect(monitor.observe(sample(durable: 5, unsynced: 2), at: at(900)) == .stalled(.milliseconds(900)))
    }

    @Test func progressEndsAStall() {
        var monitor = CommitProgressMonitor(stallLimit: .seconds(1))
        _ = monitor.observe(sample(durable: 5, staged: 1), at: at(0))
        #expect(monitor.observe(sample(durable: 5, staged: 1), at: at(2000)) == .stalled(.seconds(2)))
        #expect(monitor.observe(sample(durable: 6, staged: 1), at: at(2500)) == .healthy)
        #expect(monitor.observe(sample(durable: 6, staged: 1), at: at(3000)) == .healthy)
        #expect(monitor.observe(sample(durable: 6, staged: 1), at: at(3500)) == .stalled(.seconds(1)))
    }

    @Test func drainingTheQueueEndsTheWait() {
        var monitor = CommitProgressMonitor(stallLimit: .seconds(1))
        _ = monitor.observe(sample(durable: 5, staged: 1), at: at(0))
        #expect(monitor.observe(sample(durable: 5), at: at(900)) == .healthy)
        #expect(monitor.observe(sample(durable: 5, staged: 1), at: at(1500)) == .healthy)
        #expect(monitor.observe(sample(durable: 5, staged: 1), at: at(2500)) == .stalled(.seconds(1)))
    }
}

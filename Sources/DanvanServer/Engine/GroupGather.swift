/// When a commit turn starts: group commit's gathering, as a plain value the engine keeps
/// under its lock and feeds with the time (µs, `Clock`), so every decision is a pure
/// function tested without a clock (`GroupGatherTests`).
///
/// Group commit as PostgreSQL's `commit_delay` does it, but measured instead of set: a turn
/// takes what is staged when it starts, so appenders that got their replies from the last
/// turn and answer a few tens of µs later (a client's round trip) miss the next one and wait
/// a whole turn more; 16 clients then fall into two cohorts that alternate, half of them per
/// `fdatasync` (6.2 events per commit, BENCHMARKS.md). A turn waits until as many appends are
/// staged as took part in the last turn and arrived during it, which keeps them in one turn
/// (13–15 per commit). The wait is bounded by `window` from the oldest staged append, so an
/// appender that went away costs that at most once (the next turn expects one fewer); a lone
/// client expects itself only and never waits.
struct GroupGather: Sendable {
    /// The longest a staged append waits for the others of its group, µs: about a client's
    /// round trip on these machines, and below one `fdatasync` (80 and 300 µs measured worse).
    static let window: Int64 = 150
    /// A turn never waits for more appends than this: pipelined clients keep hundreds staged
    /// and need no gathering.
    static let largestGroup = 64

    /// Appends the next turn waits for.
    private(set) var expected = 1
    /// When the oldest staged append was staged.
    private var firstStagedMicros: Int64 = 0
    /// The commit thread waits for the group with `window`'s deadline: staging part of the
    /// group need not wake it, only the append that completes it (`Engine.commitOrWake`).
    var threadWaiting = false

    /// An append was staged at `now`; `first` when nothing was staged before it.
    mutating func staged(first: Bool, now: Int64) {
        if first { firstStagedMicros = now }
    }

    /// How long (µs) a turn should still wait with `staged` appends staged; 0: start now.
    func wait(staged: Int, now: Int64) -> Int64 {
        guard staged > 0, staged < expected else { return 0 }
        return max(0, Self.window - (now - firstStagedMicros))
    }

    /// A turn took `taken` appends, and `stagedMeanwhile` were staged while it ran.
    mutating func turnEnded(taken: Int, stagedMeanwhile: Int) {
        expected = min(taken + stagedMeanwhile, Self.largestGroup)
    }
}

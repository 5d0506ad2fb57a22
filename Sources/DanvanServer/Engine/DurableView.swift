import DanvanDomain
import DanvanStorage
import Synchronization

/// The durable half of the engine's state — the projection, the durable seq and the
/// snapshot of durable records — behind locks of its own, apart from the engine's.
///
/// Queries, reads and replies waiting for durability touch only this, so they never queue
/// behind appends being admitted: a query is one read of the projection on the event loop
/// that read it, beside the other loop's queries (a read-write lock). A commit turn moves it
/// forward under the write lock: it applies the batch, and before letting go raises the seq
/// and collects the waiters, so anyone who sees a seq also sees its events in the projection
/// (read your own writes).
final class DurableView: Sendable {
    /// What a commit turn publishes beside the projection.
    private struct Published {
        var seq: UInt64
        var snapshot: LogSnapshot
        /// Who waits for a seq to be durable: replies on event loops and tasks alike.
        var waiters: [(seq: UInt64, callback: @Sendable () -> Void)] = []
    }

    /// Read by queries from both event loops at once; written by the commit turn alone.
    private let projection: ReadWriteLock<Projection>
    /// Taken inside the projection's lock when both are needed (never the other way round).
    private let published: Mutex<Published>

    init(projection: Projection, seq: UInt64, snapshot: LogSnapshot) {
        self.projection = ReadWriteLock(projection)
        published = Mutex(Published(seq: seq, snapshot: snapshot))
    }

    /// The log is durable up to here.
    var seq: UInt64 { published.withLock { $0.seq } }

    /// A reader of every durable record.
    var snapshot: LogSnapshot { published.withLock { $0.snapshot } }

    /// The durable seq with the projection's event and unit counts, taken together.
    func counts() -> (seq: UInt64, events: UInt64, units: Int) {
        projection.withReadLock { p in
            (published.withLock { $0.seq }, p.eventCount, p.units.count)
        }
    }

    /// A copy of the projection, for a state snapshot. Copy-on-write: cheap here; the next
    /// `advance` pays for copying what it changes.
    func projectionCopy() -> Projection {
        projection.withReadLock { copy $0 }
    }

    /// Runs `body` on the projection, beside other readers (keep it short: the commit turn waits meanwhile).
    func read<T: Sendable, E: Error>(_ body: (borrowing Projection) throws(E) -> T) throws(E) -> T {
        try projection.withReadLock(body)
    }

    /// Returns once the log is durable up to `target`.
    func wait(until target: UInt64) async {
        if seq >= target { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            notify(when: target) { continuation.resume() }
        }
    }

    /// Calls `callback` once the log is durable up to `target`: at once (on this thread) when
    /// it already is, otherwise on the thread that makes it durable, after the projection
    /// shows it. For event loops, which must not wait: keep `callback` short (hand the work
    /// to the loop with `execute`).
    func notify(when target: UInt64, _ callback: @escaping @Sendable () -> Void) {
        let ready = published.withLock { s -> Bool in
            if s.seq >= target { return true }
            s.waiters.append((target, callback))
            return false
        }
        if ready { callback() }
    }

    /// Applies what just became durable, publishes the new seq and snapshot, and wakes the
    /// waiters it satisfies (after leaving the locks). The seq is published before the
    /// projection's lock is released, so a reader never sees the one without the other.
    func advance(to newSeq: UInt64, snapshot: LogSnapshot, applying apply: (inout Projection) -> Void) {
        let ready = projection.withWriteLock { p -> [@Sendable () -> Void] in
            apply(&p)
            return published.withLock { s -> [@Sendable () -> Void] in
                s.seq = newSeq
                s.snapshot = snapshot
                var ready: [@Sendable () -> Void] = []
                s.waiters.removeAll { waiter in
                    guard waiter.seq <= newSeq else { return false }
                    ready.append(waiter.callback)
                    return true
                }
                return ready
            }
        }
        for call in ready { call() }
    }
}

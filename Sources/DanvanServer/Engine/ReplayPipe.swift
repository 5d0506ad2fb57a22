import DanvanDomain
import Dispatch
import Synchronization

/// A bounded hand-off of checked events from the thread that reads the log to the thread
/// that applies them to the projection (see `Replay.run`).
///
/// Bounded so that a fast reader cannot decode the whole log into memory ahead of a slow
/// applier: at most `depth` batches wait. Either side can end it early: the reader by
/// `finish()` (the log is read, or failed), the applier by `abandon()`, after which `put`
/// refuses further batches at once.
final class ReplayPipe: Sendable {
    private struct State {
        var batches: [[CheckedEvent]] = []
        var finished = false
        var abandoned = false
    }

    private let state = Mutex(State())
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(depth: Int) {
        // Created at 0 and raised: libdispatch traps when a semaphore is released below the
        // value it was created with, which an early end (`abandon`) can leave it at.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, depth) { free.signal() }
    }

    /// Hands a batch over, waiting while `depth` batches wait; false once the applier gave up.
    func put(_ batch: [CheckedEvent]) -> Bool {
        free.wait()
        let accepted = state.withLock { s -> Bool in
            guard !s.abandoned else { return false }
            s.batches.append(batch)
            return true
        }
        if accepted { filled.signal() } else { free.signal() }
        return accepted
    }

    /// No more batches will come.
    func finish() {
        state.withLock { $0.finished = true }
        filled.signal()
    }

    /// The next batch, or nil once the reader finished and every batch was taken.
    func take() -> [CheckedEvent]? {
        while true {
            filled.wait()
            let next = state.withLock { s -> (batch: [CheckedEvent]?, done: Bool) in
                if !s.batches.isEmpty { return (s.batches.removeFirst(), false) }
                return (nil, s.finished)
            }
            if let batch = next.batch {
                free.signal()
                return batch
            }
            if next.done {
                filled.signal()  // later calls return nil too
                return nil
            }
        }
    }

    /// The applier stops: the reader's next `put` returns false (and one waiting now wakes).
    func abandon() {
        state.withLock { $0.abandoned = true; $0.batches.removeAll() }
        free.signal()
    }
}

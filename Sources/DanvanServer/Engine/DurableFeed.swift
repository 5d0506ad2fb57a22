import Synchronization

/// Tells subscribers that the durable seq moved, without ever holding events for them.
///
/// Each subscriber gets a stream that buffers only the newest durable seq, so a
/// subscriber that does not keep up costs one integer, never a queue of events: it
/// reads what it missed from the log at its own pace. Appends never wait for it.
final class DurableFeed: Sendable {
    private let subscribers = Mutex<(next: Int, all: [Int: AsyncStream<UInt64>.Continuation])>((0, [:]))

    /// A new stream of durable seqs (starting with `current`); ends when `cancel` is called
    /// with its id or when its consumer's task is cancelled.
    func subscribe(current: UInt64) -> (id: Int, seqs: AsyncStream<UInt64>) {
        let (stream, continuation) = AsyncStream.makeStream(of: UInt64.self, bufferingPolicy: .bufferingNewest(1))
        let id = subscribers.withLock { state in
            let id = state.next
            state.next += 1
            state.all[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        continuation.yield(current)
        return (id, stream)
    }

    /// Ends the stream of subscriber `id`.
    func cancel(_ id: Int) {
        let continuation = subscribers.withLock { $0.all.removeValue(forKey: id) }
        continuation?.finish()
    }

    /// Publishes a new durable seq to every subscriber.
    func publish(_ seq: UInt64) {
        let all = subscribers.withLock { Array($0.all.values) }
        for c in all { c.yield(seq) }
    }

    /// Ends every stream (shutdown).
    func finishAll() {
        let all = subscribers.withLock { state in
            let values = Array(state.all.values)
            state.all.removeAll()
            return values
        }
        for c in all { c.finish() }
    }

    /// Number of live subscriptions.
    var count: Int { subscribers.withLock { $0.all.count } }

    private func remove(_ id: Int) {
        _ = subscribers.withLock { $0.all.removeValue(forKey: id) }
    }
}

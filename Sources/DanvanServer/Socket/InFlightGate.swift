import Synchronization

/// Bounds the requests of one connection whose replies are not written yet.
///
/// The reader takes a slot before handling a request and the writer gives it back once
/// the reply is on the socket; when all slots are taken the reader waits, so a client
/// that pipelines without reading its replies is simply not read from any more (TCP-style
/// back-pressure) instead of making the daemon queue replies without end.
final class InFlightGate: Sendable {
    private let state: Mutex<(used: Int, waiter: CheckedContinuation<Void, Never>?)>
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
        state = Mutex((0, nil))
    }

    /// Takes a slot, waiting while all are in use. Only the connection's reader calls it.
    func acquire() async {
        let ready = state.withLock { s -> Bool in
            guard s.used >= limit else {
                s.used += 1
                return true
            }
            return false
        }
        if ready { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.used < limit {
                    s.used += 1
                    return true
                }
                s.waiter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Gives a slot back (after a reply was written).
    func release() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiter {
                // Hand the slot straight to the waiting reader.
                s.waiter = nil
                return w
            }
            s.used -= 1
            return nil
        }
        waiter?.resume()
    }

    /// Wakes a waiting reader for good (the writer is gone: nothing will be released).
    func open() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.used = Int.min / 2
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }
}

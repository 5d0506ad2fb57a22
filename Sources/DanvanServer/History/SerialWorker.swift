import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Runs blocking jobs one at a time, in the order given, on a thread of its own at a lower
/// CPU priority: the `asOf` work (rebuilding a past state by replaying the log, finding a
/// time in it), which may take seconds on a long log.
///
/// Why not the thread pool `read` uses: a rebuild holds its thread for seconds, and the
/// watchdog wants a thread of that pool free; and one at a time is the bound on the memory
/// and CPU that past states take (a rebuild holds a registry and a projection of the log up
/// to its point). A job queued behind another waits without holding any thread; a rebuild a
/// queued job needs is usually in the cache by the time it runs (`HistoricalStates`).
///
/// The thread runs at nice 10 (`setpriority`): on 2 cores a rebuild would otherwise take a
/// core's worth of time slices from the event loops and the commit thread, and appends must
/// not wait for a report. It exists only while there is work: started by the first job,
/// gone once the queue is empty, so there is nothing to shut down.
final class SerialWorker: Sendable {
    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        var running = false
    }

    private let queue = Mutex(Queue())
    private let name: String

    /// A worker whose thread is named `name` (at most 15 bytes are kept).
    init(name: String) {
        self.name = name
    }

    /// Runs `body` on the worker's thread after the jobs queued before it, and returns what
    /// it returned or threw.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Jobs queued or running, for tests and the status of a busy daemon.
    var pending: Int { queue.withLock { $0.jobs.count + ($0.running ? 1 : 0) } }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        let start = queue.withLock { q -> Bool in
            q.jobs.append(job)
            guard !q.running else { return false }
            q.running = true
            return true
        }
        guard start else { return }
        let name = self.name
        let thread = Thread { [self] in
            ThreadName.set(name)
            #if os(Linux)
            // Best effort: lowering one's own priority needs no privilege; a refusal (a
            // seccomp filter answering EPERM) leaves the thread at the normal priority. On
            // Linux the nice value is per thread, and `who` 0 is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            drain()
        }
        thread.start()
    }

    private func drain() {
        while let job = queue.withLock({ q -> (@Sendable () -> Void)? in
            guard !q.jobs.isEmpty else {
                q.running = false
                return nil
            }
            return q.jobs.removeFirst()
        }) {
            job()
        }
    }
}

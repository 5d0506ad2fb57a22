import NIOConcurrencyHelpers

/// A database step that took longer than its deadline (a server gone without closing the
/// connection, a half-open TCP session, a step that ignores cancellation): treated as a lost
/// database.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    /// How long it was given.
    public let seconds: Int
    /// Says so.
    public var description: String { "no answer within \(seconds) s" }
}

/// Runs `operation`, throwing `DeadlineExceeded` after `seconds` and cancelling it.
///
/// Unlike a task group, it does not wait for a cancelled operation to finish: a step stuck on a
/// dead connection is left behind (its connection is dropped by the caller), and shipping goes on.
func withDeadline<T: Sendable>(seconds: Int, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let resumed = NIOLockedValueBox(false)
    let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
    let stop = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        @Sendable func finish(_ result: Result<T, any Error>) {
            let first = resumed.withLockedValue { done in
                defer { done = true }
                return !done
            }
            guard first else { return }
            tasks.withLockedValue { $0.forEach { $0.cancel() } }
            continuation.resume(with: result)
        }
        stop.withLockedValue { $0 = { finish(.failure(CancellationError())) } }
        if Task.isCancelled { finish(.failure(CancellationError())) }
        let work = Task {
            do { finish(.success(try await operation())) } catch { finish(.failure(error)) }
        }
        let timer = Task {
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
            finish(.failure(DeadlineExceeded(seconds: seconds)))
        }
        tasks.withLockedValue { $0 = [work, timer] }
        if resumed.withLockedValue({ $0 }) { work.cancel(); timer.cancel() }
      }
    } onCancel: {
        stop.withLockedValue { $0 }?()
    }
}

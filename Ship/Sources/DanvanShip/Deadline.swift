/// A database step that took longer than its deadline (a server gone without closing the
/// connection, a half-open TCP session): treated as a lost database.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    /// How long it was given.
    public let seconds: Int
    /// Says so.
    public var description: String { "no answer within \(seconds) s" }
}

/// Runs `operation`, cancelling it and throwing `DeadlineExceeded` after `seconds`.
func withDeadline<T: Sendable>(seconds: Int, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw DeadlineExceeded(seconds: seconds) }
        return value
    }
}

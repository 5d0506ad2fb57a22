/// Exponential backoff for retries: `initial`, doubled each attempt, capped at `maximum`.
public struct Backoff: Sendable, Equatable {
    /// The first wait, in milliseconds.
    public var initialMilliseconds: Int
    /// The longest wait, in milliseconds.
    public var maximumMilliseconds: Int

    /// A backoff.
    public init(initialMilliseconds: Int = 100, maximumMilliseconds: Int = 10_000) {
        self.initialMilliseconds = max(1, initialMilliseconds)
        self.maximumMilliseconds = max(self.initialMilliseconds, maximumMilliseconds)
    }

    /// The wait before retry number `attempt` (1 for the first retry).
    public func delay(attempt: Int) -> Int {
        var d = initialMilliseconds
        var n = 1
        while n < attempt, d < maximumMilliseconds {
            d = d.multipliedReportingOverflow(by: 2).overflow ? maximumMilliseconds : d * 2
            n += 1
        }
        return min(d, maximumMilliseconds)
    }
}

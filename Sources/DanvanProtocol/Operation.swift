/// The operations of protocol v1.
public enum Operation: String, Sendable, CaseIterable {
    /// Server name, versions, the caller's role and the list of operations.
    case hello
    /// Append a batch of events atomically.
    case append
    /// Read stored events from a sequence number.
    case read
    /// Ask a projection.
    case query
    /// Log and daemon figures.
    case status
    /// The event catalogue.
    case schema
    /// Stream events from a sequence number on: catch-up, then live.
    case subscribe
    /// End a subscription of this connection.
    case unsubscribe
    /// Copy the log, consistent up to the current durable seq, into a new directory (admin).
    case backup

    /// Protocol version reported by `hello`.
    public static let protocolVersion = 1
}

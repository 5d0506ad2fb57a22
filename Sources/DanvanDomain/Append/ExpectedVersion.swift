/// Optimistic concurrency for a stream: the writer states what it last saw.
public enum ExpectedVersion: Sendable, Hashable {
    /// No check.
    case any
    /// The stream must have no events yet.
    case none
    /// The stream must be at exactly this version.
    case exactly(Int64)
}

/// An append the state refuses as a whole: nothing of the batch is stored.
public enum AppendRefusal: Error, Sendable, Hashable {
    /// An event is invalid.
    case invalid(ValidationError)
    /// The stream is not at the expected version.
    case conflict(stream: String, expected: ExpectedVersion, actual: Int64)
}

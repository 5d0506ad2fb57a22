import NIOCore

/// A connection as the child channel initializer hands it to the accept loop.
struct Accepted: Sendable {
    /// The connection, whose lines arrive decoded by `ImmediateReplies`.
    let channel: NIOAsyncChannel<DecodedLine, ByteBuffer>
    /// Who is on the other end (`SO_PEERCRED`).
    let peer: PeerCredentials
    /// Answers memory-only requests on the event loop once the accept loop enables it: a
    /// connection refused for `max_connections` never answers anything but its refusal.
    let immediate: NIOLoopBound<ImmediateReplies>
}

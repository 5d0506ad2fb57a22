/// Why the body of a state snapshot does not decode. Never fatal to the daemon: the
/// snapshot is only a shortcut, so a snapshot that fails to decode is ignored and the
/// log replayed in full.
public struct StateSnapshotError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let reason: String
    /// Byte offset in the body where it was found.
    public let offset: Int

    init(_ error: PayloadError) {
        reason = "\(error.reason)"
        offset = error.offset
    }

    public var description: String { "snapshot body does not decode at byte \(offset): \(reason)" }
}

/// A record payload that does not decode: corruption that passed the CRC, or a payload
/// from a newer danvan. Replay stops on it rather than skip a fact.
public struct EventCodecError: Error, Sendable, CustomStringConvertible {
    /// The record's sequence number.
    public let seq: UInt64
    /// What is wrong.
    public let reason: String

    init(seq: UInt64, _ reason: String) {
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "record \(seq): \(reason)" }
}

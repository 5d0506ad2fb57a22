import DanvanJSON

/// The `data` of one event type: read from JSON with exact validation of its own shape,
/// written back to JSON in catalogue order. Cross-event rules (does the unit exist?)
/// are the `Registry`'s job, not the payload's.
public protocol EventPayload: Sendable, Hashable {
    /// The catalogue entry this payload belongs to.
    static var type: EventType { get }
    /// Reads and checks every field; refuses unknown ones.
    init(reading reader: inout FieldReader) throws(ValidationError)
    /// The payload as the protocol's `data` object.
    var json: JSONObject { get }
}

/// Limits on amounts: far above any real figure, far below overflow of sums.
public enum Limits {
    /// Largest money amount in one event (10^15 VND).
    public static let vnd: ClosedRange<Int64> = 1...1_000_000_000_000_000
    /// Money that may be zero (asset values, works' value).
    public static let vndOrZero: ClosedRange<Int64> = 0...1_000_000_000_000_000
    /// Counts of households, participants, works, attendees.
    public static let count: ClosedRange<Int64> = 1...10_000_000
    /// Counts that may be zero.
    public static let countOrZero: ClosedRange<Int64> = 0...10_000_000
    /// Opinions raised at one dialogue.
    public static let opinionsPerDialogue = 10_000
}

extension JSONObject {
    mutating func put(_ key: String, _ value: String?) {
        if let value { members.append((key, .string(value))) }
    }
    mutating func put(_ key: String, _ value: Int64?) {
        if let value { members.append((key, .number(String(value)))) }
    }
    mutating func put(_ key: String, _ value: Quantity?) {
        if let value { members.append((key, .number(value.description))) }
    }
    mutating func put(_ key: String, _ value: Day) {
        members.append((key, .string(value.description)))
    }
    mutating func put<E: RawRepresentable>(_ key: String, _ value: E) where E.RawValue == String {
        members.append((key, .string(value.rawValue)))
    }
}

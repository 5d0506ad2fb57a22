import DanvanJSON

/// The point of the log a query answers at (`asOf`): the figures as a daemon holding only
/// the log up to that point would give them, so a commission can say what it reported on a
/// date after later entries and corrections changed the figures.
///
/// Kept apart from `Query` on purpose: it applies to every projection alike, and the server
/// takes it out of the parameters before `Query(params:)` reads the rest, so the
/// projections' parameters and this one evolve independently.
public enum AsOf: Sendable, Hashable {
    /// Every event up to and including this seq (0: none, the empty state).
    case seq(UInt64)
    /// Every event up to the last one whose `recordedAt` (µs since the Unix epoch) is at or
    /// before this moment.
    case time(Int64)
    /// The end of this day in the province's time zone (the daemon's `time_zone`), which only
    /// the server knows: resolved there to the day's last microsecond, then as `time`.
    case endOfDay(Day)

    /// The accepted forms, for every refusal.
    public static let forms =
        "a seq (a whole number, 0 for the empty state), an RFC 3339 time with its zone offset "
        + "(2026-03-31T23:59:59+07:00 or 2026-03-31T16:59:59Z, compared with each event's recordedAt) "
        + "or a date YYYY-MM-DD (the end of that day in the province's time zone)"

    /// Removes `asOf` from a query's parameters and reads it; nil when it is absent or null.
    /// The rest of `params` is left to `Query(params:)`.
    public static func take(from params: inout JSONObject) throws(ValidationError) -> AsOf? {
        guard let value = params["asOf"] else { return nil }
        params["asOf"] = nil
        return try parse(value)
    }

    /// Reads an `asOf` value: a JSON integer ≥ 0, or a string holding an RFC 3339 time with
    /// an offset or a `YYYY-MM-DD` date. Nil for null. Nothing is guessed: a time without an
    /// offset, a seq written as text or with a fraction, a day-first date are refused with
    /// the form to write.
    public static func parse(_ value: JSONValue) throws(ValidationError) -> AsOf? {
        switch value {
        case .null:
            return nil
        case .number(let text):
            guard let n = value.int64Value, n >= 0 else {
                throw refusal("asOf \(text) is not a seq: a seq is a whole number from 0 up")
            }
            return .seq(UInt64(n))
        case .string(let text):
            if text.utf8.count == 10, let day = Day(text) { return .endOfDay(day) }
            if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                throw refusal("asOf '\(text)' is text: send a seq as a JSON number (\"asOf\": \(text))")
            }
            switch RFC3339Time.parse(text) {
            case .success(let micros): return .time(micros)
            case .failure(let problem): throw refusal("asOf '\(text)': \(problem.description)")
            }
        default:
            throw ValidationError(.wrongType, path: "asOf", "asOf must be \(forms); got \(value.kindName)")
        }
    }

    private static func refusal(_ what: String) -> ValidationError {
        ValidationError(.invalidValue, path: "asOf", "\(what); asOf takes \(forms)")
    }
}

import DanvanClient
import DanvanDomain
import DanvanJSON

/// `--as-of` as staff type it, turned into the protocol's `asOf`: a seq (a whole number, read
/// by the session's number style like every other), an RFC 3339 time (sent as typed: the
/// daemon refuses one without a zone offset, saying to add `Z` or `+07:00`), or a date
/// `YYYY-MM-DD` for the end of that day in the province's time zone (a date written another
/// way, `31/03/2026` or `05/06/2023`, is refused with the form to write by `DateInput`, the one
/// rule every date danvanctl reads follows: nothing is read day first or month first); the daemon resolves it in its own `time_zone`, so
/// the shell and the daemon never disagree about which day it is. Every table then says which
/// point of the log it stood at (`caption`).
enum AsOfInput {
    /// The help line of `--as-of`.
    static let help =
        "the figures as they stood at a point of the log: a seq, an RFC 3339 time (2026-03-31T23:59:59+07:00) "
        + "or a date YYYY-MM-DD (2026-03-31: the end of that day in the province's time zone)"

    /// The `asOf` value for `text`.
    static func value(_ text: String, numbers: NumberReader) throws(CommandFailure) -> JSONValue {
        try DateInput.check(text, label: "--as-of")
        if Day(text) != nil { return .string(text) }
        if text.first?.isASCII == true, text.first?.isNumber == true,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "_") })
        {
            let seq: Int64
            do {
                seq = try numbers.integer(text, label: "--as-of")
            } catch {
                throw .usage("\(error.message); --as-of takes \(AsOf.forms), or a date YYYY-MM-DD")
            }
            return .int(seq)
        }
        guard text.count >= 10, text.first?.isNumber == true else {
            throw .usage("--as-of '\(text)' is not a seq, a time or a date; --as-of takes \(AsOf.forms), or a date YYYY-MM-DD")
        }
        // A time: the daemon reads it (and refuses one without a zone offset, with what to add).
        return .string(text)
    }

    /// The line a table ends with when the answer stood at a past point: `as of seq 8,684
    /// (recorded 2026-03-31T16:59:59.999999Z)`; nil when the answer has no `asOf`.
    static func caption(_ result: JSONValue) -> String? {
        guard let asOf = result["asOf"]?.objectValue, let seq = asOf["seq"]?.int64Value else { return nil }
        guard let recorded = asOf["recordedAt"]?.stringValue else {
            return "as of seq \(NumberFormat.grouped(seq)) (before the first event)"
        }
        return "as of seq \(NumberFormat.grouped(seq)) (recorded \(recorded))"
    }
}

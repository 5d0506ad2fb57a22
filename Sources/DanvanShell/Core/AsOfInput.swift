import DanvanClient
import DanvanDomain
import DanvanJSON

/// `--as-of` as staff type it, turned into the protocol's `asOf`: a seq (a whole number, read
/// by the session's number style like every other), an RFC 3339 time (sent as typed: the
/// daemon refuses one without a zone offset, saying to add `Z` or `+07:00`), or a date,
/// `YYYY-MM-DD` or `dd/mm/yyyy` (day first, as Vietnamese dates are written), for the end of
/// that day in the province's time zone; the daemon resolves it in its own `time_zone`, so
/// the shell and the daemon never disagree about which day it is. Every table then says which
/// point of the log it stood at (`caption`).
enum AsOfInput {
    /// The help line of `--as-of`.
    static let help =
        "the figures as they stood at a point of the log: a seq, an RFC 3339 time (2026-03-31T23:59:59+07:00) "
        + "or a date (2026-03-31 or 31/03/2026: the end of that day in the province's time zone)"

    /// The `asOf` value for `text`.
    static func value(_ text: String, numbers: NumberReader) throws(CommandFailure) -> JSONValue {
        if let day = dayFirst(text) { return .string(day.description) }
        if Day(text) != nil { return .string(text) }
        if text.first?.isASCII == true, text.first?.isNumber == true,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "_") })
        {
            let seq: Int64
            do {
                seq = try numbers.integer(text, label: "--as-of")
            } catch {
                throw .usage("\(error.message); --as-of takes \(AsOf.forms), or a date dd/mm/yyyy")
            }
            return .int(seq)
        }
        guard text.count >= 10, text.first?.isNumber == true else {
            throw .usage("--as-of '\(text)' is not a seq, a time or a date; --as-of takes \(AsOf.forms), or a date dd/mm/yyyy")
        }
        // A time: the daemon reads it (and refuses one without a zone offset, with what to add).
        return .string(text)
    }

    /// `dd/mm/yyyy` (one or two digits for day and month) as a day, when it is one.
    static func dayFirst(_ text: String) -> Day? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
            let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
        else { return nil }
        let iso = String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
        return Day(iso)
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

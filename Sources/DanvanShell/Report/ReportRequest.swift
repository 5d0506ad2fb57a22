import DanvanJSON

/// What `danvanctl report` was asked: the unit, the period (as the protocol's parameters),
/// the period to compare with, the age of the open opinions to list, the point of the log,
/// the language.
struct ReportRequest: Sendable {
    /// The unit as typed (a code or a name); nil for all provinces.
    var unit: String?
    /// The period as `year`/`period`/`from`/`to`/`cutoff` parameters.
    var scope: JSONObject
    /// The named period to compare with (`--compare 2022-Q2`), if any.
    var compare: String?
    /// Open opinions older than this many days are listed.
    var olderThanDays: Int64 = 30
    /// `--as-of` as the protocol's `asOf`, nil for now.
    var asOf: JSONValue?
    /// The language of the labels and numbers.
    var language: ReportLanguage

    /// The compared period's parameters: the named period, with the main period's cutoff.
    var compareScope: JSONObject? {
        guard let compare else { return nil }
        var p = JSONObject()
        p["period"] = .string(compare)
        if let cutoff = scope["cutoff"] { p["cutoff"] = cutoff }
        if let view = scope["boundaries"] { p["boundaries"] = view }
        return p
    }
}

/// How a report writes numbers and dates in its language: the one place that knows
/// Vietnamese `649.003`, `283,75`, `98,7%`, `31/12/2023` and English `649,003`, `283.75`,
/// `98.7%`, `2023-12-31`.
///
/// Everything works on the exact decimal text the daemon sends, never through `Double`:
/// what the report prints has the digits of the JSON, only grouped and punctuated.
struct ReportFormat: Sendable {
    /// The language.
    var language: ReportLanguage

    /// The thousands separator: "." in Vietnamese, "," in English.
    var groupSeparator: Character { language == .vi ? "." : "," }
    /// The decimal mark: "," in Vietnamese, "." in English.
    var decimalMark: Character { language == .vi ? "," : "." }

    /// A decimal text ("649003", "283.75", "-1200.5") grouped and punctuated: "649.003",
    /// "283,75", "-1.200,5" in Vietnamese. Text that is not a plain decimal is returned as it is.
    func number(_ text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return text }
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped.append(groupSeparator) }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count == 2 ? String(decimalMark) + parts[1] : "")
    }

    /// A whole number, grouped.
    func number(_ value: Int64) -> String { number(String(value)) }

    /// A change between two figures, with its sign: "+1.234", "-0,5", "0".
    func signedNumber(_ text: String) -> String {
        text.hasPrefix("-") || text == "0" ? number(text) : "+" + number(text)
    }

    /// A rate the daemon sends as a fraction ("0.9870") as a percentage rounded half-up to
    /// one decimal: "98,7%" in Vietnamese, "98.7%" in English; "-" when there is none (null).
    func percent(fraction text: String?) -> String {
        guard let tenths = Self.tenthsOfPercent(text) else { return "-" }
        return tenthsText(tenths) + "%"
    }

    /// The change between two rates in percentage points, signed: "+1,2 điểm %", "-0.4 pp".
    func pointsChange(from old: String?, to new: String?) -> String {
        guard let a = Self.tenthsOfPercent(old), let b = Self.tenthsOfPercent(new) else { return "-" }
        let d = b - a
        return (d > 0 ? "+" : "") + tenthsText(d) + (language == .vi ? " điểm %" : " pp")
    }

    /// A date `YYYY-MM-DD` as `31/12/2023` in Vietnamese, unchanged in English (which reads
    /// day-first and month-first dates differently); anything else as it is.
    func date(_ iso: String) -> String {
        guard language == .vi, let (y, m, d) = Self.dateParts(iso) else { return iso }
        return "\(d)/\(m)/\(y)"
    }

    /// A time `2026-12-07T12:35:55.537277Z` as "07/12/2026 12:35:55 UTC" in Vietnamese,
    /// "2026-12-07 12:35:55 UTC" in English.
    func time(_ rfc3339: String) -> String {
        guard rfc3339.count >= 19, let (y, m, d) = Self.dateParts(String(rfc3339.prefix(10))) else { return rfc3339 }
        let clock = rfc3339.dropFirst(11).prefix(8)
        let zone = rfc3339.hasSuffix("Z") ? " UTC" : ""
        return (language == .vi ? "\(d)/\(m)/\(y)" : "\(y)-\(m)-\(d)") + " " + clock + zone
    }

    /// The parts of `YYYY-MM-DD`, nil for anything else.
    static func dateParts(_ iso: String) -> (String, String, String)? {
        let p = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return (String(p[0]), String(p[1]), String(p[2]))
    }

    /// A fraction's percentage in tenths, rounded half away from zero ("0.98765" is 988).
    static func tenthsOfPercent(_ text: String?) -> Int64? {
        guard let text, let q = ExactDecimal(text) else { return nil }
        // tenths of a percent = fraction × 1000.
        var divisor: Int128 = 1
        for _ in 0..<q.scale { divisor *= 10 }
        let scaled = q.units * 1000
        let half = divisor / 2
        let rounded = scaled >= 0 ? (scaled + (divisor == 1 ? 0 : half)) / divisor : (scaled - (divisor == 1 ? 0 : half)) / divisor
        return Int64(clamping: rounded)
    }

    /// Tenths as "98,7" / "98.7", "-0,4".
    func tenthsText(_ tenths: Int64) -> String {
        let sign = tenths < 0 ? "-" : ""
        let m = tenths.magnitude
        return sign + number(String(m / 10)) + String(decimalMark) + String(m % 10)
    }
}
